// Resolving: what the state machine records, owes and refuses.
import { resolve } from "../../../../src/domain/transitions";
import { actors, at, context, ok, people, raised, refused } from "../../../builders/escalations";
import { answered, atLevel2, dorset, fields, newMessages, problemFor, thursday } from "./support";

describe("resolve", () => {
  const resolution = { resolvedOn: "2026-11-12", outcomeConfirmed: { id: "childs-plan-on-track" } };

  it("by the IRO concludes the escalation and tells everyone on it but the IRO", () => {
    const before = answered();

    const { escalation, event } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    );

    expect(escalation).toMatchObject({
      status: "resolved",
      version: 3,
      nextActionAt: null,
      conclusion: { status: "resolved", by: people.iro, at: thursday.now },
    });
    expect(escalation.stages[0]?.ending).toEqual({
      kind: "resolved",
      resolvedOn: "2026-11-12",
      outcomeConfirmed: { id: "childs-plan-on-track" },
      by: people.iro,
      at: thursday.now,
    });
    expect(event).toMatchObject({
      kind: "resolved",
      seq: 3,
      data: { resolvedOn: "2026-11-12", outcomeConfirmed: "childs-plan-on-track" },
    });
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("by a QA Manager acting for the IRO tells the IRO", () => {
    const before = answered();

    const { escalation } = ok(
      resolve(before, { actor: actors.qaManager, stageId: "stage-1", ...resolution }, thursday),
    );

    expect(escalation.conclusion?.by).toEqual(people.qaManager);
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Imogen Reeve",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("sends the policy's concluded copy to roles not otherwise on the escalation", () => {
    const ctx = context({ policy: "escalation-of-concern" });
    const before = raised(ctx);

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-1", ...resolution }, at(ctx, "2026-11-12")),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Tariq Mann",
      "concluded-copy → Simone Brant",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("under Dorset, sends the QA Manager the concluded copy when the concern ends at the informal stage", () => {
    const before = raised(dorset, {
      startStageId: "informal",
      timescale: { kind: "date", due: "2026-11-09" },
    });

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "informal", ...resolution }, thursday),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Sam Walsh",
      "concluded → Tariq Mann",
      "concluded-copy → Quinn Abbott",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("tells the managers of earlier stages too", () => {
    const before = atLevel2();

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-2", ...resolution }, at(dorset, "2026-11-13")),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Hugo Locke",
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it.each([
    ["the Team Manager", actors.teamManager],
    ["the Service Manager", actors.serviceManager],
    ["another IRO", actors.otherIro],
  ])("is not permitted to %s", (_label, who) => {
    const error = refused(
      resolve(answered(), { actor: who, stageId: "stage-1", ...resolution }, thursday),
      "not-permitted",
    );

    expect(error).toMatchObject({ action: "resolve" });
    expect(error.message).toBe("Only Imogen Reeve, who raised the concern, or a QA Manager can resolve.");
  });

  it("records nothing again when replayed", () => {
    const once = ok(
      resolve(answered(), { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    ).escalation;

    const replay = ok(
      resolve(once, { actor: actors.iro, stageId: "stage-1", ...resolution }, at(dorset, "2026-11-13")),
    );

    expect(replay).toEqual({ escalation: once, changed: false });
  });

  it("refuses a second, different resolution as already concluded", () => {
    const once = ok(
      resolve(answered(), { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    ).escalation;

    const error = refused(
      resolve(
        once,
        { actor: actors.iro, stageId: "stage-1", ...resolution, resolvedOn: "2026-11-11" },
        thursday,
      ),
      "already-concluded",
    );

    expect(error).toMatchObject({ status: "resolved", by: people.iro, at: thursday.now });
    expect(error.message).toContain(
      "Resolved by Imogen Reeve on Thursday 12 November 2026 at 10:00, this escalation is closed: it can no longer be resolved.",
    );
  });

  it.each([
    ["in the future", "2026-11-13", /which is after today/],
    [
      "before the concern was raised",
      "2026-11-03",
      /before the concern was raised on Wednesday 4 November 2026/,
    ],
    ["not a date", "yesterday", /must be a date/],
  ])("refuses a resolution date %s", (_label, resolvedOn, message) => {
    const result = resolve(
      answered(),
      { actor: actors.iro, stageId: "stage-1", ...resolution, resolvedOn },
      thursday,
    );

    expect(problemFor(result, "resolution.resolvedOn")).toMatch(message);
  });

  it("requires the text of an 'other' outcome", () => {
    const result = resolve(
      answered(),
      { actor: actors.iro, stageId: "stage-1", resolvedOn: "2026-11-12", outcomeConfirmed: { id: "other" } },
      thursday,
    );

    expect(fields(result)).toEqual(["resolution.outcomeConfirmed.text"]);
  });
});
