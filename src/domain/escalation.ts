// The escalation record: one child's concern as it moves up the ladder, with every stage, every answer,
// the append-only event log a court or an inspector may read, and the messages it still owes (its outbox).
import type { Instant, LocalDate } from "./calendar";
import type { LegalStatus } from "./policy";
import type { Role } from "./roles";

/** A person as recorded on the escalation at the time: their directory id (Entra object ID) and name. */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
}

export interface Actor {
  readonly person: PersonRef;
  /** Council-wide roles the directory gives this person, e.g. "qa-manager". */
  readonly roles: readonly Role[];
}

export interface ChildDetails {
  readonly name: string;
  /** The case number in the council's case system, e.g. a Mosaic or LCS number. */
  readonly caseId: string;
  readonly dateOfBirth: LocalDate;
  readonly legalStatus: LegalStatus;
}

export interface TeamRef {
  readonly id: string;
  readonly name: string;
}

/** An agency taking part in a multi-agency escalation: police, health, a school, the council's social care. */
export interface AgencyRef {
  readonly id: string;
  readonly name: string;
}

/** One agency's people at a stage: the holders of the stage's roles there, any of whom may answer. */
export interface AgencyParty {
  readonly agency: AgencyRef;
  readonly people: readonly PersonRef[];
}

/** The agencies taking part, and which of them leads (and completes the Escalation Notification Form). */
export interface Agencies {
  readonly lead: AgencyRef;
  readonly involved: readonly AgencyRef[];
}

/** One completion or update of a stage's notification form, as sent to the partnership. */
export interface NotificationEntry {
  readonly stageId: string;
  readonly form: string;
  readonly question: string;
  readonly answer: string;
  readonly resolved: boolean;
  readonly forAgency: AgencyRef;
  readonly by: PersonRef;
  readonly at: Instant;
}

/** One of the policy's choices; "other" choices carry the text the person wrote. */
export interface ChoiceAnswer {
  readonly id: string;
  readonly text?: string;
}

export interface RequestedAction {
  readonly what: string;
  readonly who: string;
  readonly byWhen: LocalDate;
}

/** What the raiser asks of a stage: the concern (or what remains of it), its impact, the action and the outcome. */
export interface StageRequest {
  readonly summary: string;
  readonly impactOnChild: string;
  readonly requestedAction: RequestedAction;
  readonly outcomeSought: ChoiceAnswer;
}

export interface Concern extends StageRequest {
  readonly categories: readonly ChoiceAnswer[];
}

/** A timescale the IRO sets: a number of working days or a date ("unless the IRO has specified a different timescale"). */
export type TimescaleChoice =
  | { readonly kind: "working-days"; readonly workingDays: number }
  | { readonly kind: "date"; readonly due: LocalDate };

export type DueBasis = "policy" | "iro" | "extended";

export interface Due {
  readonly receivedAt: Instant;
  readonly countedFrom: LocalDate;
  readonly due: LocalDate;
  readonly dueBy: Instant;
  readonly workingDays: number;
  /** The sentence shown beside the deadline. */
  readonly rule: string;
  readonly basis: DueBasis;
}

export interface StageResponse {
  readonly whatDone: string;
  readonly who: string;
  readonly byWhen: LocalDate;
  readonly expectedOutcome: ChoiceAnswer;
  readonly respondedBy: PersonRef;
  readonly respondedAt: Instant;
  /** The agency the person answered for, where the stage's people come from several agencies. */
  readonly forAgency?: AgencyRef;
}

/** A response its author corrected before the IRO acted on it: the original, kept, and why it changed. */
export interface Correction {
  readonly original: StageResponse;
  readonly reason: string;
  readonly by: PersonRef;
  readonly at: Instant;
}

export interface Delegation {
  readonly to: PersonRef;
  readonly reason: string;
  readonly by: PersonRef;
  readonly at: Instant;
}

export interface Extension {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly reason: string;
  readonly by: PersonRef;
  readonly at: Instant;
}

export type StageEnding =
  | {
      readonly kind: "resolved";
      readonly resolvedOn: LocalDate;
      readonly outcomeConfirmed: ChoiceAnswer;
      /** Who the resolution was agreed with, and the form's words for it, where the stage asks. */
      readonly agreedWith?: { readonly person: PersonRef; readonly words: string };
      readonly by: PersonRef;
      readonly at: Instant;
    }
  | {
      readonly kind: "progressed";
      readonly toStageId: string;
      readonly reasons: string;
      readonly by: PersonRef;
      readonly at: Instant;
    }
  | {
      readonly kind: "referred-to-cafcass";
      readonly reasons: string;
      readonly by: PersonRef;
      readonly at: Instant;
    }
  | { readonly kind: "withdrawn"; readonly reason: string; readonly by: PersonRef; readonly at: Instant };

export interface StageRecord {
  readonly stageId: string;
  readonly name: string;
  readonly sentAt: Instant;
  readonly due: Due;
  readonly responsible: PersonRef;
  readonly delegation?: Delegation;
  readonly copied: readonly PersonRef[];
  /** Each agency's people at this stage, where several agencies take part; any of them may answer. */
  readonly parties?: readonly AgencyParty[];
  /** The manager a late response is copied to: the next stage's responsible person. */
  readonly nextManagerUp?: PersonRef;
  /** What the raiser asked of this stage when escalating to it, where the policy asks again at each stage. */
  readonly request?: StageRequest;
  readonly response?: StageResponse;
  /** Earlier versions of the response, oldest first; absent until the first correction. */
  readonly corrections?: readonly Correction[];
  readonly extensions: readonly Extension[];
  /** The IRO chose to keep waiting: no prompt to escalate before this day. */
  readonly keepWaitingUntil?: LocalDate;
  readonly ending?: StageEnding;
}

export type EscalationStatus = "open" | "resolved" | "referred-to-cafcass" | "withdrawn";

export interface Bypass {
  /** The stage bypassed from; null when the concern was raised beyond the first formal stage. */
  readonly fromStageId: string | null;
  readonly toStageId: string;
  readonly reason: string;
  readonly qaManagerConsulted: boolean;
}

export interface CafcassReferral {
  readonly nominatedOfficerInformedOn: LocalDate;
  readonly reasons: string;
  readonly by: PersonRef;
  readonly at: Instant;
}

/** The raiser recorded that she is considering a referral to Cafcass, and who was informed. */
export interface CafcassConsidered {
  readonly note: string;
  readonly informed: readonly PersonRef[];
  readonly by: PersonRef;
  readonly at: Instant;
}

/** A concluded escalation opened again: how it had ended, kept as it was, and why it was re-opened. */
export interface Reopening {
  readonly conclusion: Conclusion;
  readonly ending: StageEnding;
  readonly reason: string;
  readonly by: PersonRef;
  readonly at: Instant;
}

export interface Conclusion {
  readonly status: Exclude<EscalationStatus, "open">;
  readonly at: Instant;
  readonly by: PersonRef;
}

export type EventKind =
  | "raised"
  | "responded"
  | "response-corrected"
  | "resolved"
  | "escalated"
  | "referred-to-cafcass"
  | "cafcass-considered"
  | "reassigned"
  | "extended"
  | "kept-waiting"
  | "withdrawn"
  | "reopened"
  | "notification-form-completed"
  /** Kept for records made before refused attempts were folded into the refusal log. */
  | "refused";

/** One thing that happened, appended and never edited. `data` holds what the action recorded. */
export interface EscalationEvent {
  readonly seq: number;
  readonly at: Instant;
  readonly actor: PersonRef;
  readonly kind: EventKind;
  readonly stageId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The refused attempts of one person at one action on one stage: every one counted, the first and last kept. */
export interface RefusedAttempts {
  readonly person: PersonRef;
  readonly action: string;
  /** Why it was refused, as a code, e.g. "not-permitted". */
  readonly code: string;
  readonly stageId: string | null;
  readonly count: number;
  readonly firstAt: Instant;
  readonly lastAt: Instant;
}

/** Attempts someone was not allowed to make, folded so that no number of them can fill the record. */
export interface RefusalLog {
  readonly folded: readonly RefusedAttempts[];
  /** Attempts by people and actions beyond the ones the log names: counted, with the first and last time. */
  readonly beyond?: { readonly count: number; readonly firstAt: Instant; readonly lastAt: Instant };
  /** The ids of the latest attempts, so a write retried after a lost answer records its attempt once. */
  readonly recentAttempts: readonly string[];
}

export const MESSAGE_KINDS = {
  "stage-assigned": "A stage card with the response form, to the person who must answer",
  "stage-copy": "A read-only stage card, to a person the policy copies",
  "raised-confirmation": "To the IRO: the concern was sent, with the due date and its rule",
  "raised-copy": "A copy of the concern when raised, to the roles the policy names",
  "response-received":
    "To the IRO: the response, with Resolve, Escalate, Refer to Cafcass, Extend and Withdraw",
  "response-copy": "To copied people: the stage was answered",
  "response-corrected": "To the IRO and the copied people: the person who answered corrected the response",
  "stage-progressed": "To the previous stage's manager: the concern moved up",
  "escalated-confirmation": "To the IRO: the new stage was sent, with its due date",
  "cafcass-considered": "To the roles the policy names: the raiser is considering a referral to Cafcass",
  "party-feedback": "To everyone on a multi-agency escalation: what happened at this step",
  "notification-form": "To the safeguarding partnership: the lead agency's Escalation Notification Form",
  "final-decision": "To the roles the policy names: the Executive's final decision",
  "reassigned-to-you": "To the delegate: the stage card with the response form",
  "reassigned-notice": "To the IRO: who now answers the stage, and why",
  "deadline-extended": "To the person answering: the new due date",
  concluded: "To everyone on the escalation: it was resolved, referred to Cafcass or withdrawn",
  reopened: "To everyone on the escalation: the IRO or a QA Manager re-opened it, and why",
  "concluded-copy": "A copy of the concluded record, to the roles the policy names, with the record to save",
  "record-for-file": "To the IRO: the record for the child's file, to save and attach at conclusion",
  "reminder-before-due": "To the person answering: the response is due soon",
  "due-today": "To the person answering: the response is due today",
  "overdue-chase": "To the person answering: the response is overdue",
  "overdue-chase-copy": "To the next manager up: a response is overdue",
  "escalation-prompt": "To the IRO: the response is overdue; escalate, extend or keep waiting",
  "formal-total-exceeded": "To the QA Manager: the formal process has passed its total",
  "overdue-qa-notice":
    "To the QA Manager, the morning after a response fell due: it is overdue (where the policy asks)",
  "unreachable-notice": "To the IRO: someone on the escalation could not be reached, and why",
} as const;

export type MessageKind = keyof typeof MESSAGE_KINDS;

/** "superseded": a reminder that was never delivered and no longer applies (a later day's, or the stage moved on). */
export type OutboxStatus = "pending" | "sent" | "superseded";

/** Reminders owed for one stage on one working day; a later day's reminder or the stage's end replaces them. */
export const DAILY_REMINDER_KINDS: ReadonlySet<MessageKind> = new Set<MessageKind>([
  "reminder-before-due",
  "due-today",
  "overdue-chase",
  "overdue-chase-copy",
  "escalation-prompt",
]);

/** Messages the schedule owes, which go out only on working days in working hours. */
export function isReminder(kind: MessageKind): boolean {
  return DAILY_REMINDER_KINDS.has(kind) || kind === "formal-total-exceeded" || kind === "overdue-qa-notice";
}

/** How a message goes: Teams (the default, and every message kept from before e-mail) or e-mail. */
export type Channel = "teams" | "email";

export interface OutboxItem {
  /** Unique within the escalation and derived from what caused it, so the same cause never owes twice. */
  readonly id: string;
  readonly kind: MessageKind;
  readonly to: PersonRef;
  /** Absent: Teams. */
  readonly channel?: "email";
  readonly stageId: string | null;
  readonly createdAt: Instant;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** A dispatcher holds the item until then; after it, another run may take it. */
  readonly claimedUntil?: Instant;
  /** The claim holding it: each claim draws an id, so two claims ending at the same moment are told apart. */
  readonly claimedBy?: string;
  readonly sentAt?: Instant;
  /** Why the last attempt failed, as a code (never message text), e.g. "no-conversation-reference". */
  readonly lastError?: string;
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface Escalation {
  readonly id: string;
  readonly policyId: string;
  /** Increments with every change of state; a card names the version it was drawn from. */
  readonly version: number;
  readonly status: EscalationStatus;
  readonly raisedAt: Instant;
  readonly child: ChildDetails;
  readonly socialWorker: PersonRef;
  readonly team: TeamRef;
  readonly teamManager: PersonRef;
  /** The person who raised the concern and decides on each response: the IRO, or the CP Chair. */
  readonly iro: PersonRef;
  /** Whether they raised it as the IRO or as the Child Protection Chair, where the policy lets both. */
  readonly raisedAs?: "iro" | "cp-chair";
  readonly iroManager: PersonRef;
  readonly qaManagers: readonly PersonRef[];
  readonly concern: Concern;
  /** The agencies taking part, where the policy's people come from several. */
  readonly agencies?: Agencies;
  /** The lead agency's notification form, each completion or update in turn; absent until the first. */
  readonly notificationForm?: readonly NotificationEntry[];
  readonly iroTimescale?: TimescaleChoice;
  readonly bypasses: readonly Bypass[];
  readonly stages: readonly StageRecord[];
  readonly cafcassConsidered?: CafcassConsidered;
  readonly cafcass?: CafcassReferral;
  readonly conclusion?: Conclusion;
  /** Each time it was re-opened, oldest first; absent until the first. */
  readonly reopenings?: readonly Reopening[];
  readonly events: readonly EscalationEvent[];
  /** Refused attempts; absent until the first. */
  readonly refusals?: RefusalLog;
  readonly outbox: readonly OutboxItem[];
  /** When the reminder schedule next owes something; null when nothing more will be owed. */
  readonly nextActionAt: Instant | null;
}

export function currentStage(escalation: Escalation): StageRecord {
  const stage = escalation.stages[escalation.stages.length - 1];
  if (!stage) throw new Error(`escalation ${escalation.id} has no stage`);
  return stage;
}

/** Who must answer the stage now: the delegate if there is one, otherwise the responsible manager. */
export function assignee(stage: StageRecord): PersonRef {
  return stage.delegation?.to ?? stage.responsible;
}

/** Everyone on the escalation: they alone may see the child's details. */
export function participants(escalation: Escalation): PersonRef[] {
  const people: PersonRef[] = [escalation.iro, ...escalation.qaManagers];
  for (const stage of escalation.stages) {
    people.push(stage.responsible, ...stage.copied, ...partyPeople(stage));
    if (stage.delegation) people.push(stage.delegation.to);
    if (stage.nextManagerUp) people.push(stage.nextManagerUp);
  }
  return uniquePeople(people);
}

/** Everyone the stage's agencies have at it. */
export function partyPeople(stage: StageRecord): PersonRef[] {
  return (stage.parties ?? []).flatMap((party) => party.people);
}

/** Who is asked to answer the stage: the person answering now, and every agency's people at it. */
export function askedToAnswer(stage: StageRecord): PersonRef[] {
  return uniquePeople([assignee(stage), ...partyPeople(stage)]);
}

/** The agency this person is at the stage for, where the stage has agencies' people. */
export function partyOf(stage: StageRecord, personId: string): AgencyRef | undefined {
  return stage.parties?.find((party) => party.people.some((p) => p.id === personId))?.agency;
}

export function uniquePeople(people: readonly PersonRef[]): PersonRef[] {
  const seen = new Set<string>();
  const result: PersonRef[] = [];
  for (const person of people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    result.push(person);
  }
  return result;
}

/** What is asked now: the latest stage's own request, or the concern as raised. */
export function currentRequest(escalation: Escalation): StageRequest {
  return escalation.stages.findLast((s) => s.request !== undefined)?.request ?? escalation.concern;
}

export function channelOf(item: OutboxItem): Channel {
  return item.channel ?? "teams";
}

export function pendingOutbox(escalation: Escalation): OutboxItem[] {
  return escalation.outbox.filter((item) => item.status === "pending");
}
