// The timers' schedules and the London times they serve, kept in agreement. Azure Functions timers run in
// UTC (Flex Consumption does not honour WEBSITE_TIME_ZONE), while the council thinks in London time: the
// digest's schedule is derived from DIGEST_DAY and DIGEST_TIME, and a schedule set by hand is checked
// against them, and the reminders' against the working hours, in winter (GMT) and in summer (BST).
import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";

import { LONDON } from "./domain/calendar";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;
/** A Monday in winter (GMT) and a Monday in summer (BST): each week is checked. */
const REFERENCE_MONDAYS = ["2027-01-11", "2027-07-12"];

/** NCRONTAB, UTC, that wakes at `time` London time on `day` in both GMT and BST: at that hour and the one before. */
export function digestSchedule(day: string, time: string): string {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const dow = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1;
  return `0 ${minute} ${hour - 1},${hour} * * ${dow}`;
}

/** The UTC instants the schedule fires in [from, to). */
/** The moments the schedule fires from `from` up to `to`, the first `limit` of them. */
function firings(schedule: string, from: DateTime, to: DateTime, limit = 10_000): DateTime[] {
  const found: DateTime[] = [];
  const it = CronExpressionParser.parse(schedule, {
    currentDate: from.minus({ seconds: 1 }).toJSDate(),
    endDate: to.toJSDate(),
    tz: "UTC",
  });
  while (it.hasNext() && found.length < limit) {
    const next = DateTime.fromJSDate(it.next().toDate(), { zone: "utc" });
    if (next >= to) break;
    found.push(next);
  }
  return found;
}

function parses(schedule: string): boolean {
  try {
    CronExpressionParser.parse(schedule, { tz: "UTC" });
    return schedule.trim().split(/\s+/).length === 6;
  } catch {
    return false;
  }
}

/** Why the digest's schedule and its London day and time disagree; empty when they agree. */
export function digestScheduleProblems(schedule: string, day: string, time: string): string[] {
  if (!parses(schedule))
    return [`DIGEST_SCHEDULE: "${schedule}" is not an NCRONTAB schedule with six fields (seconds first)`];
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const dow = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]);
  const problems: string[] = [];
  for (const monday of REFERENCE_MONDAYS) {
    const due = DateTime.fromISO(monday, { zone: LONDON }).plus({ days: dow }).set({ hour, minute });
    const utc = due.toUTC();
    const fired = firings(schedule, utc, utc.plus({ seconds: 1 }));
    if (fired.length === 0) {
      problems.push(
        `DIGEST_SCHEDULE: "${schedule}" does not wake the digest timer on ${day} at ${time} London time (DIGEST_DAY=${day}, DIGEST_TIME=${time}) ` +
          `in ${due.isInDST ? "summer (BST)" : "winter (GMT)"}, so no digest would be sent; leave DIGEST_SCHEDULE empty to derive it, or set it to "${digestSchedule(day, time)}"`,
      );
      break;
    }
  }
  return problems;
}

/** Why the reminders' schedule would never run within working hours on some working day; empty when it does. */
export function reminderScheduleProblems(schedule: string, start: string, end: string): string[] {
  if (!parses(schedule))
    return [`REMINDER_SCHEDULE: "${schedule}" is not an NCRONTAB schedule with six fields (seconds first)`];
  if (start >= end) return [`WORKING_HOURS_START: ${start} must be before WORKING_HOURS_END ${end}`];
  const [sh = 0, sm = 0] = start.split(":").map(Number);
  const [eh = 0, em = 0] = end.split(":").map(Number);
  for (const monday of REFERENCE_MONDAYS) {
    for (let d = 0; d < WEEKDAYS.length; d++) {
      const day = DateTime.fromISO(monday, { zone: LONDON }).plus({ days: d });
      const from = day.set({ hour: sh, minute: sm }).toUTC();
      const to = day.set({ hour: eh, minute: em }).toUTC();
      // One firing in the day's hours is enough.
      if (firings(schedule, from, to, 1).length === 0) {
        return [
          `REMINDER_SCHEDULE: "${schedule}" never runs between WORKING_HOURS_START ${start} and WORKING_HOURS_END ${end} London time ` +
            `on a ${WEEKDAYS[d]} in ${day.isInDST ? "summer (BST)" : "winter (GMT)"}, so no reminder would go that day`,
        ];
      }
    }
  }
  return [];
}
