// Professional Challenge (seed 004): the Service Manager responds "within 5 working days (10 working days
// from start of the challenge)", the Head of Service by 15 and the Assistant Director by 20 working days
// from the start. Stages 2 to 4 are counted from Stage 1's day 0; a stage escalated after its cumulative
// date still has its own 5 working days. Christmas Day and Boxing Day 2026 are Friday 25 and Monday 28.
import type { Escalation } from "../../../../src/domain/escalation";
import { escalate, respond } from "../../../../src/domain/transitions";
import { actors, at, context, ok, raised } from "../../../builders/escalations";

const ctx = context({ policy: "professional-challenge" });

function answered(e: Escalation, day: string): Escalation {
  const stage = e.stages.at(-1)!;
  return ok(
    respond(
      e,
      {
        // Whoever the stage was sent to answers it.
        actor: { person: stage.responsible, roles: [] },
        stageId: stage.stageId,
        whatDone: "Done.",
        who: "Someone",
        byWhen: "2027-01-29",
        expectedOutcome: { id: ctx.policy.outcomes.items[0]!.id },
      },
      at(ctx, day),
    ),
  ).escalation;
}

function escalated(e: Escalation, day: string): Escalation {
  return ok(
    escalate(
      e,
      { actor: actors.iro, stageId: e.stages.at(-1)!.stageId, reasons: "Not resolved." },
      at(ctx, day),
    ),
  ).escalation;
}

/** Stage 1 raised on Monday 7 December 2026 at 09:30: the challenge's day 0. */
const started = () => raised(at(ctx, "2026-12-07", "09:30"), { startStageId: "stage-1" });

it("escalated early, Stage 2 is due 10 working days from the start, not 5 from its receipt", () => {
  const e = escalated(answered(started(), "2026-12-08"), "2026-12-09");
  const stage2 = e.stages.at(-1)!;
  // 10 from Monday 7: 8, 9, 10, 11, 14, 15, 16, 17, 18, 21. Its own 5 from Wednesday 9 would end on 16.
  expect(stage2.due).toMatchObject({ countedFrom: "2026-12-09", due: "2026-12-21", basis: "policy" });
  expect(stage2.due.rule).toMatch(/^Counted from the start of the challenge\./);
  expect(stage2.due.rule).toContain(
    "10 working days from the start of the challenge on Monday 7 December 2026",
  );
});

it("Stage 3's 15 working days from the start run over Christmas", () => {
  let e = escalated(answered(started(), "2026-12-08"), "2026-12-09");
  e = escalated(answered(e, "2026-12-11"), "2026-12-14");
  // 15 from Monday 7: after the 10th (21 December), 22, 23, 24, 29, 30. Its own 5 from 14 would end on 21.
  expect(e.stages.at(-1)!.due).toMatchObject({ countedFrom: "2026-12-14", due: "2026-12-30" });
});

it("escalated after its cumulative date, a stage keeps its own 5 working days, and the rule says why", () => {
  const e = escalated(answered(started(), "2026-12-18"), "2026-12-22");
  const stage2 = e.stages.at(-1)!;
  // The 10 from the start ended on Monday 21 December; own 5 from Tuesday 22: 23, 24, 29, 30, 31.
  expect(stage2.due).toMatchObject({ countedFrom: "2026-12-22", due: "2026-12-31" });
  expect(stage2.due.rule).toContain(
    "The 10 working days from the start of the challenge on Monday 7 December 2026 ended on Monday 21 December 2026, before this stage was received, so its own timescale applies.",
  );
});

it("counts from the first formal stage's day 0 when the challenge began at the informal stage", () => {
  // Informal on Monday 7 December; Stage 1 sent on Tuesday 8: the challenge starts with Stage 1.
  let e = raised(at(ctx, "2026-12-07", "09:30"), { startStageId: "informal" });
  e = escalated(answered(e, "2026-12-07"), "2026-12-08");
  e = escalated(answered(e, "2026-12-09"), "2026-12-10");
  // 10 from Tuesday 8: 9, 10, 11, 14, 15, 16, 17, 18, 21, 22.
  expect(e.stages.at(-1)!.due).toMatchObject({ countedFrom: "2026-12-10", due: "2026-12-22" });
});
