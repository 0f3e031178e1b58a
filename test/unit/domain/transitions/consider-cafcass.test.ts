// Considering a referral to Cafcass (Dorset: "They will inform their QA Manager if they are considering
// this"): what the state machine records, owes and refuses.
import { offered } from "../../../../src/domain/permissions";
import { considerCafcass, referToCafcass } from "../../../../src/domain/transitions";
import { actors, at, context, ok, people, raised, refused } from "../../../builders/escalations";
import { answered, dorset, dorsetLevel1, fields, newMessages, thursday } from "./support";

describe("considerCafcass", () => {
  const note = "The plan for contact has failed twice; a referral may be needed.";

  it("records who is considering a referral and why, keeps the escalation open and informs the QA Manager", () => {
    const before = answered();

    const { escalation, event } = ok(
      considerCafcass(before, { actor: actors.iro, stageId: "stage-1", note }, thursday),
    );

    expect(escalation).toMatchObject({
      status: "open",
      version: before.version + 1,
      cafcassConsidered: { note, informed: [people.qaManager], by: people.iro, at: thursday.now },
    });
    expect(escalation.stages).toEqual(before.stages);
    expect(event).toMatchObject({ kind: "cafcass-considered", data: { informed: [people.qaManager.id] } });
    expect(newMessages(before, escalation)).toEqual(["cafcass-considered → Quinn Abbott"]);
  });

  it("leaves the referral itself to the IRO: it is still offered, and made as before", () => {
    const considered = ok(
      considerCafcass(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", note }, thursday),
    ).escalation;

    const offer = offered(considered, actors.iro, dorset.policy, thursday.now, dorset.calendar);
    expect(offer).toMatchObject({ "refer-to-cafcass": true, "consider-cafcass": false });
    const referred = ok(
      referToCafcass(
        considered,
        {
          actor: actors.iro,
          stageId: "stage-1",
          reasons: "All stages exhausted.",
          nominatedOfficerInformed: true,
          nominatedOfficerInformedOn: "2026-11-12",
        },
        thursday,
      ),
    ).escalation;
    expect(referred.cafcassConsidered).toEqual(considered.cafcassConsidered);
    expect(referred.events.map((e) => e.kind)).toEqual([
      "raised",
      "cafcass-considered",
      "referred-to-cafcass",
    ]);
  });

  it("is offered to the IRO of a child in care under a policy that names who to inform, and to no one else", () => {
    const escalation = dorsetLevel1();
    const offer = (actor: (typeof actors)[keyof typeof actors]) =>
      offered(escalation, actor, dorset.policy, thursday.now, dorset.calendar)["consider-cafcass"];

    expect(offer(actors.iro)).toBe(true);
    expect(offer(actors.teamManager)).toBe(false);
    const professional = context({ policy: "professional-challenge" });
    const elsewhere = raised(professional);
    expect(
      offered(elsewhere, actors.iro, professional.policy, thursday.now, professional.calendar)[
        "consider-cafcass"
      ],
    ).toBe(false);
  });

  it("asks why a referral is being considered", () => {
    expect(
      fields(considerCafcass(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1" }, thursday)),
    ).toEqual(["considerCafcass.note"]);
  });

  it("is refused to a manager, for a child on a child protection plan, and under a policy that informs no one", () => {
    expect(
      refused(
        considerCafcass(dorsetLevel1(), { actor: actors.teamManager, stageId: "stage-1", note }, thursday),
        "not-permitted",
      ),
    ).toMatchObject({ action: "record that a referral to Cafcass is being considered" });
    const cp = raised(dorset, {
      child: { name: "Jamie Example", caseId: "MOS-1", dateOfBirth: "2015-06-15", legalStatus: "CP" },
    });
    expect(
      refused(considerCafcass(cp, { actor: actors.iro, stageId: "stage-1", note }, thursday), "illegal-move")
        .message,
    ).toMatch(/^A referral to Cafcass is for children in care only/);
    const professional = context({ policy: "professional-challenge" });
    expect(
      refused(
        considerCafcass(
          raised(professional),
          { actor: actors.iro, stageId: "informal", note },
          at(professional, "2026-11-12"),
        ),
        "illegal-move",
      ).message,
    ).toMatch(/asks for no one to be informed/);
  });

  it("records once when replayed, and refuses a second, different record", () => {
    const once = ok(
      considerCafcass(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", note }, thursday),
    ).escalation;

    expect(ok(considerCafcass(once, { actor: actors.iro, stageId: "stage-1", note }, thursday))).toEqual({
      escalation: once,
      changed: false,
    });
    expect(
      refused(
        considerCafcass(
          once,
          { actor: actors.qaManager, stageId: "stage-1", note: "Another reason." },
          thursday,
        ),
        "illegal-move",
      ).message,
    ).toMatch(/^Imogen Reeve recorded on .* that a referral to Cafcass is being considered/);
  });
});
