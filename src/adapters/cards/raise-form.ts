// The form an IRO raises a concern with. Its inputs are named as the application's RaiseForm reads them;
// when the domain finds problems, the form comes back with what was typed still in it and each problem
// in red under its own field.
import type { RaiseForm } from "../../application/raise-escalation";
import type { DirectoryIndex, Person } from "../../domain/directory";
import type { FieldProblem } from "../../domain/errors";
import { answeredStages, LEGAL_STATUS_NAMES, type Policy } from "../../domain/policy";
import { type Role, roleScope } from "../../domain/roles";
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
}

/** The form's inputs, by the names RaiseForm reads. */
export type RaiseField = Exclude<keyof RaiseForm, "formId">;

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
};

// What the client says when a required field is left empty, before anything reaches the domain.
const REQUIRED_MESSAGES: Readonly<Partial<Record<RaiseField, string>>> = {
  childName: "Enter the child's name.",
  caseId: "Enter the case ID.",
  dateOfBirth: "Enter the child's date of birth.",
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
  requestedByWhen: "Give the date the action is needed by.",
  outcomeSought: "Choose the outcome sought.",
  timescaleWorkingDays: "Give a whole number of working days.",
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
  const people = candidates(directory, input.raiserId, policy);
  const withChosen = (list: ChoiceView[], id: string | undefined): ChoiceView[] => {
    const chosen = id?.trim();
    if (!chosen || list.some((c) => c.value === chosen)) return list;
    const person = directory.person(chosen);
    return person ? [personChoice(person), ...list] : list;
  };
  const firstFormal = stages.find((s) => s.id !== "informal");
  const childNeed = stages.filter((s) => s.timescale.kind === "child-need").map((s) => s.name);
  const otherCategory = policy.categories.items.find((c) => c.requiresText === true);
  const otherOutcome = policy.outcomes.items.find((c) => c.requiresText === true);
  const problemCount = problems.length;
  return expand(template, {
    formId: input.formId,
    policyName: literal(policy.name),
    raiserTitle: literal(policy.raiserTitle),
    hasProblems: problemCount > 0,
    problemSummary:
      problemCount === 1
        ? "The concern was not sent: one thing needs correcting. It is shown in red below."
        : `The concern was not sent: ${problemCount} things need correcting. They are shown in red below.`,
    generalProblems: general.map((message) => ({ text: literal(message) })),
    f,
    legalStatuses: policy.legalStatuses.map((s) => ({ title: `${LEGAL_STATUS_NAMES[s]} (${s})`, value: s })),
    teams: [...directory.allTeams()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => ({ title: t.name, value: t.id })),
    socialWorkers: withChosen(people.socialWorkers, values.socialWorkerId),
    teamManagers: withChosen(people.teamManagers, values.teamManagerId),
    iroManagers: withChosen(people.iroManagers, values.iroManagerId ?? defaults.iroManagerId),
    responsibles: withChosen(people.responsibles, values.responsibleId),
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
    timescaleHint:
      childNeed.length > 0
        ? literal(`Leave empty to use the policy's timescale. ${childNeed.join(", ")} has none: give one.`)
        : "Leave empty to use the policy's timescale.",
  });
}

function isField(field: string): field is RaiseField {
  return (FIELDS as readonly string[]).includes(field) && field !== "timescale";
}

function personChoice(person: Person): ChoiceView {
  const title = person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name;
  return { title, value: person.id };
}

/**
 * The people offered for each person on the form. A directory lists everyone in children's services, so
 * each list holds only the people who can fill that seat; a list with nobody in it offers everyone.
 */
function candidates(directory: DirectoryIndex, raiserId: string, policy: Policy) {
  const all = [...directory.data.people].sort((a, b) => a.name.localeCompare(b.name));
  const holders = (role: Role): Set<string> => {
    const ids = new Set<string>(all.filter((p) => p.roles.includes(role)).map((p) => p.id));
    const scope = roleScope(role);
    if (scope === "team")
      for (const t of directory.allTeams()) for (const id of t.roles[role] ?? []) ids.add(id);
    if (scope === "council") for (const id of directory.data.council[role] ?? []) ids.add(id);
    return ids;
  };
  const pick = (keep: (p: Person) => boolean): ChoiceView[] => {
    const chosen = all.filter(keep);
    return (chosen.length > 0 ? chosen : all).map(personChoice);
  };
  const managers = new Set<string>([...holders("iro-manager")]);
  const raiserManager = directory.person(raiserId)?.managerId;
  if (raiserManager !== undefined) managers.add(raiserManager);
  const answering = new Set<string>();
  for (const stage of answeredStages(policy)) {
    if (roleScope(stage.responsibleRole) !== "case")
      for (const id of holders(stage.responsibleRole)) answering.add(id);
  }
  const teamManagers = holders("team-manager");
  const socialWorkers = new Set([...holders("social-worker"), ...holders("front-line-worker")]);
  return {
    // Social workers carry no team role, so they are the team members who hold none.
    socialWorkers: pick(
      (p) => socialWorkers.has(p.id) || (p.teamId !== undefined && !holdsTeamRole(directory, p.id)),
    ),
    teamManagers: pick((p) => teamManagers.has(p.id)),
    iroManagers: pick((p) => managers.has(p.id)),
    responsibles: pick((p) => answering.has(p.id)),
  };
}

function holdsTeamRole(directory: DirectoryIndex, personId: string): boolean {
  return directory.allTeams().some((t) => Object.values(t.roles).some((ids) => ids.includes(personId)));
}
