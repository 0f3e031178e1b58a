// The partnership's Stages of Escalation (seed 003): agencies take part, each with its own people at each
// stage; the lead agency completes the Escalation Notification Form from stage 3 and updates it; every party
// hears of every step; at stage 5 the Executive's answer is the final decision and the Independent
// Scrutineer is told.
import type { Escalation } from "../../../../src/domain/escalation";
import { offered } from "../../../../src/domain/permissions";
import { formalTotalPassedOn } from "../../../../src/domain/reminders";
import {
  completeNotificationForm,
  escalate,
  resolve,
  respond,
  type TransitionContext,
} from "../../../../src/domain/transitions";
import { raise } from "../../../../src/domain/transitions/raise";
import { everyoneSentCards } from "../../../../src/domain/transitions/record";
import {
  actor,
  at,
  calendar,
  context,
  ok,
  people,
  raiseCommand,
  raised,
  refused,
} from "../../../builders/escalations";
import { escalateCommand, fields, newMessages, problemFor, respondCommand } from "./support";

const ma = context({ policy: "multi-agency" });
const sergeant = actor(people.policeSergeant);
const lead = { lead: "csc", involved: ["police", "health"] };
const fiveDays = { kind: "working-days", workingDays: 5 } as const;

function raisedBetweenAgencies(): Escalation {
  return raised(at(ma, "2026-11-04"), { actor: sergeant, agencies: lead });
}

function answeredBy(e: Escalation, who: (typeof people)[keyof typeof people], day: string): Escalation {
  return ok(respond(e, respondCommand(e, actor(who), { byWhen: "2027-01-08" }), at(ma, day, "09:00")))
    .escalation;
}

function escalated(e: Escalation, day: string): Escalation {
  return ok(escalate(e, escalateCommand(e, { actor: sergeant, timescale: fiveDays }), at(ma, day, "11:00")))
    .escalation;
}

function atStage3(): Escalation {
  let e = raisedBetweenAgencies();
  e = answeredBy(e, people.frontLineWorker, "2026-11-05");
  e = escalated(e, "2026-11-05");
  e = answeredBy(e, people.policeInspector, "2026-11-09");
  return escalated(e, "2026-11-09");
}

const parties = (e: Escalation) =>
  e.stages.at(-1)!.parties!.map((p) => [p.agency.name, p.people.map((x) => x.name)]);

/** Every person a stage card went to, but the one who acted, was owed a message by the latest event. */
function everyPartyHeard(before: Escalation, after: Escalation): void {
  const event = after.events.at(-1)!;
  const owed = new Set(after.outbox.slice(before.outbox.length).map((item) => item.to.id));
  const expected = everyoneSentCards(after).filter((p) => p.id !== event.actor.id);
  expect(expected.filter((p) => !owed.has(p.id)).map((p) => p.name)).toEqual([]);
}

describe("raising a concern between agencies", () => {
  const when: TransitionContext = at(ma, "2026-11-04");

  it("asks for the lead agency and at least one other, from the directory's agencies", () => {
    const result = raise(raiseCommand(when, { actor: sergeant, agencies: {} }), when);
    expect(fields(result)).toContain("agencies.lead");
    expect(problemFor(result, "agencies.lead")).toBe("The lead agency is required.");
    const alone = raise(raiseCommand(when, { actor: sergeant, agencies: { lead: "police" } }), when);
    expect(problemFor(alone, "agencies.involved")).toBe(
      "Name at least one other agency taking part besides the lead agency.",
    );
    const unknown = raise(
      raiseCommand(when, { actor: sergeant, agencies: { lead: "police", involved: ["fire"] } }),
      when,
    );
    expect(problemFor(unknown, "agencies.involved")).toBe(
      "The agencies taking part must be among Children's Social Care, Police, Health.",
    );
  });

  it("keeps the lead agency first among the agencies taking part", () => {
    const e = raisedBetweenAgencies();
    expect(e.agencies).toEqual({
      lead: { id: "csc", name: "Children's Social Care" },
      involved: [
        { id: "csc", name: "Children's Social Care" },
        { id: "police", name: "Police" },
        { id: "health", name: "Health" },
      ],
    });
    // Stage 1 is between front-line workers: the professional who made the decision answers.
    expect(e.stages[0]!.responsible).toEqual(people.frontLineWorker);
    expect(e.stages[0]!.parties).toBeUndefined();
  });

  it("sets no formal total and no 20-working-day warning: the partnership's document has none", () => {
    expect(ma.policy.reminders.formalTotalWorkingDays).toBeUndefined();
    expect(formalTotalPassedOn(atStage3(), ma.policy, calendar)).toBeUndefined();
  });
});

describe("each agency's people at each stage", () => {
  it("at stage 2 each agency's team or operational manager is asked, and any of them may answer for their agency", () => {
    let e = raisedBetweenAgencies();
    e = answeredBy(e, people.frontLineWorker, "2026-11-05");
    const before = e;
    e = escalated(e, "2026-11-05");
    expect(parties(e)).toEqual([
      ["Children's Social Care", [people.teamManager.name]],
      ["Police", [people.policeInspector.name]],
      ["Health", [people.healthManager.name]],
    ]);
    expect(newMessages(before, e)).toEqual(
      expect.arrayContaining([
        `stage-assigned → ${people.teamManager.name}`,
        `stage-assigned → ${people.policeInspector.name}`,
        `stage-assigned → ${people.healthManager.name}`,
        `stage-progressed → ${people.frontLineWorker.name}`,
      ]),
    );
    const answered = answeredBy(e, people.policeInspector, "2026-11-09");
    expect(answered.stages.at(-1)!.response!.forAgency).toEqual({ id: "police", name: "Police" });
    expect(newMessages(e, answered)).toEqual(
      expect.arrayContaining([
        `response-received → ${people.policeSergeant.name}`,
        `response-copy → ${people.teamManager.name}`,
        `response-copy → ${people.healthManager.name}`,
      ]),
    );
  });

  it("at stage 3 the Service Manager or the Named Safeguarding Lead of each agency may answer", () => {
    const e = atStage3();
    expect(parties(e)).toEqual([
      ["Children's Social Care", [people.serviceManager.name]],
      ["Police", [people.policeSafeguardingLead.name]],
      ["Health", [people.healthSafeguardingLead.name]],
    ]);
    const when = at(ma, "2026-11-10");
    expect(offered(e, actor(people.healthSafeguardingLead), ma.policy, when.now, calendar).respond).toBe(
      true,
    );
    expect(offered(e, actor(people.stranger), ma.policy, when.now, calendar).respond).toBe(false);
    // The hand-over is the person asked's alone: another agency's lead answers for herself.
    expect(offered(e, actor(people.healthSafeguardingLead), ma.policy, when.now, calendar).reassign).toBe(
      false,
    );
    const answered = answeredBy(e, people.healthSafeguardingLead, "2026-11-10");
    expect(answered.stages.at(-1)!.response!.forAgency?.name).toBe("Health");
    const stranger = respond(e, respondCommand(e, actor(people.stranger)), when);
    expect(refused(stranger, "not-permitted").message).toBe(
      `Only ${people.serviceManager.name}, ${people.policeSafeguardingLead.name} or ${people.healthSafeguardingLead.name}, who were asked to answer Stage 3: Escalate to Service Managers or Named Safeguarding Leads, can respond.`,
    );
  });

  it("every party hears of every step, not only the end", () => {
    let e = raisedBetweenAgencies();
    const steps: [string, (x: Escalation) => Escalation][] = [
      ["stage 1 answered", (x) => answeredBy(x, people.frontLineWorker, "2026-11-05")],
      ["escalated to 2", (x) => escalated(x, "2026-11-05")],
      ["stage 2 answered", (x) => answeredBy(x, people.policeInspector, "2026-11-09")],
      ["escalated to 3", (x) => escalated(x, "2026-11-09")],
      ["stage 3 answered", (x) => answeredBy(x, people.healthSafeguardingLead, "2026-11-10")],
    ];
    for (const [, step] of steps) {
      const before = e;
      e = step(e);
      everyPartyHeard(before, e);
    }
    expect(e.outbox.filter((i) => i.kind === "party-feedback").map((i) => i.data?.["happened"])).toEqual(
      expect.arrayContaining(["responded", "escalated"]),
    );
  });
});

describe("the Escalation Notification Form", () => {
  it("is asked of the lead agency at stage 3, goes to the partnership and every party hears; updated at stage 4", () => {
    let e = atStage3();
    const when = at(ma, "2026-11-10");
    expect(offered(e, actor(people.serviceManager), ma.policy, when.now, calendar)["notification-form"]).toBe(
      true,
    );
    expect(
      offered(e, actor(people.policeSafeguardingLead), ma.policy, when.now, calendar)["notification-form"],
    ).toBe(false);
    const command = {
      actor: actor(people.serviceManager),
      stageId: "stage-3",
      answer: "Strategy discussions were not held within the partnership's timescale.",
      resolved: false,
    };
    expect(
      refused(
        completeNotificationForm(e, { ...command, actor: actor(people.policeSafeguardingLead) }, when),
        "not-permitted",
      ).message,
    ).toBe(
      "The Escalation Notification Form is completed by Children's Social Care, the lead agency, or by the Professional raising the concern.",
    );
    expect(
      problemFor(completeNotificationForm(e, { ...command, answer: " " }, when), "notificationForm.answer"),
    ).toMatch(/^Identified policy\/practice issues/);

    const before = e;
    e = ok(completeNotificationForm(e, command, when)).escalation;
    expect(newMessages(before, e)).toContain(`notification-form → ${people.partnershipOffice.name}`);
    everyPartyHeard(before, e);
    // A replay records once.
    expect(completeNotificationForm(e, command, when)).toMatchObject({ ok: true, value: { changed: false } });

    e = answeredBy(e, people.serviceManager, "2026-11-11");
    e = escalated(e, "2026-11-11");
    expect(parties(e)).toEqual([
      ["Children's Social Care", [people.headOfService.name]],
      ["Police", [people.policeSuperintendent.name]],
      ["Health", [people.healthDesignatedLead.name]],
    ]);
    e = ok(
      completeNotificationForm(
        e,
        {
          actor: actor(people.headOfService),
          stageId: "stage-4",
          answer: "Remaining: joint training on strategy discussions.",
          resolved: true,
        },
        at(ma, "2026-11-12"),
      ),
    ).escalation;
    expect(e.notificationForm!.map((x) => [x.stageId, x.question, x.resolved, x.forAgency.name])).toEqual([
      ["stage-3", "Identified policy/practice issues", false, "Children's Social Care"],
      ["stage-4", "Remaining issues or outcome", true, "Children's Social Care"],
    ]);
  });

  it("is not asked before stage 3", () => {
    const e = raisedBetweenAgencies();
    const result = completeNotificationForm(
      e,
      { actor: sergeant, stageId: "stage-1", answer: "Issues", resolved: false },
      at(ma, "2026-11-04"),
    );
    expect(refused(result, "illegal-move").message).toBe(
      "Stage 1: Discussion between front line workers of Multi-agency Stages of Escalation has no notification form.",
    );
  });
});

describe("stage 5: the Executive's final decision", () => {
  it("is recorded as the final decision, and the Independent Scrutineer is told", () => {
    let e = atStage3();
    e = answeredBy(e, people.serviceManager, "2026-11-10");
    e = escalated(e, "2026-11-10");
    e = answeredBy(e, people.healthDesignatedLead, "2026-11-11");
    e = escalated(e, "2026-11-11");
    expect(e.stages.at(-1)!.responsible).toEqual(people.partnershipExecutive);
    const before = e;
    e = answeredBy(e, people.partnershipExecutive, "2026-11-12");
    expect(newMessages(before, e)).toContain(`final-decision → ${people.independentScrutineer.name}`);
    everyPartyHeard(before, e);
    const resolved = ok(
      resolve(
        e,
        {
          actor: sergeant,
          stageId: "stage-5",
          resolvedOn: "2026-11-12",
          outcomeConfirmed: { id: "safeguarding-concern-addressed" },
        },
        at(ma, "2026-11-12", "12:00"),
      ),
    ).escalation;
    expect(resolved.status).toBe("resolved");
  });
});
