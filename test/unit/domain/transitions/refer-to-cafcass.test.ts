// Referring to Cafcass: what the state machine records, owes and refuses.
import { referToCafcass } from "../../../../src/domain/transitions";
import { actors, at, context, ok, people, raised, refused } from "../../../builders/escalations";
import { answered, dorset, dorsetLevel1, fields, newMessages, problemFor, thursday } from "./support";

describe("referToCafcass", () => {
  const referral = {
    reasons: "The child's right to family life is being breached; all stages exhausted.",
    nominatedOfficerInformed: true,
    nominatedOfficerInformedOn: "2026-11-11",
  };

  it("closes the escalation of a child in care as referred to Cafcass and tells the Nominated Officer", () => {
    const before = answered();

    const { escalation, event } = ok(
      referToCafcass(before, { actor: actors.iro, stageId: "stage-1", ...referral }, thursday),
    );

    expect(escalation).toMatchObject({
      status: "referred-to-cafcass",
      nextActionAt: null,
      conclusion: { status: "referred-to-cafcass", by: people.iro, at: thursday.now },
      cafcass: {
        nominatedOfficerInformedOn: "2026-11-11",
        reasons: referral.reasons,
        by: people.iro,
        at: thursday.now,
      },
    });
    expect(escalation.stages[0]?.ending).toMatchObject({
      kind: "referred-to-cafcass",
      reasons: referral.reasons,
    });
    expect(event).toMatchObject({
      kind: "referred-to-cafcass",
      data: { nominatedOfficerInformedOn: "2026-11-11" },
    });
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Harriet Quayle",
      "concluded → Nadia Okafor",
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
      "record-for-file → Imogen Reeve",
    ]);
  });

  it("may happen at any time, before the manager has answered", () => {
    const { escalation } = ok(
      referToCafcass(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", ...referral }, thursday),
    );

    expect(escalation.status).toBe("referred-to-cafcass");
  });

  it("is refused until the IRO confirms that the Nominated Officer was informed, and when", () => {
    const result = referToCafcass(
      answered(),
      { actor: actors.iro, stageId: "stage-1", reasons: referral.reasons },
      thursday,
    );

    expect(fields(result).sort()).toEqual([
      "cafcass.nominatedOfficerInformed",
      "cafcass.nominatedOfficerInformedOn",
    ]);
    expect(
      problemFor(
        referToCafcass(
          answered(),
          { actor: actors.iro, stageId: "stage-1", ...referral, nominatedOfficerInformedOn: "2026-11-13" },
          thursday,
        ),
        "cafcass.nominatedOfficerInformedOn",
      ),
    ).toMatch(/which is after today/);
  });

  it("is an illegal move for a child on a child protection plan", () => {
    const cp = raised(dorset, {
      child: { name: "Jamie Example", caseId: "MOS-1", dateOfBirth: "2015-06-15", legalStatus: "CP" },
    });

    const error = refused(
      referToCafcass(cp, { actor: actors.iro, stageId: "stage-1", ...referral }, thursday),
      "illegal-move",
    );

    expect(error.message).toBe(
      "A referral to Cafcass is for children in care only; this child's legal status is child protection (CP).",
    );
  });

  it("is an illegal move under the multi-agency policy, which has no Cafcass stage", () => {
    const ctx = context({ policy: "multi-agency" });
    const escalation = raised(ctx);

    const error = refused(
      referToCafcass(
        escalation,
        { actor: actors.iro, stageId: "stage-1", ...referral },
        at(ctx, "2026-11-12"),
      ),
      "illegal-move",
    );

    expect(error.message).toBe(`${ctx.policy.name} has no referral to Cafcass.`);
  });

  it("is not permitted to a manager", () => {
    expect(
      refused(
        referToCafcass(answered(), { actor: actors.teamManager, stageId: "stage-1", ...referral }, thursday),
        "not-permitted",
      ),
    ).toMatchObject({ action: "refer to Cafcass" });
  });

  it("records nothing again when replayed", () => {
    const once = ok(
      referToCafcass(answered(), { actor: actors.iro, stageId: "stage-1", ...referral }, thursday),
    ).escalation;

    expect(
      ok(referToCafcass(once, { actor: actors.iro, stageId: "stage-1", ...referral }, thursday)),
    ).toEqual({
      escalation: once,
      changed: false,
    });
  });
});
