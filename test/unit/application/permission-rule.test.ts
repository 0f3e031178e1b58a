// The server accepts exactly what the cards offer: nobody answers their own concern, and a stage is handed
// only to someone the hand-over card lists. A refused attempt writes nothing.
import { performAction } from "../../../src/application/perform-action";
import { raiseEscalation } from "../../../src/application/raise-escalation";
import { delegateCandidates } from "../../../src/domain/permissions";
import { personNamed, sampleRaiseForm, testServices } from "../../fakes/services";

const priya = personNamed("Priya Shah");
const amy = personNamed("Amy Clarke"); // the sample child's social worker
const daniel = personNamed("Daniel Reid");

async function raised() {
  const t = testServices();
  const outcome = await raiseEscalation(t.services, priya.id, sampleRaiseForm("form-rule-0001"));
  if (outcome.kind !== "raised") throw new Error(outcome.kind);
  return { ...t, id: outcome.escalation.id };
}

describe("who may be asked to answer", () => {
  it.each([
    ["the IRO who raises it", priya, /Priya Shah raised the concern/],
    ["the child's social worker", amy, /Amy Clarke is the child's social worker/],
  ])("a concern naming %s as the person to answer is refused and stores nothing", async (_, who, why) => {
    const { services, store } = testServices();
    const outcome = await raiseEscalation(services, priya.id, {
      ...sampleRaiseForm("form-rule-0002"),
      responsibleId: who.id,
    });

    expect(outcome).toMatchObject({ kind: "invalid", problems: [{ field: "responsible" }] });
    expect(outcome.kind === "invalid" && outcome.problems[0]?.message).toMatch(why);
    expect(store.writes).toBe(0);
    expect(store.all()).toEqual([]);
  });

  it.each([
    ["the IRO", priya],
    ["the child's social worker", amy],
  ])("escalating to %s as the person to answer is refused and writes nothing", async (_, who) => {
    const { services, store, id } = await raised();
    await performAction(services, daniel.id, {
      verb: "respond",
      escalationId: id,
      stageId: "stage-1",
      whatDone: "The plan goes to panel.",
      who: "Daniel Reid",
      byWhen: "2026-11-20",
      expectedOutcome: "childs-plan-on-track",
    });
    const writes = store.writes;
    const before = (await store.get(id))!.value;

    const outcome = await performAction(services, priya.id, {
      verb: "escalate",
      escalationId: id,
      stageId: "stage-1",
      reasons: "The plan is still not signed off.",
      responsibleId: who.id,
    });

    expect(outcome).toMatchObject({
      kind: "refused",
      error: { code: "invalid-input", problems: [{ field: "responsible" }] },
    });
    expect(store.writes).toBe(writes);
    expect((await store.get(id))!.value).toEqual(before);
  });
});

describe("who a stage may be handed to", () => {
  it("is refused for someone in the directory the hand-over card does not offer, writing nothing", async () => {
    const { services, store, id } = await raised();
    const hannah = personNamed("Hannah Brooks"); // the Service Manager: in the directory, not a delegate
    const offered = delegateCandidates(
      (await store.get(id))!.value,
      services.policies.get("dorset-qaro")!,
      await services.directory.current(),
    );
    expect(offered.map((p) => p.name)).not.toContain(hannah.name);
    const writes = store.writes;
    const before = (await store.get(id))!.value;

    const outcome = await performAction(services, daniel.id, {
      verb: "reassign",
      escalationId: id,
      stageId: "stage-1",
      toId: hannah.id,
      reason: "On leave",
    });

    expect(outcome).toMatchObject({
      kind: "refused",
      error: { code: "invalid-input", problems: [{ field: "reassign.to" }] },
    });
    expect(store.writes).toBe(writes);
    expect((await store.get(id))!.value).toEqual(before);
  });

  it("offers the deputy and colleagues who hold the role, never the IRO or the social worker", async () => {
    const { services, store, id } = await raised();
    const offered = delegateCandidates(
      (await store.get(id))!.value,
      services.policies.get("dorset-qaro")!,
      await services.directory.current(),
    );

    expect(offered.map((p) => p.name)).toEqual(["Erin Walsh", "Farah Iqbal", "George Patel"]);
  });
});
