// Escalations taken through the domain's real transitions, for the card, record and report tests and the
// benchmark: a Level 1 answered, a Cafcass referral, a two-stage journey with a hand-over, an extension and a
// resolution, and a Level 4 escalation with every text at its limit.
import type { Escalation } from "../../src/domain/escalation";
import {
  escalate,
  extend,
  raise,
  reassign,
  referToCafcass,
  resolve,
  respond,
  type TransitionContext,
} from "../../src/domain/transitions";
import { TEXT_LIMITS } from "../../src/domain/validation";
import { actors, at, context, ok, type PolicyId, raiseCommand, raised } from "./escalations";

/** Text of exactly `length` characters, recognisable by its start. */
export function textOf(start: string, length: number): string {
  return (start + " " + "lorem ipsum dolor sit amet ".repeat(Math.ceil(length / 27))).slice(0, length);
}

/** Dorset Level 1, raised Wednesday 4 November 2026, answered by the Team Manager on Friday 6 November. */
export function answeredAtLevel1(): Escalation {
  return ok(
    respond(
      raised(),
      {
        actor: actors.teamManager,
        stageId: "stage-1",
        whatDone: "Booked the sign-off meeting.",
        who: "Tariq Mann",
        byWhen: "2026-11-20",
        expectedOutcome: { id: "childs-plan-on-track" },
      },
      at(context(), "2026-11-06"),
    ),
  ).escalation;
}

/** That answered escalation referred to Cafcass by the IRO on Monday 9 November. */
export function referredAtLevel1(reasons = "The plan has drifted for a year."): Escalation {
  return ok(
    referToCafcass(
      answeredAtLevel1(),
      {
        actor: actors.iro,
        stageId: "stage-1",
        reasons,
        nominatedOfficerInformed: true,
        nominatedOfficerInformedOn: "2026-11-05",
      },
      at(context(), "2026-11-09"),
    ),
  ).escalation;
}

export interface Journey {
  readonly ctx: TransitionContext;
  readonly escalation: Escalation;
}

/**
 * Dorset, raised on Wednesday 4 November 2026 at Level 1. Level 1: handed to the deputy, extended, answered
 * by the deputy, escalated. Level 2: answered by the Service Manager, resolved by the IRO.
 */
export function twoStageJourney(text: (what: string) => string = (what) => what): Journey {
  const ctx = context();
  const base = raiseCommand(ctx);
  let e = ok(
    raise(
      {
        ...base,
        child: { ...base.child, name: text("Jamie Example") },
        concern: {
          ...base.concern,
          categories: [
            { id: "care-plan-implementation" },
            { id: "other", text: text("Contact arrangements") },
          ],
          summary: text("The care plan has not been signed off."),
          impactOnChild: text("Jamie does not know where they will live."),
          requestedAction: {
            what: text("Sign off the plan."),
            who: text("Team Manager"),
            byWhen: "2026-12-02",
          },
          outcomeSought: { id: "other", text: text("A plan Jamie understands") },
        },
      },
      ctx,
    ),
  ).escalation;
  e = ok(
    reassign(
      e,
      {
        actor: actors.teamManager,
        stageId: "stage-1",
        to: { id: "p-dtm", name: "Dana Temple" },
        reason: text("I am on leave this week."),
      },
      at(ctx, "2026-11-05", "09:00"),
    ),
  ).escalation;
  e = ok(
    extend(
      e,
      {
        actor: actors.iro,
        stageId: "stage-1",
        newDue: "2026-11-13",
        reason: text("Awaiting the review minutes."),
      },
      at(ctx, "2026-11-05", "11:00"),
    ),
  ).escalation;
  e = ok(
    respond(
      e,
      {
        actor: actors.deputyTeamManager,
        stageId: "stage-1",
        whatDone: text("The plan is with the Service Manager."),
        who: text("Dana Temple"),
        byWhen: "2026-11-20",
        expectedOutcome: { id: "childs-plan-on-track" },
      },
      at(ctx, "2026-11-06", "14:30"),
    ),
  ).escalation;
  e = ok(
    escalate(
      e,
      { actor: actors.iro, stageId: "stage-1", reasons: text("The response sets no date for the sign-off.") },
      at(ctx, "2026-11-09", "10:00"),
    ),
  ).escalation;
  e = ok(
    respond(
      e,
      {
        actor: actors.serviceManager,
        stageId: "stage-2",
        whatDone: text("I signed off the plan today."),
        who: text("Sofia Marr"),
        byWhen: "2026-11-10",
        expectedOutcome: { id: "other", text: text("Jamie has a signed plan") },
      },
      at(ctx, "2026-11-10", "16:00"),
    ),
  ).escalation;
  const end = at(ctx, "2026-11-11", "09:15");
  e = ok(
    resolve(
      e,
      {
        actor: actors.iro,
        stageId: "stage-2",
        resolvedOn: "2026-11-11",
        outcomeConfirmed: { id: "childs-plan-on-track" },
      },
      end,
    ),
  ).escalation;
  return { ctx: end, escalation: e };
}

/**
 * A concern at Level 4 of Dorset's ladder, every text at its limit: each of Levels 1 to 3 handed to a
 * delegate, extended, answered (with an "other" outcome) and escalated; Level 4 waiting for its answer.
 */
export function levelFourAtLimits(length: { long: number; short: number } = TEXT_LIMITS): Journey {
  const long = (what: string) => textOf(what, length.long);
  const short = (what: string) => textOf(what, length.short);
  const ctx = context({ policy: "dorset-qaro" satisfies PolicyId });
  const base = raiseCommand(ctx);
  let e = ok(
    raise(
      {
        ...base,
        child: { ...base.child, name: short("Jamie"), caseId: short("MOS") },
        concern: {
          categories: [
            { id: "care-plan-implementation" },
            { id: "safety" },
            { id: "other", text: long("Other") },
          ],
          summary: long("Summary"),
          impactOnChild: long("Impact"),
          requestedAction: { what: long("What"), who: short("Who"), byWhen: "2026-12-23" },
          outcomeSought: { id: "other", text: long("Outcome") },
        },
      },
      ctx,
    ),
  ).escalation;
  const levels = [
    { stageId: "stage-1", answerer: actors.teamManager, delegate: actors.deputyTeamManager },
    { stageId: "stage-2", answerer: actors.serviceManager, delegate: actors.deputyTeamManager },
    { stageId: "stage-3", answerer: actors.headOfLocality, delegate: actors.deputyTeamManager },
  ];
  // Each level takes a week: handed over on Monday, extended on Tuesday, answered on Wednesday, escalated Friday.
  const weeks = [
    ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-13"],
    ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20"],
    ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27"],
  ];
  levels.forEach((level, i) => {
    const [handOver, extendOn, answerOn, escalateOn] = weeks[i]!;
    const current = e.stages[e.stages.length - 1]!;
    e = ok(
      reassign(
        e,
        {
          actor: level.answerer,
          stageId: level.stageId,
          to: level.delegate.person,
          reason: long("Delegated"),
        },
        at(ctx, handOver!),
      ),
    ).escalation;
    e = ok(
      extend(
        e,
        {
          actor: actors.iro,
          stageId: level.stageId,
          newDue: nextWeekday(current.due.due),
          reason: long("Extended"),
        },
        at(ctx, extendOn!),
      ),
    ).escalation;
    e = ok(
      respond(
        e,
        {
          actor: level.delegate,
          stageId: level.stageId,
          whatDone: long("Done"),
          who: short("Who"),
          byWhen: "2026-12-18",
          expectedOutcome: { id: "other", text: long("Expected") },
        },
        at(ctx, answerOn!),
      ),
    ).escalation;
    e = ok(
      escalate(
        e,
        { actor: actors.iro, stageId: level.stageId, reasons: long("Reasons") },
        at(ctx, escalateOn!),
      ),
    ).escalation;
  });
  return { ctx: at(ctx, "2026-11-30"), escalation: e };
}

function nextWeekday(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}
