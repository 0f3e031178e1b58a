// The small shapes the templates repeat: a labelled line of the record and a choice in a choice set. Every
// value that may hold someone's words goes through `literal`, and the templates bind it to a TextRun.
import { formatDay } from "../../domain/calendar";
import type { ChoiceAnswer, StageRequest } from "../../domain/escalation";
import { type Choice as PolicyChoice, type Policy, remainingSummaryLabel } from "../../domain/policy";
import { literal, shared } from "./render";

/**
 * The only text colours the cards use. On Teams' light theme "Good" (#92C353) and "Warning" (#F8D22A) fall
 * far below WCAG 2.2 AA's 4.5:1 on white, and "Accent" is the colour Teams draws links in; "Attention"
 * (#C4314B, 5.4:1) and the default text meet it. Colour only ever repeats what the words already say.
 */
export type TextColor = "Default" | "Attention";

/**
 * One labelled line, read as "Label: value". Exactly one of `plain`, `colored` and `subtle` is true: the
 * template has one text run for each, so a line carries no styling it does not use.
 */
export interface Line {
  readonly label: string;
  readonly value: string;
  readonly plain: boolean;
  readonly colored: boolean;
  readonly subtle: boolean;
  readonly color: TextColor;
}

export interface LineOptions {
  readonly color?: TextColor;
  readonly subtle?: boolean;
}

export function line(label: string, value: string, options: LineOptions = {}): Line {
  const color = options.color ?? "Default";
  const subtle = options.subtle === true;
  const colored = !subtle && color !== "Default";
  return {
    label: literal(label),
    value: literal(value),
    plain: !subtle && !colored,
    colored,
    subtle,
    color,
  };
}

export interface ChoiceView {
  readonly title: string;
  readonly value: string;
}

/** A policy's choices as a choice set lists them: made once for each list, and shared by every card that shows it. */
export function choicesOf(items: readonly PolicyChoice[]): readonly ChoiceView[] {
  let made = choices.get(items);
  if (made === undefined) {
    made = shared(items.map((item) => ({ title: item.label, value: item.id })));
    choices.set(items, made);
  }
  return made;
}

const choices = new WeakMap<readonly PolicyChoice[], readonly ChoiceView[]>();

/** A chosen category or outcome as read: the policy's label, and the words given with "other". */
export function answerText(answer: ChoiceAnswer, items: readonly PolicyChoice[]): string {
  const label = items.find((item) => item.id === answer.id)?.label ?? answer.id;
  const text = answer.text?.trim() ?? "";
  return text === "" ? label : `${label}: ${text}`;
}

/** A stage's own request in the form's words (seed 001's stages 2, 3 and 4), for the card and the record. */
export function requestFacts(
  request: StageRequest,
  stageBefore: string,
  policy: Policy,
): { readonly label: string; readonly value: string }[] {
  const action = request.requestedAction;
  return [
    { label: remainingSummaryLabel(stageBefore), value: request.summary },
    { label: "Impact on the Child", value: request.impactOnChild },
    { label: "Requested Action: What", value: action.what },
    { label: "Who", value: action.who },
    { label: "By When", value: formatDay(action.byWhen) },
    {
      label: "Expected Outcome for the Child",
      value: answerText(request.outcomeSought, policy.outcomes.items),
    },
  ];
}
