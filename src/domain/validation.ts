// Checks on what people type: required fields, length limits, real dates and the policy's own choices.
// Every problem is collected with its field, so a form can show each one next to where it was made.
import { isLocalDate, type LocalDate } from "./calendar";
import type { FieldProblem } from "./errors";
import type { ChoiceAnswer, PersonRef } from "./escalation";
import type { Choice } from "./policy";

export const TEXT_LIMITS = {
  /** Names, case numbers, "who" fields. */
  short: 200,
  /** Summaries, impact on the child, responses and reasons. */
  long: 4000,
} as const;

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
