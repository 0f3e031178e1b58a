// Civil days without time zones (whole days since 1970-01-01) and their parsing and wording: the arithmetic
// every deadline rests on, and the words a day or a moment is written in.
import { DateTime } from "luxon";

import { BoundedMemo } from "../memo";
import { CalendarError, type Instant, type LocalDate, LONDON, type Region, REGIONS } from "./types";

// A typo such as 3026 for 2026 should fail loudly rather than count a thousand years of holidays, and
// date-holidays silently reads two-digit years as 19xx.
export const FIRST_SUPPORTED_YEAR = 1900;
export const LAST_SUPPORTED_YEAR = 2199;

// A calendar whose closure days cover a whole year has no working days to find; stop rather than spin.
export const MAX_CONSECUTIVE_NON_WORKING_DAYS = 366;

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// An instant must carry its offset: a bare local time would be ambiguous on the night the clocks go back.
export const INSTANT =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

// Days are handled as whole days since 1970-01-01 (proleptic Gregorian, no time zone): the timer steps
// through thousands of escalations, and integer days never meet a clock change.
export type EpochDay = number;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days, valid for every year a LocalDate can spell.
export function epochDayOf(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilOf(epochDay: EpochDay): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function yearOf(epochDay: EpochDay): number {
  return civilOf(epochDay).year;
}

/** 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
export function isoWeekday(epochDay: EpochDay): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(epochDay: EpochDay): boolean {
  return isoWeekday(epochDay) >= 6;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

export function toLocalDate(epochDay: EpochDay): LocalDate {
  const { year, month, day } = civilOf(epochDay);
  if (year < 0 || year > 9999) {
    throw new CalendarError(
      "invalid-date",
      `The day ${epochDay} days from 1970-01-01 has no four-digit year.`,
    );
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function parseCivil(value: unknown, what: string): { year: number; month: number; day: number } {
  const match = typeof value === "string" ? LOCAL_DATE.exec(value) : null;
  if (match === null) {
    throw new CalendarError(
      "invalid-date",
      `${what} must be a date written YYYY-MM-DD, got ${describe(value)}.`,
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarError("invalid-date", `${what} ${describe(value)} is not a real calendar date.`);
  }
  return { year, month, day };
}

export function parseDay(value: unknown, what: string): EpochDay {
  const { year, month, day } = parseCivil(value, what);
  return epochDayOf(year, month, day);
}

/** A day the calendar can count on: well formed, real and inside the supported years. */
export function parseSupportedDay(value: unknown, what: string): EpochDay {
  const epochDay = parseDay(value, what);
  checkSupported(epochDay, what);
  return epochDay;
}

export function checkSupported(epochDay: EpochDay, what: string): void {
  const year = yearOf(epochDay);
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new CalendarError(
      "out-of-range",
      `${what} ${toLocalDate(epochDay)} is outside the years the calendar covers (${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}).`,
    );
  }
}

export function parseTime(value: unknown, what: string): { hour: number; minute: number } {
  const match = typeof value === "string" ? LOCAL_TIME.exec(value) : null;
  if (match === null) {
    throw new CalendarError(
      "invalid-time",
      `${what} must be a 24-hour time written HH:mm, got ${describe(value)}.`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * How many results each of the calendar's memos keeps. A decision or a card reads the same few instants and
 * wall-clock times many times, and turning one into a London date-time (its offset found from the zone's
 * rules) is the calendar's dearest step.
 */
export const CALENDAR_MEMO_LIMIT = 20_000;

const PARSED = new BoundedMemo<DateTime>(CALENDAR_MEMO_LIMIT);

export function parseInstant(value: unknown): DateTime {
  const invalid = () =>
    new CalendarError(
      "invalid-instant",
      `An instant must be an ISO-8601 date and time with an offset, such as 2026-11-20T09:30:00.000Z, got ${describe(value)}.`,
    );
  if (typeof value !== "string") throw invalid();
  return PARSED.get(value, () => {
    if (!INSTANT.test(value)) throw invalid();
    const parsed = DateTime.fromISO(value, { zone: LONDON });
    if (!parsed.isValid) {
      throw new CalendarError("invalid-instant", `${describe(value)} is not a real instant.`);
    }
    return parsed;
  });
}

export function checkWorkingDays(n: unknown): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError(
      "invalid-working-days",
      `A number of working days must be a whole number, 0 or more, got ${describe(n)}.`,
    );
  }
  return n;
}

export function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function toInstant(dateTime: DateTime): Instant {
  const iso = dateTime.toUTC().toISO();
  if (iso === null)
    throw new CalendarError("invalid-instant", "The time could not be written as an instant.");
  return iso;
}

/** "Friday 27 November 2026": fixed English, so the text never depends on the host's locale. */
export function formatDay(day: LocalDate): string {
  const { year, month, day: dayOfMonth } = parseCivil(day, "The day");
  const weekday = WEEKDAY_NAMES[isoWeekday(epochDayOf(year, month, dayOfMonth)) - 1] ?? "";
  return `${weekday} ${dayOfMonth} ${MONTH_NAMES[month - 1] ?? ""} ${pad(year, 4)}`;
}

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

export function isLocalDate(value: string): boolean {
  try {
    parseCivil(value, "The day");
    return true;
  } catch {
    return false;
  }
}

export function addCalendarDays(day: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) {
    throw new CalendarError(
      "invalid-date",
      `A number of calendar days must be a whole number, got ${describe(n)}.`,
    );
  }
  return toLocalDate(parseDay(day, "The day") + n);
}

// Bank holidays depend only on region and year, so they are looked up once per year and shared by every

/** "Wednesday 4 November 2026 at 10:00", in London time: how a moment is written in messages. */
export function formatMoment(at: Instant): string {
  const moment = DateTime.fromISO(at, { zone: LONDON });
  if (!moment.isValid) return at;
  return `${moment.toFormat("cccc d LLLL yyyy")} at ${moment.toFormat("HH:mm")}`;
}
