// The invariants that hold whatever sequence of actions people attempt: what the state machine records, owes and refuses.
import fc from "fast-check";

import type { Result } from "../../../../src/domain/errors";
import type { Actor, Escalation } from "../../../../src/domain/escalation";
import { applyReminders } from "../../../../src/domain/reminders";
import {
  escalate,
  extend,
  keepWaiting,
  reassign,
  recordRefusal,
  referToCafcass,
  refusedAttemptCount,
  resolve,
  respond,
  type Transition,
  type TransitionContext,
  withdraw,
} from "../../../../src/domain/transitions";
import { actor, actors, context, people, raised } from "../../../builders/escalations";

type Who = "iro" | "manager" | "delegate" | "qa" | "stranger";
type Action =
  | "respond"
  | "resolve"
  | "escalate"
  | "cafcass"
  | "reassign"
  | "extend"
  | "keepWaiting"
  | "withdraw"
  | "reminders";

interface Step {
  readonly action: Action;
  readonly who: Who;
  /** Whether the command names the current stage and version (otherwise the first stage and version 1). */
  readonly current: boolean;
  /** Whether the form is filled in (otherwise a required field is left empty). */
  readonly complete: boolean;
  readonly variant: number;
  readonly advanceMinutes: number;
  /** Send the previous command again, exactly as it was (a re-delivered card action). */
  readonly replay: boolean;
}

/** Actions that end the escalation are rarer, so that sequences get some way up the ladder first. */
const actionArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Action>("respond", "escalate", "reminders") },
  { weight: 3, arbitrary: fc.constantFrom<Action>("reassign", "extend", "keepWaiting") },
  { weight: 1, arbitrary: fc.constantFrom<Action>("resolve", "cafcass", "withdraw") },
);

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  action: actionArbitrary,
  who: fc.constantFrom<Who>("iro", "manager", "delegate", "qa", "stranger"),
  current: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  complete: fc.oneof(
    { weight: 3, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  variant: fc.nat({ max: 3 }),
  advanceMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  replay: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

function actorFor(who: Who, escalation: Escalation): Actor {
  const stage = escalation.stages.at(-1);
  switch (who) {
    case "iro":
      return actors.iro;
    case "manager":
      return stage ? actor(stage.responsible) : actors.teamManager;
    case "delegate":
      return actors.deputyTeamManager;
    case "qa":
      return actors.qaManager;
    case "stranger":
      return actors.stranger;
  }
}

type Command = (escalation: Escalation, ctx: TransitionContext) => Result<Transition>;

/** The command a person would send, drawn from the record as it was when their card was made. */
function command(step: Step, source: Escalation, sourceCtx: TransitionContext): Command {
  const by = actorFor(step.who, source);
  const calendarOf = sourceCtx.calendar;
  const today = calendarOf.localDate(sourceCtx.now);
  const base = step.current
    ? { actor: by, stageId: source.stages.at(-1)?.stageId ?? "", expectedVersion: source.version }
    : { actor: by, stageId: source.stages[0]?.stageId ?? "", expectedVersion: 1 };
  const text = (value: string): string => (step.complete ? value : "");
  const later = calendarOf.addWorkingDays(today, 2 + step.variant);
  const due = source.stages.at(-1)?.due.due ?? today;
  switch (step.action) {
    case "respond":
      return (e, ctx) =>
        respond(
          e,
          {
            ...base,
            whatDone: text(`Done ${step.variant}`),
            who: "TM",
            byWhen: later,
            expectedOutcome: { id: "childs-plan-on-track" },
          },
          ctx,
        );
    case "resolve":
      return (e, ctx) =>
        resolve(
          e,
          {
            ...base,
            resolvedOn: step.complete ? today : "",
            outcomeConfirmed: { id: "childs-plan-on-track" },
          },
          ctx,
        );
    case "escalate":
      return (e, ctx) =>
        escalate(
          e,
          {
            ...base,
            reasons: text("Not resolved."),
            ...(step.variant === 3
              ? { toStageId: "stage-4", bypassReason: "Urgent.", qaManagerConsulted: true }
              : {}),
          },
          ctx,
        );
    case "cafcass":
      return (e, ctx) =>
        referToCafcass(
          e,
          {
            ...base,
            reasons: text("Rights breached."),
            nominatedOfficerInformed: step.complete,
            nominatedOfficerInformedOn: today,
          },
          ctx,
        );
    case "reassign":
      return (e, ctx) =>
        reassign(
          e,
          {
            ...base,
            to: step.variant % 2 === 0 ? people.deputyTeamManager : people.headOfService,
            reason: text("Leave."),
          },
          ctx,
        );
    case "extend":
      return (e, ctx) =>
        extend(
          e,
          { ...base, newDue: calendarOf.addWorkingDays(due, 1 + step.variant), reason: text("Court.") },
          ctx,
        );
    case "keepWaiting":
      return (e, ctx) => keepWaiting(e, { ...base, until: step.complete ? later : "" }, ctx);
    case "withdraw":
      return (e, ctx) => withdraw(e, { ...base, reason: text("No longer needed.") }, ctx);
    case "reminders":
      return (e, ctx) => ({
        ok: true,
        value: { escalation: applyReminders(e, ctx).escalation, changed: true },
      });
  }
}

describe("invariants over any sequence of actions", () => {
  it("keeps the record append-only, its versions rising, refusals harmless, conclusions final and messages unique", () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), (steps) => {
        let ctx = context();
        let escalation = raised(ctx);
        let previous: { step: Step; command: Command } | undefined;
        for (const step of steps) {
          ctx = { ...ctx, now: new Date(Date.parse(ctx.now) + step.advanceMinutes * 60_000).toISOString() };
          const replaying = step.replay && previous !== undefined;
          const current =
            replaying && previous ? previous : { step, command: command(step, escalation, ctx) };
          const before = structuredClone(escalation);
          const result = current.command(escalation, ctx);

          // The input is never changed in place, whatever the outcome.
          expect(escalation).toEqual(before);
          let next: Escalation;
          if (result.ok) {
            next = result.value.escalation;
            if (!result.value.changed) expect(next).toBe(escalation);
          } else {
            const by = actorFor(current.step.who, escalation);
            next = recordRefusal(escalation, by, current.step.action, result.error.code, ctx.now);
            expect(next.version).toBe(escalation.version);
            expect(next.outbox).toBe(escalation.outbox);
            expect(next.events).toBe(escalation.events);
            expect(refusedAttemptCount(next)).toBe(refusedAttemptCount(escalation) + 1);
          }

          expect(next.events.slice(0, escalation.events.length)).toEqual(escalation.events);
          expect(next.events.map((e) => e.seq)).toEqual(next.events.map((_e, index) => index + 1));
          // Messages owed are never removed or rewritten; an undelivered reminder may only be superseded.
          escalation.outbox.forEach((item, index) => {
            const after = next.outbox[index];
            if (after?.status === "superseded" && item.status === "pending") {
              expect({ ...after, status: "pending" }).toEqual(item);
            } else {
              expect(after).toEqual(item);
            }
          });
          expect(next.version).toBeGreaterThanOrEqual(escalation.version);
          if (escalation.status !== "open") {
            expect(next.status).toBe(escalation.status);
            expect(next.conclusion).toEqual(escalation.conclusion);
            expect(next.nextActionAt).toBeNull();
          }
          expect(new Set(next.outbox.map((item) => item.id)).size).toBe(next.outbox.length);
          expect(next.stages.slice(0, -1).every((stage) => stage.ending?.kind === "progressed")).toBe(true);
          previous = current;
          escalation = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
