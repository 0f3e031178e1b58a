// The working-day calendar: which days count towards a statutory deadline, when a concern counts as received
// (day 0), when "within N working days" runs out, and the sentence that explains it beside every deadline.
import { DateTime } from "luxon";

import { BoundedMemo } from "../memo";
import { bankHolidays } from "./bank-holidays";
import {
  CALENDAR_MEMO_LIMIT,
  checkSupported,
  checkWorkingDays,
  civilOf,
  describe,
  type EpochDay,
  epochDayOf,
  formatDay,
  isoWeekday,
  isRegion,
  isWeekend,
  MAX_CONSECUTIVE_NON_WORKING_DAYS,
  pad,
  parseDay,
  parseInstant,
  parseSupportedDay,
  parseTime,
  toInstant,
  toLocalDate,
  WEEKDAY_NAMES,
  yearOf,
} from "./days";
import {
  CalendarError,
  type CalendarSettings,
  type Deadline,
  DEFAULT_CUT_OFF,
  type Deferral,
  type Instant,
  type LocalDate,
  LONDON,
  type ReceiptDay,
  REGION_NAMES,
  REGIONS,
  type WorkingCalendar,
} from "./types";

function validateSettings(settings: Partial<CalendarSettings>): CalendarSettings {
  const region: unknown = settings.region ?? "england-and-wales";
  if (typeof region !== "string" || !isRegion(region)) {
    throw new CalendarError(
      "invalid-region",
      `The region must be one of ${REGIONS.join(", ")}, got ${describe(region)}.`,
    );
  }
  const closureDays: unknown = settings.closureDays ?? [];
  if (!Array.isArray(closureDays)) {
    throw new CalendarError("invalid-date", "The council's closure days must be a list of YYYY-MM-DD days.");
  }
  const closures = new Set<LocalDate>();
  for (const day of closureDays as unknown[]) {
    parseSupportedDay(day, "A council closure day");
    closures.add(day as LocalDate);
  }
  const cutOff: unknown = settings.cutOff ?? DEFAULT_CUT_OFF;
  parseTime(cutOff, "The cut-off time");
  return Object.freeze({
    region,
    closureDays: Object.freeze([...closures].sort()),
    cutOff: cutOff as string,
  });
}

/** London wall-clock times as instants, and the instants London days start at: the same for every calendar. */
const WALL_CLOCK = new BoundedMemo<Instant>(CALENDAR_MEMO_LIMIT);
const DAY_STARTS = new BoundedMemo<Instant>(CALENDAR_MEMO_LIMIT);

export function createCalendar(input: Partial<CalendarSettings> = {}): WorkingCalendar {
  const settings = validateSettings(input);
  const { region, cutOff } = settings;
  const regionName = REGION_NAMES[region];
  const cutOffTime = parseTime(cutOff, "The cut-off time");
  const cutOffMinute = cutOffTime.hour * 60 + cutOffTime.minute;
  const closures = new Set(settings.closureDays.map((day) => parseDay(day, "A council closure day")));

  // For counting across long ranges without stepping day by day: the weekdays of a year that do not count.
  const nonWorkingWeekdaysByYear = new Map<number, readonly EpochDay[]>();
  function nonWorkingWeekdays(year: number): readonly EpochDay[] {
    const cached = nonWorkingWeekdaysByYear.get(year);
    if (cached !== undefined) return cached;
    const days = new Set<EpochDay>(bankHolidays(region, year).keys());
    for (const day of closures) if (yearOf(day) === year) days.add(day);
    const weekdays = [...days].filter((day) => !isWeekend(day)).sort((a, b) => a - b);
    nonWorkingWeekdaysByYear.set(year, weekdays);
    return weekdays;
  }

  function isWorking(day: EpochDay): boolean {
    return !isWeekend(day) && !closures.has(day) && !bankHolidays(region, yearOf(day)).has(day);
  }

  function reasonNotWorking(day: EpochDay): string | undefined {
    if (isWeekend(day)) return WEEKDAY_NAMES[isoWeekday(day) - 1];
    const holidays = bankHolidays(region, yearOf(day)).get(day);
    if (holidays !== undefined) return holidays.map((name) => `${name} (bank holiday)`).join("; ");
    if (closures.has(day)) return "council closure day";
    return undefined;
  }

  function step(from: EpochDay, direction: 1 | -1): EpochDay {
    for (let offset = 1; offset <= MAX_CONSECUTIVE_NON_WORKING_DAYS; offset += 1) {
      const candidate = from + direction * offset;
      checkSupported(candidate, direction === 1 ? "The next working day" : "The previous working day");
      if (isWorking(candidate)) return candidate;
    }
    throw new CalendarError(
      "no-working-days",
      `There is no working day within ${MAX_CONSECUTIVE_NON_WORKING_DAYS} days ${direction === 1 ? "after" : "before"} ${toLocalDate(from)}; check the council's closure days.`,
    );
  }

  function addWorking(day0: EpochDay, n: number): EpochDay {
    let day = day0;
    for (let counted = 0; counted < n; counted += 1) day = step(day, 1);
    return day;
  }

  function countWorking(from: EpochDay, to: EpochDay): number {
    if (to <= from) return 0;
    const span = to - from;
    const fullWeeks = Math.floor(span / 7);
    let weekdays = fullWeeks * 5;
    for (let day = from + fullWeeks * 7 + 1; day <= to; day += 1) if (!isWeekend(day)) weekdays += 1;
    let excluded = 0;
    for (let year = yearOf(from + 1); year <= yearOf(to); year += 1) {
      for (const day of nonWorkingWeekdays(year)) if (day > from && day <= to) excluded += 1;
    }
    return weekdays - excluded;
  }

  function receipt(at: Instant): { local: DateTime; day: EpochDay; day0: EpochDay; deferred?: Deferral } {
    const local = parseInstant(at);
    const day = epochDayOf(local.year, local.month, local.day);
    checkSupported(day, "The day received");
    if (!isWorking(day)) return { local, day, day0: step(day, 1), deferred: "non-working-day" };
    if (local.hour * 60 + local.minute >= cutOffMinute) {
      return { local, day, day0: step(day, 1), deferred: "after-cut-off" };
    }
    return { local, day, day0: day };
  }

  function startOf(day: EpochDay): Instant {
    return DAY_STARTS.get(String(day), () =>
      toInstant(DateTime.fromISO(toLocalDate(day), { zone: LONDON }).startOf("day")),
    );
  }

  function notCounted(): string {
    return `weekends, ${regionName} bank holidays and council closure days are not counted`;
  }

  function day0Clause(received: ReturnType<typeof receipt>): string {
    const day0 = formatDay(toLocalDate(received.day0));
    const receivedOn = formatDay(toLocalDate(received.day));
    switch (received.deferred) {
      case undefined:
        return `Day 0 is ${day0}, the day the concern was received`;
      case "non-working-day":
        return `Received on ${receivedOn}, which is not a working day, so day 0 is ${day0}`;
      case "after-cut-off": {
        const time = received.local.toFormat("HH:mm");
        const relation = time === cutOff ? "at" : "after";
        return `Received at ${time} on ${receivedOn}, ${relation} the ${cutOff} cut-off, so day 0 is ${day0}`;
      }
    }
  }

  function buildDeadline(
    received: ReturnType<typeof receipt>,
    due: EpochDay,
    workingDays: number,
    lead: string,
  ): Deadline {
    const deadline: Deadline = {
      receivedAt: toInstant(received.local),
      countedFrom: toLocalDate(received.day0),
      workingDays,
      due: toLocalDate(due),
      dueBy: startOf(due + 1),
      rule: `${lead} ${day0Clause(received)}; ${notCounted()}.`,
    };
    if (received.deferred !== undefined) deadline.deferred = received.deferred;
    return deadline;
  }

  function workingDaysPhrase(n: number): string {
    return `${n} working day${n === 1 ? "" : "s"}`;
  }

  return {
    settings,

    isWorkingDay(day) {
      return isWorking(parseSupportedDay(day, "The day"));
    },

    nonWorkingReason(day) {
      return reasonNotWorking(parseSupportedDay(day, "The day"));
    },

    localDate(at) {
      const local = parseInstant(at);
      const day = epochDayOf(local.year, local.month, local.day);
      checkSupported(day, "The day");
      return toLocalDate(day);
    },

    localTime(at) {
      const local = parseInstant(at);
      return `${pad(local.hour, 2)}:${pad(local.minute, 2)}`;
    },

    receiptDay(at) {
      const received = receipt(at);
      const result: ReceiptDay = { day0: toLocalDate(received.day0) };
      if (received.deferred !== undefined) result.deferred = received.deferred;
      return result;
    },

    nextWorkingDay(after) {
      return toLocalDate(step(parseSupportedDay(after, "The day"), 1));
    },

    previousWorkingDay(before) {
      return toLocalDate(step(parseSupportedDay(before, "The day"), -1));
    },

    addWorkingDays(day0, n) {
      return toLocalDate(addWorking(parseSupportedDay(day0, "Day 0"), checkWorkingDays(n)));
    },

    workingDaysBetween(from, to) {
      return countWorking(parseSupportedDay(from, "The first day"), parseSupportedDay(to, "The last day"));
    },

    deadline(receivedAt, workingDays) {
      const n = checkWorkingDays(workingDays);
      const received = receipt(receivedAt);
      const due = addWorking(received.day0, n);
      const lead =
        n === 0
          ? `Due on day 0: by the end of ${formatDay(toLocalDate(due))}.`
          : `Within ${workingDaysPhrase(n)}: by the end of ${formatDay(toLocalDate(due))}.`;
      return buildDeadline(received, due, n, lead);
    },

    dateDeadline(receivedAt, dueDay, basis) {
      if (typeof basis !== "string" || basis.trim() === "") {
        throw new CalendarError("invalid-basis", "A deadline set as a date must say who set it and why.");
      }
      const received = receipt(receivedAt);
      const due = parseSupportedDay(dueDay, "The due day");
      if (due < received.day0) {
        throw new CalendarError(
          "before-day-0",
          `The due day ${formatDay(dueDay)} is before day 0, ${formatDay(toLocalDate(received.day0))}.`,
        );
      }
      if (!isWorking(due)) {
        throw new CalendarError(
          "not-a-working-day",
          `The due day ${formatDay(dueDay)} is not a working day (${reasonNotWorking(due) ?? ""}).`,
        );
      }
      const n = countWorking(received.day0, due);
      const after = n === 0 ? "day 0 itself" : `${workingDaysPhrase(n)} after day 0`;
      const lead = `Due by the end of ${formatDay(dueDay)}, a date ${basis.trim()} (${after}).`;
      return buildDeadline(received, due, n, lead);
    },

    at(day, time) {
      const instant = (): Instant => {
        const epochDay = parseSupportedDay(day, "The day");
        const { hour, minute } = parseTime(time, "The time");
        const { year, month, day: dayOfMonth } = civilOf(epochDay);
        // Wall-clock times exist once on most days but not on clock-change nights: a time the clocks skip
        // (01:30 on the last Sunday of March) moves on an hour, and a time they repeat (01:30 on the last
        // Sunday of October) is taken as the second, Greenwich Mean Time, one.
        return toInstant(
          DateTime.fromObject({ year, month, day: dayOfMonth, hour, minute }, { zone: LONDON }),
        );
      };
      return typeof day === "string" && typeof time === "string"
        ? WALL_CLOCK.get(`${day} ${time}`, instant)
        : instant();
    },

    startOfDay(day) {
      return startOf(parseSupportedDay(day, "The day"));
    },
  };
}
