// The working-day calendar's vocabulary: days and instants as ISO strings, the regions whose bank holidays
// apply, the settings, what a deadline says, and the calendar's own errors.
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
  /** The time of day in London, "HH:mm". */
  localTime(at: Instant): string;
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
