// Checks on what people type: required fields, length limits, real dates and the policy's own choices.
// Every problem is collected with its field, so a form can show each one next to where it was made.
import { addCalendarDays, formatDay, isLocalDate, type LocalDate } from "./calendar";
import type { FieldProblem } from "./errors";
import type { ChoiceAnswer, PersonRef } from "./escalation";
import type { Choice } from "./policy";

export const TEXT_LIMITS = {
  /** Names, case numbers, "who" fields. */
  short: 200,
  /** Summaries, impact on the child, responses and reasons. */
  long: 4000,
} as const;

/** How far back a date of birth may be: the process is for children and care leavers (up to 25). */
export const OLDEST_AGE_YEARS = 26;

/**
 * Characters that change how text is drawn without being seen: bidirectional overrides and isolates (a name
 * drawn reversed), zero-width spaces and joiners, the soft hyphen, the byte-order mark. In a name or a case
 * ID they make two records look alike that are not, or one look like another.
 */
const HIDDEN_FORMAT = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  has(field: string): boolean {
    return this.list.some((problem) => problem.field === field);
  }

  /** Required text within its limit; returns the trimmed text. */
  text(field: string, label: string, value: string | undefined, limit: number): string {
    const text = (value ?? "").trim();
    if (text === "") this.add(field, `${label} is required.`);
    return this.optionalText(field, label, text, limit);
  }

  /** Text that may be left empty, within its limit when given; returns the trimmed text. */
  optionalText(field: string, label: string, value: string | undefined, limit: number): string {
    const text = (value ?? "").trim();
    if (text === "") return text;
    if (text.length > limit) {
      this.add(field, `${label} is ${text.length} characters long; the limit is ${limit}.`);
    }
    // Control characters other than line breaks and tabs have no place in a record read in court.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
      this.add(field, `${label} contains characters that cannot be recorded.`);
    }
    return text;
  }

  /** A name or an identifier: required text, with no hidden format characters. */
  identifier(field: string, label: string, value: string | undefined, limit: number): string {
    const text = this.text(field, label, value, limit);
    if (HIDDEN_FORMAT.test(text)) {
      this.add(
        field,
        `${label} contains hidden characters that change how it is shown (perhaps pasted from another document). Type it again rather than pasting it.`,
      );
    }
    return text;
  }

  /** A child's date of birth: a real day, not after today and within the last 26 years. */
  dateOfBirth(
    field: string,
    label: string,
    value: string | undefined,
    today: LocalDate,
  ): LocalDate | undefined {
    const day = this.date(field, label, value);
    if (day === undefined) return undefined;
    const earliest = `${String(Number(today.slice(0, 4)) - OLDEST_AGE_YEARS).padStart(4, "0")}${today.slice(4)}`;
    if (day > today) this.add(field, `${label} is ${formatDay(day)}, which is after today.`);
    else if (day < earliest)
      this.add(
        field,
        `${label} is ${formatDay(day)}, more than ${OLDEST_AGE_YEARS} years ago: the process is for children and care leavers. Check the year.`,
      );
    return day;
  }

  /** A day something is to be done by: from today up to `horizonDays` ahead. */
  actionDate(
    field: string,
    label: string,
    value: string | undefined,
    today: LocalDate,
    horizonDays: number,
  ): LocalDate | undefined {
    const day = this.date(field, label, value);
    if (day === undefined) return undefined;
    const latest = addCalendarDays(today, horizonDays);
    if (day < today)
      this.add(field, `${label} is ${formatDay(day)}, which has passed: give today or a later day.`);
    else if (day > latest)
      this.add(
        field,
        `${label} is ${formatDay(day)}, more than ${horizonDays} days ahead: give a day no later than ${formatDay(latest)}.`,
      );
    return day;
  }

  /** A person the form must name; returns them with their id and name trimmed. */
  person(field: string, label: string, value: PersonRef | undefined): PersonRef | undefined {
    const id = value?.id.trim() ?? "";
    const name = value?.name.trim() ?? "";
    if (id === "" || name === "") {
      this.add(field, `${label} is required.`);
      return undefined;
    }
    return { id, name };
  }

  /** A required day, YYYY-MM-DD. */
  date(field: string, label: string, value: string | undefined): LocalDate | undefined {
    if ((value ?? "").trim() === "") {
      this.add(field, `${label} is required.`);
      return undefined;
    }
    return this.optionalDate(field, label, value);
  }

  /** A day that may be left empty, YYYY-MM-DD when given. */
  optionalDate(field: string, label: string, value: string | undefined): LocalDate | undefined {
    const text = (value ?? "").trim();
    if (text === "") return undefined;
    if (!isLocalDate(text)) {
      this.add(field, `${label} must be a date (YYYY-MM-DD).`);
      return undefined;
    }
    return text;
  }

  choice(
    field: string,
    label: string,
    value: ChoiceAnswer | undefined,
    choices: readonly Choice[],
  ): ChoiceAnswer | undefined {
    if (!value || value.id.trim() === "") {
      this.add(field, `${label} is required.`);
      return undefined;
    }
    const known = choices.find((c) => c.id === value.id);
    if (!known) {
      this.add(field, `${label}: "${value.id}" is not one of this policy's choices.`);
      return undefined;
    }
    if (known.requiresText) {
      const text = this.text(`${field}.text`, `${label} (${known.label})`, value.text, TEXT_LIMITS.long);
      return { id: known.id, text };
    }
    return { id: known.id };
  }

  choices(
    field: string,
    label: string,
    values: readonly ChoiceAnswer[] | undefined,
    choices: readonly Choice[],
  ): ChoiceAnswer[] {
    if (!values || values.length === 0) {
      this.add(field, `${label}: choose at least one.`);
      return [];
    }
    const seen = new Set<string>();
    const result: ChoiceAnswer[] = [];
    for (const value of values) {
      if (seen.has(value.id)) continue;
      seen.add(value.id);
      const answer = this.choice(field, label, value, choices);
      if (answer) result.push(answer);
    }
    return result;
  }
}
