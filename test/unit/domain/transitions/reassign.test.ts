// Handing a stage over: what the state machine records, owes and refuses.
import { reassign } from "../../../../src/domain/transitions";
import { actors, ok, people, refused } from "../../../builders/escalations";
import { answered, dorsetLevel1, fields, monday, newMessages, thursday } from "./support";

describe("reassign", () => {
  const handOver = {
    stageId: "stage-1",
    to: people.deputyTeamManager,
    reason: "I am on leave until the 20th.",
  };

  it("hands the stage to a delegate, who gets the stage card, and tells the IRO", () => {
    const before = dorsetLevel1();

    const { escalation, event } = ok(reassign(before, { actor: actors.teamManager, ...handOver }, monday));

    expect(escalation.stages[0]?.delegation).toEqual({
      to: people.deputyTeamManager,
      reason: "I am on leave until the 20th.",
      by: people.teamManager,
      at: monday.now,
    });
    expect(event).toMatchObject({
      kind: "reassigned",
      data: {
        from: people.teamManager.id,
        to: people.deputyTeamManager.id,
        reason: "I am on leave until the 20th.",
      },
    });
    expect(newMessages(before, escalation)).toEqual([
      "reassigned-notice → Imogen Reeve",
      "reassigned-to-you → Dana Temple",
    ]);
  });

  it.each([
    ["a stranger", actors.stranger],
    ["a copied Service Manager", actors.serviceManager],
    ["the IRO", actors.iro],
  ])("is not permitted to %s", (_label, who) => {
    expect(
      refused(reassign(dorsetLevel1(), { actor: who, ...handOver }, monday), "not-permitted"),
    ).toMatchObject({
      action: "reassign",
    });
  });

  it("is an illegal move once the stage is answered", () => {
    const error = refused(
      reassign(answered(), { actor: actors.teamManager, ...handOver }, thursday),
      "illegal-move",
    );

    expect(error.message).toContain("already answered by Tariq Mann");
  });

  it("needs a reason and someone other than the IRO or the person already answering", () => {
    const escalation = dorsetLevel1();

    expect(
      fields(reassign(escalation, { actor: actors.teamManager, stageId: "stage-1" }, monday)).sort(),
    ).toEqual(["reassign.reason", "reassign.to"]);
    for (const to of [people.iro, people.teamManager]) {
      expect(fields(reassign(escalation, { actor: actors.teamManager, ...handOver, to }, monday))).toEqual([
        "reassign.to",
      ]);
    }
  });

  it("records nothing again when replayed", () => {
    const once = ok(reassign(dorsetLevel1(), { actor: actors.teamManager, ...handOver }, monday)).escalation;

    expect(ok(reassign(once, { actor: actors.teamManager, ...handOver }, monday))).toEqual({
      escalation: once,
      changed: false,
    });
  });
});
