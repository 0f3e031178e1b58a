// Keeping waiting: what the state machine records, owes and refuses.
import { keepWaiting } from "../../../../src/domain/transitions";
import { actors, ok, refused } from "../../../builders/escalations";
import { dorsetLevel1, newMessages, problemFor, thursday } from "./support";

describe("keepWaiting", () => {
  it("records the IRO's choice to wait, owing nothing", () => {
    const before = dorsetLevel1();

    const { escalation, event } = ok(
      keepWaiting(before, { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday),
    );

    expect(escalation.stages[0]?.keepWaitingUntil).toBe("2026-11-16");
    expect(escalation.version).toBe(2);
    expect(event).toMatchObject({ kind: "kept-waiting", data: { until: "2026-11-16" } });
    expect(newMessages(before, escalation)).toEqual([]);
  });

  it("is refused to someone else even when it repeats the IRO's choice", () => {
    const waiting = ok(
      keepWaiting(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday),
    ).escalation;
    refused(
      keepWaiting(waiting, { actor: actors.stranger, stageId: "stage-1", until: "2026-11-16" }, thursday),
      "not-permitted",
    );
  });

  it("is refused to a manager and for a day in the past, and is not recorded twice", () => {
    const before = dorsetLevel1();

    refused(
      keepWaiting(before, { actor: actors.teamManager, stageId: "stage-1", until: "2026-11-16" }, thursday),
      "not-permitted",
    );
    expect(
      problemFor(
        keepWaiting(before, { actor: actors.iro, stageId: "stage-1", until: "2026-11-11" }, thursday),
        "keepWaiting.until",
      ),
    ).toMatch(/which has passed/);
    const once = ok(
      keepWaiting(before, { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday),
    ).escalation;
    expect(
      ok(keepWaiting(once, { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday)).changed,
    ).toBe(false);
  });
});
