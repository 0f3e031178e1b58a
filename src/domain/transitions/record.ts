// Recording a decided change: the event it appends (with actor and moment), the messages it owes (each with
// an id derived from the event, so a retried write owes them once), the new version and the next action time.
import { ok, type Result } from "../errors";
import {
  type Actor,
  currentStage,
  type Escalation,
  type EscalationEvent,
  type EventKind,
  type MessageKind,
  type OutboxItem,
  partyPeople,
  type PersonRef,
  type StageEnding,
  type StageRecord,
  uniquePeople,
} from "../escalation";
import { onChannels } from "../outbox";
import { nextActionAt, supersedeStaleReminders } from "../reminders";
import type { Transition, TransitionContext } from "./context";
import { caseHolders, rolePeople, without } from "./recipients";

/** What a change appends to the log. */
export interface Happened {
  readonly actor: Actor;
  readonly kind: EventKind;
  readonly stageId: string;
  readonly data: Record<string, unknown>;
}

/**
 * Who the change owes a message to, by kind; the same person is owed each kind once. A message is about the
 * event's stage unless it names another: the new stage a concern was escalated to.
 */
export type Owed = readonly (readonly [MessageKind, readonly PersonRef[], string?])[];

/** Records a change to a stored escalation: its event and messages, and a new version. */
export function recordChange(
  before: Escalation,
  after: Escalation,
  happened: Happened,
  owed: Owed,
  ctx: TransitionContext,
): Result<Transition> {
  return ok(append({ ...after, version: before.version + 1 }, before, happened, owed, ctx));
}

/** Records a new escalation: its first event and messages, at version 1. */
export function recordRaised(
  escalation: Escalation,
  happened: Happened,
  owed: Owed,
  ctx: TransitionContext,
): Result<Transition> {
  return ok(append(escalation, escalation, happened, owed, ctx));
}

export function replaceCurrent(escalation: Escalation, stage: StageRecord): Escalation {
  return { ...escalation, stages: [...escalation.stages.slice(0, -1), stage] };
}

/**
 * Ends the escalation (resolved, referred to Cafcass or withdrawn): everyone who was sent a card about the
 * concern hears how it ended, the managers of earlier stages too, and the policy's copies are sent.
 */
export function conclude(
  escalation: Escalation,
  actor: Actor,
  status: "resolved" | "referred-to-cafcass" | "withdrawn",
  ending: StageEnding,
  data: Record<string, unknown>,
  ctx: TransitionContext,
  alsoTell: readonly PersonRef[] = [],
): Result<Transition> {
  const stage = currentStage(escalation);
  const holdersFor = caseHolders(ctx, escalation);
  const updated: Escalation = {
    ...replaceCurrent(escalation, { ...stage, ending }),
    status,
    conclusion: { status, at: ctx.now, by: actor.person },
  };
  const everyone = uniquePeople([...everyoneSentCards(escalation), ...alsoTell]);
  return recordChange(
    escalation,
    updated,
    { actor, kind: status, stageId: stage.stageId, data },
    [
      ["concluded", everyone.filter((x) => x.id !== actor.person.id)],
      ["concluded-copy", without(rolePeople(ctx.policy.copies.onConcluded, holdersFor), everyone)],
      // The raiser attaches the record to the child's file at the point of resolution or referral.
      ["record-for-file", [escalation.iro]],
    ],
    ctx,
  );
}

/** The IRO and everyone a stage card went to: the people who hear how the escalation ended, or that it re-opened. */
export function everyoneSentCards(escalation: Escalation): PersonRef[] {
  return uniquePeople([
    escalation.iro,
    ...escalation.stages.flatMap((s) => [
      s.responsible,
      ...(s.delegation ? [s.delegation.to] : []),
      ...partyPeople(s),
      ...s.copied,
    ]),
  ]);
}

/**
 * Where the policy gives feedback to all parties at every step, everyone a stage card went to and not
 * already told of this step by a message of its own hears what happened; never the person who did it.
 */
function withFeedback(escalation: Escalation, actor: Actor, owed: Owed, ctx: TransitionContext): Owed {
  if (!ctx.policy.feedbackToAllParties) return owed;
  const told = owed.flatMap(([, people]) => people);
  return [...owed, ["party-feedback", without(everyoneSentCards(escalation), [...told, actor.person])]];
}

function append(
  escalation: Escalation,
  before: Escalation,
  happened: Happened,
  owed: Owed,
  ctx: TransitionContext,
): Transition {
  const event: EscalationEvent = {
    seq: before.events.length + 1,
    at: ctx.now,
    actor: happened.actor.person,
    kind: happened.kind,
    stageId: happened.stageId,
    data: happened.data,
  };
  const owedNow: OutboxItem[] = withFeedback(escalation, happened.actor, owed, ctx).flatMap(
    ([kind, people, stageId]) =>
      uniquePeople(people).map((to) => ({
        id: `e${event.seq}:${kind}:${to.id}`,
        kind,
        to,
        stageId: stageId ?? event.stageId,
        createdAt: ctx.now,
        status: "pending" as const,
        attempts: 0,
        // Feedback says which step it is about; the card it carries shows the rest.
        ...(kind === "party-feedback" ? { data: { happened: happened.kind } } : {}),
      })),
  );
  const messages = onChannels(owedNow, ctx.policy, ctx.reach);
  const next: Escalation = {
    ...escalation,
    events: [...escalation.events, event],
    outbox: [...escalation.outbox, ...messages],
  };
  const current = supersedeStaleReminders(next, ctx.calendar.localDate(ctx.now), ctx.calendar);
  return { escalation: { ...current, nextActionAt: nextActionAt(current, ctx) }, changed: true, event };
}
