// The form an IRO raises a concern with. Its inputs are named as the application's RaiseForm reads them;
// when the domain finds problems, the form comes back with what was typed still in it and each problem
// in red under its own field.
import { peopleFinder } from "../../application/people-search";
import type { RaiseForm } from "../../application/raise-escalation";
import type { DirectoryIndex } from "../../domain/directory";
import type { FieldProblem } from "../../domain/errors";
import type { PickerField } from "../../domain/people-search";
import { answeredStages, bypassConsultees, LEGAL_STATUS_NAMES, type Policy } from "../../domain/policy";
import { TEXT_LIMITS } from "../../domain/validation";
import { datasetOf, pickerQuery } from "./pickers";
import template from "./raise-form.json";
import { type AdaptiveCard, expand, literal, workingDays } from "./render";
import { choicesOf, type ChoiceView } from "./view";

export interface RaiseFormInput {
  readonly formId: string;
  readonly policy: Policy;
  readonly directory: DirectoryIndex;
  readonly raiserId: string;
  /** A prefill (e.g. the summary from the message the form was opened on), or the values just submitted. */
  readonly values?: Partial<RaiseForm>;
  /** The domain's problems with the values, by the domain's field names. */
  readonly problems?: readonly FieldProblem[];
  /** Something to know before filling the form in, e.g. that a prefilled text was shortened. */
  readonly note?: string;
}

/** The form's inputs, by the names RaiseForm reads. */
export type RaiseField = Exclude<keyof RaiseForm, "formId" | "policyId">;

/** Where each of the domain's field names is shown; "timescale" covers the two timescale inputs. */
export const PROBLEM_FIELDS: Readonly<Record<string, RaiseField | "timescale">> = {
  "child.name": "childName",
  "child.caseId": "caseId",
  "child.dateOfBirth": "dateOfBirth",
  "child.legalStatus": "legalStatus",
  socialWorker: "socialWorkerId",
  team: "teamId",
  teamManager: "teamManagerId",
  iroManager: "iroManagerId",
  "concern.categories": "categories",
  "concern.categories.text": "categoryOther",
  "concern.summary": "summary",
  "concern.impactOnChild": "impactOnChild",
  "concern.requestedAction.what": "requestedWhat",
  "concern.requestedAction.who": "requestedWho",
  "concern.requestedAction.byWhen": "requestedByWhen",
  "concern.outcomeSought": "outcomeSought",
  "concern.outcomeSought.text": "outcomeOther",
  startStageId: "startStageId",
  bypassReason: "bypassReason",
  qaManagerConsulted: "qaManagerConsulted",
  timescale: "timescale",
  responsible: "responsibleId",
  "agencies.lead": "leadAgency",
  "agencies.involved": "agencies",
};

// What the client says when a required field is left empty, before anything reaches the domain.
const REQUIRED_MESSAGES: Readonly<Partial<Record<RaiseField, string>>> = {
  childName: "Enter the child's name.",
  caseId: "Enter the case ID.",
  dateOfBirth: "Enter the child's date of birth: not after today, and within the last 26 years.",
  legalStatus: "Choose the legal status.",
  teamId: "Choose the team.",
  socialWorkerId: "Choose the social worker.",
  teamManagerId: "Choose the team manager.",
  iroManagerId: "Choose your manager.",
  categories: "Choose at least one category.",
  summary: "Enter a brief summary of the concern.",
  impactOnChild: "Say what the impact on the child is.",
  requestedWhat: "Say what action you are asking for.",
  requestedWho: "Say who should act.",
  requestedByWhen: "Give the date the action is needed by: today or a later day.",
  outcomeSought: "Choose the outcome sought.",
  timescaleWorkingDays: "Give a whole number of working days.",
  leadAgency: "Choose the lead agency.",
  agencies: "Choose at least one other agency taking part.",
};

const FIELDS: readonly (RaiseField | "timescale")[] = [
  "childName",
  "caseId",
  "dateOfBirth",
  "legalStatus",
  "teamId",
  "socialWorkerId",
  "teamManagerId",
  "iroManagerId",
  "categories",
  "categoryOther",
  "summary",
  "impactOnChild",
  "requestedWhat",
  "requestedWho",
  "requestedByWhen",
  "outcomeSought",
  "outcomeOther",
  "startStageId",
  "bypassReason",
  "qaManagerConsulted",
  "timescaleWorkingDays",
  "timescaleDate",
  "timescale",
  "responsibleId",
  "leadAgency",
  "agencies",
];

interface FieldView {
  readonly value: string;
  readonly hasProblem: boolean;
  readonly problem: string;
  readonly errorMessage: string;
}

export function raiseFormCard(input: RaiseFormInput): AdaptiveCard {
  const { policy, directory } = input;
  const values: Partial<RaiseForm> = input.values ?? {};
  const problems = input.problems ?? [];
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    const field = PROBLEM_FIELDS[problem.field] ?? (isField(problem.field) ? problem.field : undefined);
    if (field === undefined) {
      general.push(problem.message);
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  const stages = answeredStages(policy);
  const raiser = directory.person(input.raiserId);
  const defaults: Partial<Record<RaiseField, string>> = {
    startStageId: stages[0]?.id ?? "",
    qaManagerConsulted: "false",
    ...(raiser?.managerId !== undefined ? { iroManagerId: raiser.managerId } : {}),
    ...(policy.legalStatuses.length === 1 ? { legalStatus: policy.legalStatuses[0] } : {}),
  };
  const f = Object.fromEntries(
    FIELDS.map((field): [string, FieldView] => {
      const messages = byField.get(field) ?? [];
      const value = field === "timescale" ? "" : (values[field] ?? defaults[field] ?? "");
      const problem = messages.join(" ");
      return [
        field,
        {
          value,
          hasProblem: messages.length > 0,
          problem: literal(problem),
          errorMessage:
            problem !== ""
              ? literal(problem)
              : ((field !== "timescale" ? REQUIRED_MESSAGES[field] : undefined) ?? "Check this field."),
        },
      ];
    }),
  );
  // People and teams are searched as the person types (Teams' typeahead); the card lists only what is
  // already chosen, so its size does not grow with the council.
  const finder = peopleFinder(directory, policy);
  const chosen = (field: PickerField, id: string | undefined): ChoiceView[] => {
    const found = id?.trim() ? finder.chosen(field, id.trim()) : undefined;
    return found ? [found] : [];
  };
  const firstFormal = stages.find((s) => s.id !== "informal");
  const childNeed = stages.filter((s) => s.timescale.kind === "child-need").map((s) => s.name);
  const otherCategory = policy.categories.items.find((c) => c.requiresText === true);
  const otherOutcome = policy.outcomes.items.find((c) => c.requiresText === true);
  const problemCount = problems.length;
  return expand(template, {
    formId: input.formId,
    policyId: policy.id,
    policyName: literal(policy.name),
    raiserTitle: literal(policy.raiserTitle),
    hasProblems: problemCount > 0,
    hasNote: (input.note ?? "") !== "",
    note: literal(input.note ?? ""),
    problemSummary:
      problemCount === 1
        ? "The concern was not sent: one thing needs correcting. It is shown in red below."
        : `The concern was not sent: ${problemCount} things need correcting. They are shown in red below.`,
    generalProblems: general.map((message) => ({ text: literal(message) })),
    f,
    legalStatuses: policy.legalStatuses.map((s) => ({ title: `${LEGAL_STATUS_NAMES[s]} (${s})`, value: s })),
    teams: chosen("team", values.teamId),
    socialWorkers: chosen("socialWorker", values.socialWorkerId),
    teamManagers: chosen("teamManager", values.teamManagerId),
    iroManagers: chosen("iroManager", values.iroManagerId ?? defaults.iroManagerId),
    responsibles: chosen("responsible", values.responsibleId),
    pickers: {
      team: pickerQuery(datasetOf("team")),
      // The team chosen narrows these to its own people: Teams sends the form's inputs with the search.
      socialWorker: pickerQuery(datasetOf("socialWorker"), true),
      teamManager: pickerQuery(datasetOf("teamManager"), true),
      iroManager: pickerQuery(datasetOf("iroManager")),
      responsible: pickerQuery(datasetOf("responsible")),
    },
    hasAgencies: policy.partiesFromAgencies,
    agencies: policy.partiesFromAgencies
      ? directory.agencies().map((a): ChoiceView => ({ title: literal(a.name), value: a.id }))
      : [],
    categories: choicesOf(policy.categories.items),
    categoryHasOther: otherCategory !== undefined,
    categoryOtherLabel: `If "${otherCategory?.label ?? "Other"}": what concern`,
    outcomes: choicesOf(policy.outcomes.items),
    outcomeHasOther: otherOutcome !== undefined,
    outcomeOtherLabel: `If "${otherOutcome?.label ?? "Other"}": what outcome`,
    stages: stages.map((s) => ({
      title: `${s.name} (${s.timescale.kind === "working-days" ? workingDays(s.timescale.workingDays) : "by the child's needs"})`,
      value: s.id,
    })),
    canBypass: stages.filter((s) => s.id !== "informal").length > 1,
    bypassLabel: `If you start after ${firstFormal?.name ?? "the first stage"}: why`,
    bypassNeedsQa: policy.bypass.requiresQaManagerConsultation,
    bypassConsultees: bypassConsultees(policy),
    timescaleHint:
      childNeed.length > 0
        ? literal(`Leave empty to use the policy's timescale. ${childNeed.join(", ")} has none: give one.`)
        : "Leave empty to use the policy's timescale.",
  });
}

function isField(field: string): field is RaiseField {
  return (FIELDS as readonly string[]).includes(field) && field !== "timescale";
}

/**
 * Where the council runs several processes the raiser may start: one button per process, each opening its form.
 * Opened on a message (the message action's dialog), it carries the message on to the form: shown, so the
 * raiser sees what becomes the summary, and sent with whichever button is pressed.
 */
export function processChoiceCard(
  policies: readonly Pick<Policy, "id" | "name">[],
  carried: { readonly summary?: string; readonly note?: string } = {},
): AdaptiveCard {
  const { summary, note } = carried;
  return {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: "Raise an escalation", weight: "Bolder", size: "Medium", wrap: true },
      {
        type: "TextBlock",
        text: "Which process is the concern raised under? Each has its own stages, timescales and form.",
        wrap: true,
      },
      ...(summary
        ? [
            {
              type: "Input.Text",
              id: "summary",
              label: "The message, which becomes the concern's summary",
              isMultiline: true,
              maxLength: TEXT_LIMITS.long,
              value: summary,
            },
          ]
        : []),
      ...(note ? [{ type: "TextBlock", text: note, wrap: true, isSubtle: true }] : []),
      {
        type: "ActionSet",
        actions: policies.map((policy) => ({
          type: "Action.Execute",
          verb: "open-raise-form",
          title: policy.name,
          data: { policyId: policy.id, ...(note ? { note } : {}) },
        })),
      },
    ],
  };
}
