// The working-day calendar: which days count towards a statutory deadline, when a concern counts as received
// (day 0), when "within N working days" runs out, and the sentence that explains it beside every deadline.
import Holidays from "date-holidays";
import { DateTime } from "luxon";

export type LocalDate = string;
export type Instant = string;

export const LONDON = "Europe/London";

export type Region = "england-and-wales" | "scotland" | "northern-ireland";

export const REGIONS: readonly Region[] = Object.freeze([
  "england-and-wales",
  "scotland",
  "northern-ireland",
]);

export const REGION_NAMES: Record<Region, string> = Object.freeze({
  "england-and-wales": "England and Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
});

export const DEFAULT_CUT_OFF = "17:00";

export interface CalendarSettings {
  region: Region;
  closureDays: readonly LocalDate[];
  cutOff: string;
}

export type Deferral = "non-working-day" | "after-cut-off";

export interface ReceiptDay {
  day0: LocalDate;
  deferred?: Deferral;
}

export interface Deadline {
  receivedAt: Instant;
  countedFrom: LocalDate;
  deferred?: Deferral;
  workingDays: number;
  due: LocalDate;
  dueBy: Instant;
  rule: string;
}

export interface WorkingCalendar {
  readonly settings: CalendarSettings;
  isWorkingDay(day: LocalDate): boolean;
  nonWorkingReason(day: LocalDate): string | undefined;
  localDate(at: Instant): LocalDate;
  receiptDay(at: Instant): ReceiptDay;
  nextWorkingDay(after: LocalDate): LocalDate;
  previousWorkingDay(before: LocalDate): LocalDate;
  addWorkingDays(day0: LocalDate, n: number): LocalDate;
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  deadline(receivedAt: Instant, workingDays: number): Deadline;
  dateDeadline(receivedAt: Instant, due: LocalDate, basis: string): Deadline;
  at(day: LocalDate, time: string): Instant;
  startOfDay(day: LocalDate): Instant;
}

export type CalendarErrorCode =
  | "invalid-date"
  | "invalid-instant"
  | "invalid-region"
  | "invalid-time"
  | "invalid-working-days"
  | "invalid-basis"
  | "not-a-working-day"
  | "before-day-0"
  | "out-of-range"
  | "no-working-days";

export class CalendarError extends Error {
  override readonly name = "CalendarError";

  constructor(
    readonly code: CalendarErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// A typo such as 3026 for 2026 should fail loudly rather than count a thousand years of holidays, and
// date-holidays silently reads two-digit years as 19xx.
const FIRST_SUPPORTED_YEAR = 1900;
const LAST_SUPPORTED_YEAR = 2199;

// A calendar whose closure days cover a whole year has no working days to find; stop rather than spin.
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 366;

const HOLIDAY_STATE: Record<Region, string> = {
  "england-and-wales": "ENG",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const MONTH_NAMES = [
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

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// An instant must carry its offset: a bare local time would be ambiguous on the night the clocks go back.
const INSTANT = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/;

// Days are handled as whole days since 1970-01-01 (proleptic Gregorian, no time zone): the timer steps
// through thousands of escalations, and integer days never meet a clock change.
type EpochDay = number;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days, valid for every year a LocalDate can spell.
function epochDayOf(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilOf(epochDay: EpochDay): { year: number; month: number; day: number } {
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

function yearOf(epochDay: EpochDay): number {
  return civilOf(epochDay).year;
}

/** 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
function isoWeekday(epochDay: EpochDay): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

function isWeekend(epochDay: EpochDay): boolean {
  return isoWeekday(epochDay) >= 6;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function toLocalDate(epochDay: EpochDay): LocalDate {
  const { year, month, day } = civilOf(epochDay);
  if (year < 0 || year > 9999) {
    throw new CalendarError(
      "invalid-date",
      `The day ${epochDay} days from 1970-01-01 has no four-digit year.`,
    );
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseCivil(value: unknown, what: string): { year: number; month: number; day: number } {
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

function parseDay(value: unknown, what: string): EpochDay {
  const { year, month, day } = parseCivil(value, what);
  return epochDayOf(year, month, day);
}

/** A day the calendar can count on: well formed, real and inside the supported years. */
function parseSupportedDay(value: unknown, what: string): EpochDay {
  const epochDay = parseDay(value, what);
  checkSupported(epochDay, what);
  return epochDay;
}

function checkSupported(epochDay: EpochDay, what: string): void {
  const year = yearOf(epochDay);
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new CalendarError(
      "out-of-range",
      `${what} ${toLocalDate(epochDay)} is outside the years the calendar covers (${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}).`,
    );
  }
}

function parseTime(value: unknown, what: string): { hour: number; minute: number } {
  const match = typeof value === "string" ? LOCAL_TIME.exec(value) : null;
  if (match === null) {
    throw new CalendarError(
      "invalid-time",
      `${what} must be a 24-hour time written HH:mm, got ${describe(value)}.`,
    );
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function parseInstant(value: unknown): DateTime {
  if (typeof value !== "string" || !INSTANT.test(value)) {
    throw new CalendarError(
      "invalid-instant",
      `An instant must be an ISO-8601 date and time with an offset, such as 2026-11-20T09:30:00.000Z, got ${describe(value)}.`,
    );
  }
  const parsed = DateTime.fromISO(value, { zone: LONDON });
  if (!parsed.isValid) {
    throw new CalendarError("invalid-instant", `${describe(value)} is not a real instant.`);
  }
  return parsed;
}

function checkWorkingDays(n: unknown): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw new CalendarError(
      "invalid-working-days",
      `A number of working days must be a whole number, 0 or more, got ${describe(n)}.`,
    );
  }
  return n;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function toInstant(dateTime: DateTime): Instant {
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
// calendar: the reminder timer asks about the same few years for thousands of escalations.
const holidayLookups = new Map<Region, Holidays>();
const bankHolidaysByYear = new Map<Region, Map<number, ReadonlyMap<EpochDay, readonly string[]>>>();

function bankHolidays(region: Region, year: number): ReadonlyMap<EpochDay, readonly string[]> {
  let years = bankHolidaysByYear.get(region);
  if (years === undefined) {
    years = new Map();
    bankHolidaysByYear.set(region, years);
  }
  const cached = years.get(year);
  if (cached !== undefined) return cached;

  let lookup = holidayLookups.get(region);
  if (lookup === undefined) {
    lookup = new Holidays("GB", HOLIDAY_STATE[region]);
    holidayLookups.set(region, lookup);
  }
  const holidays = new Map<EpochDay, string[]>();
  for (const holiday of lookup.getHolidays(year, "en")) {
    // Observances such as Mother's Day are listed too; only public holidays close the office.
    if (holiday.type !== "public") continue;
    const epochDay = parseDay(holiday.date.slice(0, 10), "A bank holiday");
    if (yearOf(epochDay) !== year) continue;
    // The data mixes curly and straight apostrophes; one style keeps the text consistent for readers.
    const name = holiday.name.replace(/\u2019/g, "'");
    holidays.set(epochDay, [...(holidays.get(epochDay) ?? []), name]);
  }
  years.set(year, holidays);
  return holidays;
}

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
    return toInstant(DateTime.fromISO(toLocalDate(day), { zone: LONDON }).startOf("day"));
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
      const epochDay = parseSupportedDay(day, "The day");
      const { hour, minute } = parseTime(time, "The time");
      const { year, month, day: dayOfMonth } = civilOf(epochDay);
      // Wall-clock times exist once on most days but not on clock-change nights: a time the clocks skip
      // (01:30 on the last Sunday of March) moves on an hour, and a time they repeat (01:30 on the last
      // Sunday of October) is taken as the second, Greenwich Mean Time, one.
      return toInstant(DateTime.fromObject({ year, month, day: dayOfMonth, hour, minute }, { zone: LONDON }));
    },

    startOfDay(day) {
      return startOf(parseSupportedDay(day, "The day"));
    },
  };
}

/** "Wednesday 4 November 2026 at 10:00", in London time: how a moment is written in messages. */
export function formatMoment(at: Instant): string {
  const moment = DateTime.fromISO(at, { zone: LONDON });
  if (!moment.isValid) return at;
  return `${moment.toFormat("cccc d LLLL yyyy")} at ${moment.toFormat("HH:mm")}`;
}
