// Card actions through the use case: the actor comes from the caller (the activity), the card names the
// escalation, and a delegate must be someone the directory knows.
import { performAction } from "../../../src/application/perform-action";
import { raiseEscalation } from "../../../src/application/raise-escalation";
import { personNamed, sampleRaiseForm, testServices } from "../../fakes/services";

async function raisedByPriya() {
  const t = testServices();
  const outcome = await raiseEscalation(
    t.services,
    personNamed("Priya Shah").id,
    sampleRaiseForm("form-perform-0001"),
  );

  if (outcome.kind !== "raised") throw new Error(outcome.kind);
  return { ...t, id: outcome.escalation.id };
}

describe("card actions", () => {
  test("handing a stage to someone not in the directory is refused and changes nothing", async () => {
    const { services, store, id } = await raisedByPriya();
    const before = (await store.get(id))!.value;
    const outcome = await performAction(services, personNamed("Daniel Reid").id, {
      verb: "reassign",
      escalationId: id,
      stageId: "stage-1",
      toId: "someone-from-outside",
      reason: "On leave",
    });
    expect(outcome).toMatchObject({
      kind: "refused",
      error: { code: "invalid-input", problems: [{ field: "reassign.to" }] },
    });
    expect((await store.get(id))!.value).toEqual(before);
  });

  test("handing a stage to a deputy in the directory records the deputy by name", async () => {
    const { services, store, id } = await raisedByPriya();
    const deputy = personNamed("George Patel");
    const outcome = await performAction(services, personNamed("Daniel Reid").id, {
      verb: "reassign",
      escalationId: id,
      stageId: "stage-1",
      toId: deputy.id,
      reason: "On leave",
    });
    expect(outcome.kind).toBe("applied");
    expect((await store.get(id))!.value.stages[0]!.delegation?.to).toEqual(deputy);
  });

  test("someone not in the directory cannot act at all", async () => {
    const { services, id } = await raisedByPriya();
    const outcome = await performAction(services, "not-a-council-person", {
      verb: "withdraw",
      escalationId: id,
      stageId: "stage-1",
      reason: "x",
    });
    expect(outcome).toEqual({ kind: "unknown-actor" });
  });
});
