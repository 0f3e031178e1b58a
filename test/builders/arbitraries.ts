// fast-check arbitraries for whole escalations: raised with arbitrary text, then driven through an
// arbitrary sequence of real commands, so every shape the domain can produce is covered.
import fc from "fast-check";

import type { Escalation } from "../../src/domain/escalation";
import {
  escalate,
  extend,
  keepWaiting,
  raise,
  reassign,
  recordRefusal,
  referToCafcass,
  resolve,
  respond,
  type TransitionContext,
  withdraw,
} from "../../src/domain/transitions";
import { actors, context, people, type PolicyId, raiseCommand } from "./escalations";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== "");

type Step = (e: Escalation, ctx: TransitionContext) => Escalation;

function stage(e: Escalation): string {
  return e.stages[e.stages.length - 1]!.stageId;
}

function applied(result: ReturnType<typeof respond>, e: Escalation): Escalation {
  return result.ok ? result.value.escalation : e;
}

const step: fc.Arbitrary<Step> = fc.oneof(
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(
          respond(
            e,
            {
              actor: actors.teamManager,
              stageId: stage(e),
              whatDone: t,
              who: t,
              byWhen: "2026-12-01",
              expectedOutcome: { id: "other", text: t },
            },
            ctx,
          ),
          e,
        ),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(
          reassign(
            e,
            { actor: actors.teamManager, stageId: stage(e), to: people.deputyTeamManager, reason: t },
            ctx,
          ),
          e,
        ),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(escalate(e, { actor: actors.iro, stageId: stage(e), reasons: t }, ctx), e),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(extend(e, { actor: actors.iro, stageId: stage(e), newDue: "2026-12-18", reason: t }, ctx), e),
  ),
  fc.constant<Step>((e, ctx) =>
    applied(keepWaiting(e, { actor: actors.iro, stageId: stage(e), until: "2026-12-04" }, ctx), e),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(
          resolve(
            e,
            {
              actor: actors.iro,
              stageId: stage(e),
              resolvedOn: "2026-11-04",
              outcomeConfirmed: { id: "other", text: t },
            },
            ctx,
          ),
          e,
        ),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(
          referToCafcass(
            e,
            {
              actor: actors.iro,
              stageId: stage(e),
              reasons: t,
              nominatedOfficerInformed: true,
              nominatedOfficerInformedOn: "2026-11-03",
            },
            ctx,
          ),
          e,
        ),
  ),
  text.map(
    (t): Step =>
      (e, ctx) =>
        applied(withdraw(e, { actor: actors.iro, stageId: stage(e), reason: t }, ctx), e),
  ),
  fc.constant<Step>((e, ctx) => recordRefusal(e, actors.stranger, "respond", "not-permitted", ctx.now)),
);

export function arbitraryEscalation(policyId: PolicyId = "dorset-qaro"): fc.Arbitrary<Escalation> {
  return fc
    .record({
      name: text,
      caseId: text,
      summary: text,
      legalStatus: fc.constantFrom("CIC", "CP"),
      steps: fc.array(step, { maxLength: 8 }),
      timescale: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    })
    .map(({ name, caseId, summary, legalStatus, steps, timescale }) => {
      const ctx = context({ policy: policyId });
      const base = raiseCommand(ctx, { id: `arb-${caseId.length}` });
      const result = raise(
        {
          ...base,
          child: { ...base.child, name, caseId, legalStatus },
          concern: { ...base.concern, summary },
          ...(timescale !== undefined ? { timescale: { kind: "working-days", workingDays: timescale } } : {}),
        },
        ctx,
      );
      if (!result.ok) throw new Error(`the arbitrary raise was refused: ${result.error.message}`);
      return steps.reduce((e, s) => s(e, ctx), result.value.escalation);
    });
}
