// Escalating: what the state machine records, owes and refuses.

import { escalate, resolve } from "../../../../src/domain/transitions";
import { actors, at, context, ok, people, raised, refused } from "../../../builders/escalations";
import {
  answered,
  atLevel2,
  dorset,
  escalateCommand,
  fields,
  newMessages,
  problemFor,
  thursday,
} from "./support";

describe("escalate", () => {
  it("moves to the next stage: its manager from the directory, the previous manager told, the new stage's copies sent", () => {
    const before = answered();

    const { escalation, event } = ok(escalate(before, escalateCommand(before), thursday));

    expect(escalation.version).toBe(3);
    expect(escalation.stages.map((s) => s.stageId)).toEqual(["stage-1", "stage-2"]);
    expect(escalation.stages[0]?.ending).toEqual({
      kind: "progressed",
      toStageId: "stage-2",
      reasons: "The response does not say when the plan will be signed off.",
      by: people.iro,
      at: thursday.now,
    });
    expect(escalation.stages[1]).toMatchObject({
      stageId: "stage-2",
      name: "Level 2",
      sentAt: thursday.now,
      responsible: people.serviceManager,
      copied: [people.headOfLocality, people.qaManager],
      nextManagerUp: people.headOfLocality,
      due: { countedFrom: "2026-11-12", due: "2026-11-19", basis: "policy" },
    });
    expect(event).toMatchObject({
      kind: "escalated",
      stageId: "stage-1",
      data: { toStageId: "stage-2", due: "2026-11-19", responsible: people.serviceManager.id },
    });
    expect(newMessages(before, escalation)).toEqual([
      "escalated-confirmation → Imogen Reeve",
      "stage-assigned → Sofia Marr",
      "stage-copy → Hugo Locke",
      "stage-copy → Quinn Abbott",
      "stage-progressed → Tariq Mann",
    ]);
  });

  it("may go to a later stage, bypassing those between, with Dorset's reason and consultation", () => {
    const before = answered();

    expect(
      fields(escalate(before, escalateCommand(before, { toStageId: "stage-3" }), thursday)).sort(),
    ).toEqual(["bypassReason", "qaManagerConsulted"]);
    const { escalation } = ok(
      escalate(
        before,
        escalateCommand(before, {
          toStageId: "stage-3",
          bypassReason: "Level 2 cannot commit the funding.",
          qaManagerConsulted: true,
        }),
        thursday,
      ),
    );
    expect(escalation.stages.at(-1)).toMatchObject({
      stageId: "stage-3",
      responsible: people.headOfLocality,
    });
    expect(escalation.bypasses).toEqual([
      {
        fromStageId: "stage-1",
        toStageId: "stage-3",
        reason: "Level 2 cannot commit the funding.",
        qaManagerConsulted: true,
      },
    ]);
  });

  it("from the informal stage to Level 1 is no bypass, and the Team Manager is asked again", () => {
    const before = raised(dorset, {
      startStageId: "informal",
      timescale: { kind: "date", due: "2026-11-09" },
    });

    const { escalation } = ok(escalate(before, escalateCommand(before), thursday));

    expect(escalation.bypasses).toEqual([]);
    expect(escalation.stages.at(-1)).toMatchObject({ stageId: "stage-1", responsible: people.teamManager });
    expect(newMessages(before, escalation)).toEqual([
      "escalated-confirmation → Imogen Reeve",
      "stage-assigned → Tariq Mann",
      "stage-copy → Quinn Abbott",
      "stage-copy → Sofia Marr",
    ]);
  });

  it.each([
    ["the same stage", "stage-2"],
    ["an earlier stage", "stage-1"],
    ["the informal stage", "informal"],
    ["Cafcass", "cafcass"],
    ["a stage the policy does not have", "stage-9"],
  ])("refuses to go to %s", (_label, toStageId) => {
    const level2 = atLevel2();

    const result = escalate(level2, escalateCommand(level2, { toStageId }), at(dorset, "2026-11-13"));

    expect(problemFor(result, "escalation.toStageId")).toBe(
      "The stage to escalate to must be one of Level 3, Level 4.",
    );
  });

  it("refuses to go beyond the last formal stage, naming Cafcass as the next step", () => {
    const level4 = raised(dorset, {
      startStageId: "stage-4",
      bypassReason: "Director-level decision needed.",
      qaManagerConsulted: true,
    });

    const error = refused(escalate(level4, escalateCommand(level4), thursday), "illegal-move");

    expect(error.message).toBe(
      "Level 4 is the last stage of Dorset QARO Resolution/Escalation Process: the next step is Level 5: Referral to CAF/CASS.",
    );
  });

  it("under the multi-agency policy, refuses to go beyond stage 5", () => {
    const ctx = context({ policy: "multi-agency" });
    const stage5 = raised(ctx, {
      startStageId: "stage-5",
      bypassReason: "Partnership-wide issue.",
      timescale: { kind: "working-days", workingDays: 5 },
    });

    const error = refused(escalate(stage5, escalateCommand(stage5), at(ctx, "2026-11-12")), "illegal-move");

    expect(error.message).toContain("there is no stage to escalate to");
  });

  it("requires the reasons for the decision to progress", () => {
    const before = answered();

    expect(fields(escalate(before, escalateCommand(before, { reasons: "  " }), thursday))).toEqual([
      "escalation.reasons",
    ]);
  });

  it("to a stage timed by the child's needs, reports the missing date with every other problem", () => {
    const ctx = context({ policy: "multi-agency" });
    const stage1 = raised(ctx);

    const result = escalate(stage1, escalateCommand(stage1, { reasons: "" }), at(ctx, "2026-11-12"));

    expect(fields(result).sort()).toEqual(["escalation.reasons", "timescale"]);
  });

  it("records nothing again when replayed", () => {
    const before = answered();
    const once = ok(escalate(before, escalateCommand(before), thursday)).escalation;

    const replay = ok(escalate(once, escalateCommand(before), at(dorset, "2026-11-12", "10:05")));

    expect(replay).toEqual({ escalation: once, changed: false });
  });

  it("refuses a second action on the stage it left, naming who escalated it and when", () => {
    const level2 = atLevel2();

    const viaQa = refused(
      escalate(level2, escalateCommand(level2, { actor: actors.qaManager, stageId: "stage-1" }), thursday),
      "stage-not-current",
    );
    const viaResolve = refused(
      resolve(
        level2,
        {
          actor: actors.iro,
          stageId: "stage-1",
          resolvedOn: "2026-11-12",
          outcomeConfirmed: { id: "childs-plan-on-track" },
        },
        thursday,
      ),
      "stage-not-current",
    );

    for (const error of [viaQa, viaResolve]) {
      expect(error).toMatchObject({ stageId: "stage-1", currentStageId: "stage-2" });
      expect(error.message).toBe(
        "Imogen Reeve escalated Level 1 on Thursday 12 November 2026 at 10:00: the concern is now at Level 2.",
      );
    }
  });

  it("is permitted to a QA Manager and not to a manager", () => {
    const before = answered();

    expect(ok(escalate(before, escalateCommand(before, { actor: actors.qaManager }), thursday)).changed).toBe(
      true,
    );
    expect(
      refused(
        escalate(before, escalateCommand(before, { actor: actors.teamManager }), thursday),
        "not-permitted",
      ),
    ).toMatchObject({
      action: "escalate",
    });
  });

  it("takes the IRO's own timescale for the new stage", () => {
    const before = answered();

    const { escalation } = ok(
      escalate(
        before,
        escalateCommand(before, { timescale: { kind: "working-days", workingDays: 2 } }),
        thursday,
      ),
    );

    expect(escalation.stages.at(-1)?.due).toMatchObject({ due: "2026-11-16", basis: "iro" });
  });
});
