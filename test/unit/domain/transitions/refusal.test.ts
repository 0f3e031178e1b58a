// Recording a refused attempt: what the state machine records, owes and refuses.
import { recordRefusal } from "../../../../src/domain/transitions";
import { actors, people } from "../../../builders/escalations";
import { dorsetLevel1, monday } from "./support";

describe("recordRefusal", () => {
  it("appends a 'refused' event and changes nothing else", () => {
    const before = dorsetLevel1();

    const after = recordRefusal(before, actors.stranger, "respond", "not-permitted", monday.now);

    expect(after.events.slice(0, -1)).toEqual(before.events);
    expect(after.events.at(-1)).toEqual({
      seq: 2,
      at: monday.now,
      actor: people.stranger,
      kind: "refused",
      stageId: "stage-1",
      data: { action: "respond", code: "not-permitted" },
    });
    expect({ ...after, events: before.events }).toEqual(before);
  });
});

// ------------------------------------------------------------------------------------------ invariants
