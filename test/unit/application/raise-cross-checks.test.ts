// The raise form's people are checked against each other: the social worker and the team manager must be
// the chosen team's, and the stage goes to the team manager the form names, never to another one.
import { raiseEscalation } from "../../../src/application/raise-escalation";
import { currentStage } from "../../../src/domain/escalation";
import { personNamed, sampleRaiseForm, testServices } from "../../fakes/services";

const priya = personNamed("Priya Shah");

describe("raising a concern with people from another team", () => {
  it("is refused with both fields named and nothing stored, when the social worker and team manager are another team's", async () => {
    const { services, store } = testServices();
    const outcome = await raiseEscalation(services, priya.id, {
      ...sampleRaiseForm("form-cross-0001"),
      teamId: "north-cic",
      socialWorkerId: personNamed("Ben Hughes").id, // South CIC
      teamManagerId: personNamed("Farah Iqbal").id, // East CP
    });

    expect(outcome.kind).toBe("invalid");
    const problems = outcome.kind === "invalid" ? outcome.problems : [];
    expect(problems.map((p) => p.field).sort()).toEqual(["socialWorker", "teamManager"]);
    expect(problems.find((p) => p.field === "teamManager")?.message).toBe(
      "Farah Iqbal is not in North Children in Care Team: choose the team manager of the child's team, or the child's team.",
    );
    expect(store.writes).toBe(0);
  });

  it("sends the stage to the team manager the form names when the team has more than one", async () => {
    const { services } = testServices();
    const george = personNamed("George Patel"); // North CIC's deputy team manager
    const outcome = await raiseEscalation(services, priya.id, {
      ...sampleRaiseForm("form-cross-0002"),
      teamManagerId: george.id,
    });

    if (outcome.kind !== "raised") throw new Error(outcome.kind);
    expect(outcome.escalation.teamManager).toEqual(george);
    expect(currentStage(outcome.escalation).responsible).toEqual(george);
  });
});
