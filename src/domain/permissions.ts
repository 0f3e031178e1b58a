// Who may see an escalation and who may take each action on it: the one rule the transitions enforce, the
// cards draw their buttons from and the views check. A card offers exactly what the server accepts.
import type { Instant, LocalDate, WorkingCalendar } from "./calendar";
import {
  type Actor,
  type AgencyRef,
  askedToAnswer,
  assignee,
  currentStage,
  type Escalation,
  participants,
  type PersonRef,
  type StageRecord,
  uniquePeople,
} from "./escalation";
import {
  cafcassStageOf,
  findStage,
  isAnswered,
  isFormal,
  notificationFormAt,
  type Policy,
  recordedByRaiser,
  stageIndex,
} from "./policy";
import { type Role, roleScope } from "./roles";

/** The actions taken on an escalation's card. */
export type CardAction =
  | "respond"
  | "correct-response"
  | "reassign"
  | "resolve"
  | "escalate"
  | "refer-to-cafcass"
  | "consider-cafcass"
  | "extend"
  | "keep-waiting"
  | "withdraw"
  | "reopen"
  | "notification-form";

/** Which of the actions the viewer is offered on the escalation as it stands. */
export type Offered = Readonly<Record<CardAction, boolean>>;

/** The people the directory lists, for the hand-over rule. */
export interface PeopleLookup {
  /** The people whose line manager this person is. */
  reportsOf(personId: string): readonly PersonRef[];
  /** Everyone who holds the role: in any team for a team role, the council's holders otherwise. */
  holdersAnywhere(role: Role): readonly PersonRef[];
  /** Who holds the role for the child's team (team roles) or for the council. */
  holdersFor(teamId: string, role: Role): readonly PersonRef[];
  /** The agencies that take part in the multi-agency process. */
  agencies(): readonly AgencyRef[];
  /** Who holds the role in the agency. */
  agencyHolders(agencyId: string, role: Role): readonly PersonRef[];
}

export function isQaManager(actor: Actor | undefined): boolean {
  return actor?.roles.includes("qa-manager") ?? false;
}

/**
 * The person who answers the stage now: the one asked to, or, once it is handed over, the delegate alone.
 * A manager who handed a stage over reads it from then on; the delegate may hand it back. Where agencies
 * take part, each agency's people at the stage may answer it too.
 */
export function isAnswering(stage: StageRecord, personId: string): boolean {
  return askedToAnswer(stage).some((p) => p.id === personId);
}

/** The one person who may hand the stage over: the person asked to answer it, or the delegate. */
export function mayHandOver(stage: StageRecord, personId: string): boolean {
  return personId === assignee(stage).id;
}

/**
 * Who completes the stage's notification form: the lead agency's people at the stage (seed 003: "lead agency
 * manager should notify"), or the raiser or a QA Manager recording it for them, where the stage has one.
 */
export function mayCompleteNotificationForm(escalation: Escalation, actor: Actor, policy: Policy): boolean {
  if (escalation.status !== "open" || !escalation.agencies) return false;
  const stage = currentStage(escalation);
  if (!notificationFormAt(policy, stage.stageId)) return false;
  const lead = escalation.agencies.lead.id;
  const forLead = stage.parties?.find((party) => party.agency.id === lead)?.people ?? [];
  return forLead.some((p) => p.id === actor.person.id) || isDecider(escalation, actor);
}

/** The escalation's IRO, or a QA Manager acting for them: the people who resolve, escalate, refer and withdraw. */
export function isDecider(escalation: Escalation, actor: Actor): boolean {
  return actor.person.id === escalation.iro.id || isQaManager(actor);
}

/** The IRO who raised the concern; only she extends a deadline. */
export function isRaiser(escalation: Escalation, personId: string): boolean {
  return personId === escalation.iro.id;
}

/**
 * Who may see the card, with the child's details: the people on the escalation, anyone the record has sent
 * a message to (a copy when raised or concluded, the Nominated Officer told of a referral), QA Managers,
 * and the senior managers who oversee the child's team (`overseen`: the teams the viewer oversees).
 */
export function mayView(
  escalation: Escalation,
  actor: Actor | undefined,
  overseen: readonly string[] = [],
): boolean {
  if (!actor) return false;
  return (
    audience(escalation).some((p) => p.id === actor.person.id) ||
    isQaManager(actor) ||
    overseen.includes(escalation.team.id)
  );
}

/**
 * The roles whose holders oversee the teams they hold them for: the managers above the Team Manager, who
 * answer the later stages for those teams' children and see every escalation in them.
 */
export const OVERSIGHT_ROLES: readonly Role[] = ["service-manager", "head-of-locality", "head-of-service"];

/** The teams a person oversees: those for which they hold one of the oversight roles. */
export function overseenTeamIds(
  teams: readonly { readonly id: string; readonly roles: Readonly<Record<string, readonly string[]>> }[],
  personId: string,
): string[] {
  return teams
    .filter((team) => OVERSIGHT_ROLES.some((r) => (team.roles[r] ?? []).includes(personId)))
    .map((team) => team.id);
}

/** Everyone the card is for: the participants, then anyone else the record sent a message to. */
export function audience(escalation: Escalation): PersonRef[] {
  return uniquePeople([...participants(escalation), ...escalation.outbox.map((item) => item.to)]);
}

/** What the viewer is offered now: who they are on the escalation, and where it stands. */
export function offered(
  escalation: Escalation,
  viewer: Actor,
  policy: Policy,
  now: Instant,
  calendar: WorkingCalendar,
): Offered {
  const stage = currentStage(escalation);
  const open = escalation.status === "open";
  const awaiting = open && stage.response === undefined;
  const answering = isAnswering(stage, viewer.person.id);
  const decides = open && isDecider(escalation, viewer);
  const cafcass = cafcassStageOf(policy);
  const mayRefer =
    decides && cafcass !== undefined && cafcass.legalStatuses.includes(escalation.child.legalStatus);
  return {
    respond: awaiting && answering,
    // The person who answered may correct it until the IRO acts on it (every such act ends the stage).
    "correct-response": open && stage.response?.respondedBy.id === viewer.person.id,
    reassign: awaiting && mayHandOver(stage, viewer.person.id) && !recordedByRaiser(policy, stage.stageId),
    resolve: decides,
    escalate: decides && laterFormalStages(policy, stage.stageId).length > 0,
    "refer-to-cafcass": mayRefer,
    "consider-cafcass":
      mayRefer &&
      (cafcass.informWhenConsidered ?? []).length > 0 &&
      escalation.cafcassConsidered === undefined,
    extend: awaiting && isRaiser(escalation, viewer.person.id),
    "keep-waiting": decides && awaiting && workingDaysOverdue(stage, now, calendar) > 0,
    withdraw: decides,
    reopen: isDecider(escalation, viewer) && mayReopen(escalation, policy, now, calendar),
    "notification-form": mayCompleteNotificationForm(escalation, viewer, policy),
  };
}

/**
 * A resolved or withdrawn escalation may be re-opened within the policy's window of working days after it
 * concluded. A referral to Cafcass hands the matter to Cafcass and is not re-opened here.
 */
export function mayReopen(
  escalation: Escalation,
  policy: Policy,
  now: Instant,
  calendar: WorkingCalendar,
): boolean {
  const c = escalation.conclusion;
  if (!c || (c.status !== "resolved" && c.status !== "withdrawn")) return false;
  return calendar.localDate(now) <= reopenUntil(escalation, policy, calendar);
}

/** The last day a concluded escalation may be re-opened. */
export function reopenUntil(escalation: Escalation, policy: Policy, calendar: WorkingCalendar): LocalDate {
  const concludedAt = escalation.conclusion?.at ?? escalation.raisedAt;
  return calendar.addWorkingDays(calendar.localDate(concludedAt), policy.reopenWithinWorkingDays);
}

/** The formal stages after this one, to which the concern may be escalated. */
export function laterFormalStages(policy: Policy, stageId: string) {
  return policy.stages.slice(stageIndex(policy, stageId) + 1).filter(isFormal);
}

/** Working days past the due date of an unanswered stage; 0 when it is not overdue. */
export function workingDaysOverdue(stage: StageRecord, now: Instant, calendar: WorkingCalendar): number {
  return stageOverdueOn(stage, calendar.localDate(now), calendar);
}

/** The same on a London day: how late a stage is depends on the day alone, never on the hour. */
export function stageOverdueOn(stage: StageRecord, today: LocalDate, calendar: WorkingCalendar): number {
  if (stage.response) return 0;
  return overdueOn(stage.due.due, today, calendar);
}

/**
 * Working days past `due` on `today`; 0 when it is not yet past. A day past it that falls before the next
 * working day (a weekend after a Friday deadline) is already 1: the response is late.
 */
export function overdueOn(due: LocalDate, today: LocalDate, calendar: WorkingCalendar): number {
  return today > due ? Math.max(1, calendar.workingDaysBetween(due, today)) : 0;
}

/**
 * Where the people the current stage may be handed to are found: the people who report to the person
 * answering, the child's team's deputy team managers, and the others who hold the stage's role; never the
 * IRO, the child's social worker or the person already answering. It holds ids only, so a card may carry
 * it to a people search.
 */
export interface HandOverQuery {
  readonly teamId: string;
  /** Whose reports may take it over: the person answering and the one it was handed to. */
  readonly reportsOf: readonly string[];
  /** The stage's role, whose other holders anywhere may take it over (absent for a case role). */
  readonly role?: Role;
  /** Who may never take it over. */
  readonly excluded: readonly string[];
}

export function handOverQuery(escalation: Escalation, policy: Policy): HandOverQuery {
  const stage = currentStage(escalation);
  const policyStage = findStage(policy, stage.stageId);
  const role =
    policyStage && isAnswered(policyStage) && roleScope(policyStage.responsibleRole) !== "case"
      ? policyStage.responsibleRole
      : undefined;
  return {
    teamId: escalation.team.id,
    reportsOf: [...new Set([assignee(stage).id, stage.responsible.id])],
    ...(role !== undefined ? { role } : {}),
    excluded: handOverExcluded(escalation),
  };
}

/** Everyone the query finds, by name. The hand-over card offers exactly these, and the transition accepts no other. */
export function handOverCandidates(query: HandOverQuery, people: PeopleLookup): PersonRef[] {
  const found = [...handOverSources(query, people)].flat();
  return uniquePeople(found.filter((p) => !query.excluded.includes(p.id))).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
}

/**
 * Whether the query finds anyone, as a card asks before it offers the hand-over: the sources are looked at
 * one by one until one holds someone, never all of them gathered and sorted (in a council of hundreds of
 * teams, a stage's role alone has hundreds of holders).
 */
export function anyHandOverCandidate(query: HandOverQuery, people: PeopleLookup): boolean {
  for (const source of handOverSources(query, people)) {
    if (source.some((p) => !query.excluded.includes(p.id))) return true;
  }
  return false;
}

/** Where the query looks, one source at a time, before anyone is left out. */
function* handOverSources(query: HandOverQuery, people: PeopleLookup): Generator<readonly PersonRef[]> {
  for (const id of query.reportsOf) yield people.reportsOf(id);
  yield people.holdersFor(query.teamId, "deputy-team-manager");
  if (query.role !== undefined) yield people.holdersAnywhere(query.role);
}

/** Who the current stage may be handed to, as the hand-over card offers them. */
export function delegateCandidates(
  escalation: Escalation,
  policy: Policy,
  people: PeopleLookup,
): PersonRef[] {
  return handOverCandidates(handOverQuery(escalation, policy), people);
}

/** Anyone but the IRO, the child's social worker and the person answering now may take the stage over. */
export function mayBeHandedTo(escalation: Escalation, person: PersonRef): boolean {
  return !handOverExcluded(escalation).includes(person.id);
}

function handOverExcluded(escalation: Escalation): string[] {
  const stage = currentStage(escalation);
  return [...new Set([assignee(stage).id, escalation.iro.id, escalation.socialWorker.id])];
}

/**
 * Why this person may not be asked to answer a stage of this concern, or undefined when they may: the
 * person who raised it cannot answer her own concern, nor can the child's social worker, whose work the
 * concern is usually about.
 */
export function whyNotAnswerer(
  candidate: PersonRef,
  raiser: PersonRef,
  socialWorker: PersonRef | undefined,
  raiserTitle: string,
): string | undefined {
  if (candidate.id === raiser.id) {
    return `${candidate.name} raised the concern as the ${raiserTitle}, so cannot be the person asked to answer it: choose the manager who should answer.`;
  }
  if (socialWorker && candidate.id === socialWorker.id) {
    return `${candidate.name} is the child's social worker, so cannot be the person asked to answer the concern: choose the manager who should answer.`;
  }
  return undefined;
}
