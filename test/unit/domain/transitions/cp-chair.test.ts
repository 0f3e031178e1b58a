// Child Protection Chairs raise child-protection concerns as IROs raise children-in-care ones (seeds 001 and
// 004 name both): where the policy lets them, the escalation says which they raised it as, and its card and
// record call them so. Cafcass stays for children in care only; Dorset's QARO process is for IROs alone.
import { escalationCard } from "../../../../src/adapters/cards";
import { recordContent } from "../../../../src/adapters/record/record-content";
import { referToCafcass, respond } from "../../../../src/domain/transitions";
import { raise } from "../../../../src/domain/transitions/raise";
import {
  actor,
  at,
  calendar,
  context,
  ok,
  people,
  raiseCommand,
  refused,
} from "../../../builders/escalations";
import { runTexts } from "../../cards/support";

const chair = actor(people.otherIro, "cp-chair");
const eoc = at(context({ policy: "escalation-of-concern" }), "2026-11-04");

function raisedBy(who: typeof chair, legalStatus: "CIC" | "CP") {
  const command = raiseCommand(eoc, { actor: who });
  return ok(raise({ ...command, child: { ...command.child, legalStatus } }, eoc)).escalation;
}

it("a CP Chair raises a child protection concern, and the card and record call them the CP Chair", () => {
  const e = raisedBy(chair, "CP");
  expect(e.raisedAs).toBe("cp-chair");
  expect(e.iro).toEqual(people.otherIro);
  const card = escalationCard({
    escalation: e,
    policy: eoc.policy,
    viewerId: people.otherIro.id,
    now: eoc.now,
    calendar,
  });
  const words = runTexts(card).join("");
  expect(words).toContain("CP Chair: ");
  expect(words).toContain("CP Chair's manager: ");
  expect(words).not.toContain("IRO or CP Chair:");
  const lines = recordContent(e, eoc.policy, calendar).sections.flatMap((s) => s.lines.map((l) => l.label));
  expect(lines).toEqual(expect.arrayContaining(["CP Chair", "CP Chair's manager"]));
});

it("an IRO raising under the same policy is called the IRO", () => {
  const e = raisedBy(actor(people.iro, "iro"), "CIC");
  expect(e.raisedAs).toBe("iro");
  const lines = recordContent(e, eoc.policy, calendar).sections.flatMap((s) => s.lines.map((l) => l.label));
  expect(lines).toContain("IRO");
});

it("a CP Chair cannot refer a child on a child protection plan to Cafcass", () => {
  let e = raisedBy(chair, "CP");
  e = ok(
    respond(
      e,
      {
        actor: actor(e.stages[0]!.responsible, "team-manager"),
        stageId: "stage-1",
        whatDone: "Done.",
        who: "Someone",
        byWhen: "2026-12-01",
        expectedOutcome: { id: eoc.policy.outcomes.items[0]!.id },
      },
      at(eoc, "2026-11-05"),
    ),
  ).escalation;
  const error = refused(
    referToCafcass(
      e,
      {
        actor: chair,
        stageId: "stage-1",
        reasons: "Drift.",
        nominatedOfficerInformed: true,
        nominatedOfficerInformedOn: "2026-11-05",
      },
      at(eoc, "2026-11-06"),
    ),
  );
  expect(error.message).toContain("A referral to Cafcass is for children in care only");
});

it("Dorset's QARO process is for IROs: a CP Chair is refused, with the right article", () => {
  const dorset = at(context(), "2026-11-04");
  const error = refused(raise(raiseCommand(dorset, { actor: chair }), dorset), "not-permitted");
  expect(error.message).toBe(
    "Only a QARO can raise an escalation under Dorset QARO Resolution/Escalation Process.",
  );
});
