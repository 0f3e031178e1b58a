// Withdrawing: what the state machine records, owes and refuses.
import { withdraw } from "../../../../src/domain/transitions";
import { actors, ok, people, refused } from "../../../builders/escalations";
import { dorsetLevel1, fields, monday, newMessages, thursday } from "./support";

describe("withdraw", () => {
  it("needs a reason", () => {
    expect(
      fields(withdraw(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", reason: " " }, monday)),
    ).toEqual(["withdraw.reason"]);
  });

  it("closes the escalation as withdrawn and tells everyone on it", () => {
    const before = dorsetLevel1();

    const { escalation } = ok(
      withdraw(
        before,
        { actor: actors.iro, stageId: "stage-1", reason: "Child moved to another council." },
        monday,
      ),
    );

    expect(escalation).toMatchObject({
      status: "withdrawn",
      nextActionAt: null,
      conclusion: { status: "withdrawn", by: people.iro, at: monday.now },
    });
    expect(escalation.stages[0]?.ending).toMatchObject({
      kind: "withdrawn",
      reason: "Child moved to another council.",
    });
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("is not permitted to a manager, and is not recorded twice", () => {
    const before = dorsetLevel1();
    const command = { stageId: "stage-1", reason: "Child moved to another council." };

    refused(withdraw(before, { actor: actors.teamManager, ...command }, monday), "not-permitted");
    const once = ok(withdraw(before, { actor: actors.iro, ...command }, monday)).escalation;
    expect(ok(withdraw(once, { actor: actors.iro, ...command }, thursday))).toEqual({
      escalation: once,
      changed: false,
    });
  });
});
