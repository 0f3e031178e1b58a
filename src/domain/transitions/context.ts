// What every transition is given and what it returns. Each action is a pure function of the record, the
// command and this context (the moment, the policy, the calendar and who holds which role).
import type { Instant, WorkingCalendar } from "../calendar";
import type { Actor, Escalation, EscalationEvent, PersonRef } from "../escalation";
import type { ReachOf } from "../outbox";
import type { PeopleLookup } from "../permissions";
import type { Policy } from "../policy";
import type { WorkingHours } from "../reminders";
import type { Role } from "../roles";

/** The people who hold a team or council role for this child's team, as the directory has them now. */
export type RoleHolders = (role: Role) => readonly PersonRef[];

export interface TransitionContext {
  readonly now: Instant;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly holders: RoleHolders;
  /** The directory's people, for the hand-over rule. */
  readonly people: PeopleLookup;
  readonly hours: WorkingHours;
  /** How each person is reached; Teams only unless given. */
  readonly reach?: ReachOf;
}

export interface Transition {
  readonly escalation: Escalation;
  /** False when the command repeats one already applied: nothing was recorded again. */
  readonly changed: boolean;
  readonly event?: EscalationEvent;
}

/** Card data names the stage and version it was drawn from; a command without them acts on the current ones. */
export interface OnStage {
  readonly actor: Actor;
  readonly stageId: string;
  readonly expectedVersion?: number;
}
