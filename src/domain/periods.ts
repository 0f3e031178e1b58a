// The periods a QA Manager reports on, as they name them: a calendar quarter ("2026-Q3"), the financial year
// April to March that councils report on ("2026-27"), or two dates, first and last day included.
import {
  addCalendarDays,
  formatDay,
  type Instant,
  isLocalDate,
  type LocalDate,
  type WorkingCalendar,
} from "./calendar";

export interface Period {
  /** The first day of the period. */
  readonly from: LocalDate;
  /** The last day of the period, included. */
  readonly to: LocalDate;
  /** How the period is named in a report: "2026-Q3 (1 July to 30 September 2026)". */
  readonly label: string;
}

export type PeriodParse =
  { readonly ok: true; readonly period: Period } | { readonly ok: false; readonly problem: string };

export const PERIOD_EXAMPLES = "2026-Q3 (a quarter), 2026-27 (a financial year) or 2026-10-01 2026-12-31";

const QUARTER = /^(\d{4})-q([1-4])$/i;
const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** The period the words name, or what is wrong with them. */
export function parsePeriod(words: string): PeriodParse {
  const parts = words
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  const problem = (why: string): PeriodParse => ({
    ok: false,
    problem: `${why} Give a period as ${PERIOD_EXAMPLES}.`,
  });
  if (parts.length === 1) {
    const only = parts[0] ?? "";
    const quarter = QUARTER.exec(only);
    if (quarter) {
      const year = Number(quarter[1]);
      const q = Number(quarter[2]);
      const from = `${year}-${String(3 * q - 2).padStart(2, "0")}-01`;
      const to = addCalendarDays(
        q === 4 ? `${year + 1}-01-01` : `${year}-${String(3 * q + 1).padStart(2, "0")}-01`,
        -1,
      );
      return { ok: true, period: { from, to, label: `${year}-Q${q} (${span(from, to)})` } };
    }
    const financial = FINANCIAL_YEAR.exec(only);
    if (financial) {
      const year = Number(financial[1]);
      if (Number(financial[2]) !== (year + 1) % 100)
        return problem(
          `"${only}" is not a financial year: the second year must follow the first (${year}-${String((year + 1) % 100).padStart(2, "0")}).`,
        );
      const from = `${year}-04-01`;
      const to = `${year + 1}-03-31`;
      return { ok: true, period: { from, to, label: `Financial year ${only} (${span(from, to)})` } };
    }
    return problem(`"${only}" is not a period.`);
  }
  if (parts.length === 2) {
    const [from = "", to = ""] = parts;
    for (const day of [from, to]) {
      if (!isLocalDate(day)) return problem(`"${day}" is not a date written as YYYY-MM-DD.`);
    }
    if (to < from) return problem(`The period ends (${to}) before it starts (${from}).`);
    return { ok: true, period: { from, to, label: span(from, to) } };
  }
  return problem(parts.length === 0 ? "No period was given." : `"${words.trim()}" is not a period.`);
}

/** The period of two days given, first and last included, or what is wrong with them. */
export function periodBetween(from: string, to: string): PeriodParse {
  return parsePeriod(`${from} ${to}`);
}

/** The period as instants: from the start of its first day, London time, to the start of the day after its last. */
export function periodBounds(
  period: Period,
  calendar: WorkingCalendar,
): { readonly start: Instant; readonly end: Instant } {
  return { start: calendar.startOfDay(period.from), end: calendar.startOfDay(addCalendarDays(period.to, 1)) };
}

function span(from: LocalDate, to: LocalDate): string {
  return `${formatDay(from)} to ${formatDay(to)}`;
}
