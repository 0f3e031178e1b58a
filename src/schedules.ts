// The timers' schedules and the London times they serve, kept in agreement. Azure Functions timers run in
// UTC (Flex Consumption does not honour WEBSITE_TIME_ZONE), while the council thinks in London time: the
// digest's schedule is derived from DIGEST_DAY and DIGEST_TIME, and a schedule set by hand is checked
// against them, and the reminders' against the working hours, in winter (GMT) and in summer (BST).
import { type CronExpression, CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";

import { LONDON } from "./domain/calendar";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;
/** A Monday in winter (GMT) and a Monday in summer (BST): each week is checked. */
const REFERENCE_MONDAYS = ["2027-01-11", "2027-07-12"] as const;

/** NCRONTAB, UTC, that wakes at `time` London time on `day` in both GMT and BST: at that hour and the one before. */
export function digestSchedule(day: string, time: string): string {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const dow = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1;
  return `0 ${minute} ${hour - 1},${hour} * * ${dow}`;
}

/**
 * The schedule as the Functions host reads it (NCRONTAB: six fields, seconds first), in UTC, asked of no
 * moment after the reference weeks; undefined where it is not such a schedule. Read once for all the windows
 * a check asks of it.
 */
function readSchedule(schedule: string): CronExpression | undefined {
  if (schedule.trim().split(/\s+/).length !== 6) return undefined;
  const endDate = DateTime.fromISO(REFERENCE_MONDAYS[1], { zone: LONDON }).plus({ weeks: 1 }).toJSDate();
  try {
    return CronExpressionParser.parse(schedule, { endDate, tz: "UTC" });
  } catch {
    return undefined;
  }
}

/** Whether the schedule fires at some moment from `from` up to `to`. */
function firesWithin(expression: CronExpression, from: DateTime, to: DateTime): boolean {
  expression.reset(from.minus({ seconds: 1 }).toJSDate());
  try {
    return expression.next().getTime() < to.toMillis();
  } catch {
    // It does not fire again before the last moment it is asked of.
    return false;
  }
}

/** Why the digest's schedule and its London day and time disagree; empty when they agree. */
export function digestScheduleProblems(schedule: string, day: string, time: string): string[] {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const dow = WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]);
  const dues = REFERENCE_MONDAYS.map((monday) =>
    DateTime.fromISO(monday, { zone: LONDON }).plus({ days: dow }).set({ hour, minute }),
  );
  const expression = readSchedule(schedule);
  if (expression === undefined)
    return [`DIGEST_SCHEDULE: "${schedule}" is not an NCRONTAB schedule with six fields (seconds first)`];
  for (const due of dues) {
    if (!firesWithin(expression, due, due.plus({ seconds: 1 }))) {
      return [
        `DIGEST_SCHEDULE: "${schedule}" does not wake the digest timer on ${day} at ${time} London time (DIGEST_DAY=${day}, DIGEST_TIME=${time}) ` +
          `in ${due.isInDST ? "summer (BST)" : "winter (GMT)"}, so no digest would be sent; leave DIGEST_SCHEDULE empty to derive it, or set it to "${digestSchedule(day, time)}"`,
      ];
    }
  }
  return [];
}

/** Why the reminders' schedule would never run within working hours on some working day; empty when it does. */
export function reminderScheduleProblems(schedule: string, start: string, end: string): string[] {
  const [sh = 0, sm = 0] = start.split(":").map(Number);
  const [eh = 0, em = 0] = end.split(":").map(Number);
  const days = REFERENCE_MONDAYS.flatMap((monday) =>
    WEEKDAYS.map((weekday, d) => {
      const day = DateTime.fromISO(monday, { zone: LONDON }).plus({ days: d });
      return { weekday, day, from: day.set({ hour: sh, minute: sm }), to: day.set({ hour: eh, minute: em }) };
    }),
  );
  const expression = readSchedule(schedule);
  if (expression === undefined)
    return [`REMINDER_SCHEDULE: "${schedule}" is not an NCRONTAB schedule with six fields (seconds first)`];
  if (start >= end) return [`WORKING_HOURS_START: ${start} must be before WORKING_HOURS_END ${end}`];
  // One firing in the day's hours is enough.
  const missed = days.find(({ from, to }) => !firesWithin(expression, from, to));
  if (missed === undefined) return [];
  return [
    `REMINDER_SCHEDULE: "${schedule}" never runs between WORKING_HOURS_START ${start} and WORKING_HOURS_END ${end} London time ` +
      `on a ${missed.weekday} in ${missed.day.isInDST ? "summer (BST)" : "winter (GMT)"}, so no reminder would go that day`,
  ];
}
