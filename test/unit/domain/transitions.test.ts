// Behaviour of the escalation's state machine: every action, allowed and refused, what it records, who it
// owes a message to, and the invariants that hold whatever sequence of actions people attempt.
import fc from "fast-check";
import type { Actor, Escalation, PersonRef } from "../../../src/domain/escalation";
import type { Result } from "../../../src/domain/errors";
import { applyReminders } from "../../../src/domain/reminders";
import {
  escalate,
  extend,
  keepWaiting,
  raise,
  reassign,
  recordRefusal,
  referToCafcass,
  resolve,
  respond,
  withdraw,
  type EscalateCommand,
  type RespondCommand,
  type Transition,
  type TransitionContext,
} from "../../../src/domain/transitions";
import {
  actor,
  actors,
  at,
  context,
  holders,
  NOW,
  ok,
  people,
  raiseCommand,
  raised,
  refused,
} from "../../builders/escalations";

/** The messages an action added to the outbox, as "kind → name", in a stable order. */
function newMessages(before: Escalation | undefined, after: Escalation): string[] {
  return after.outbox
    .slice(before?.outbox.length ?? 0)
    .map((item) => `${item.kind} → ${item.to.name}`)
    .sort();
}

function fields(result: Result<Transition>): string[] {
  const error = refused(result, "invalid-input");
  if (error.code !== "invalid-input") throw new Error("unreachable");
  return error.problems.map((problem) => problem.field);
}

function problemFor(result: Result<Transition>, field: string): string {
  const error = refused(result, "invalid-input");
  if (error.code !== "invalid-input") throw new Error("unreachable");
  const problem = error.problems.find((p) => p.field === field);
  if (!problem) throw new Error(`no problem for ${field}: ${error.message}`);
  return problem.message;
}

function respondCommand(
  escalation: Escalation,
  by: Actor = actors.teamManager,
  overrides: Partial<RespondCommand> = {},
): RespondCommand {
  return {
    actor: by,
    stageId: escalation.stages.at(-1)?.stageId ?? "",
    expectedVersion: escalation.version,
    whatDone: "The care plan will be signed off at the team meeting and shared with Jamie.",
    who: "Tariq Mann",
    byWhen: "2026-11-20",
    expectedOutcome: { id: "childs-plan-on-track" },
    ...overrides,
  };
}

function escalateCommand(escalation: Escalation, overrides: Partial<EscalateCommand> = {}): EscalateCommand {
  return {
    actor: actors.iro,
    stageId: escalation.stages.at(-1)?.stageId ?? "",
    reasons: "The response does not say when the plan will be signed off.",
    ...overrides,
  };
}

const dorset = context();
const dorsetLevel1 = (): Escalation => raised(dorset);
/** Monday 9 November 2026, 11:00: the Team Manager answers. */
const monday = at(dorset, "2026-11-09", "11:00");
/** Thursday 12 November 2026, 10:00: the day after the Level 1 response was due. */
const thursday = at(dorset, "2026-11-12");

function answered(escalation = dorsetLevel1()): Escalation {
  return ok(respond(escalation, respondCommand(escalation), monday)).escalation;
}

function atLevel2(): Escalation {
  const level1 = answered();
  return ok(escalate(level1, escalateCommand(level1), thursday)).escalation;
}

describe("raise", () => {
  it("refuses a chosen manager with no directory id", () => {
    const result = raise(raiseCommand(dorset, { responsible: { id: " ", name: "Someone" } }), dorset);
    expect(fields(result)).toContain("responsible");
  });

  it("starts at Level 1 under Dorset: the Team Manager answers within 5 working days, copied to the Service Manager and QA Manager", () => {
    const result = ok(raise(raiseCommand(dorset), dorset));
    const escalation = result.escalation;

    expect(result.changed).toBe(true);
    expect(escalation).toMatchObject({
      id: "esc-1",
      policyId: "dorset-qaro",
      version: 1,
      status: "open",
      raisedAt: NOW,
      iro: people.iro,
      iroManager: people.iroManager,
      qaManagers: [people.qaManager],
      child: { name: "Jamie Example", caseId: "MOS-100234", dateOfBirth: "2015-06-15", legalStatus: "CIC" },
      bypasses: [],
    });
    expect(escalation.stages).toHaveLength(1);
    expect(escalation.stages[0]).toMatchObject({
      stageId: "stage-1",
      name: "Level 1",
      sentAt: NOW,
      responsible: people.teamManager,
      copied: [people.serviceManager, people.qaManager],
      nextManagerUp: people.serviceManager,
      extensions: [],
      due: {
        receivedAt: NOW,
        countedFrom: "2026-11-04",
        due: "2026-11-11",
        dueBy: "2026-11-12T00:00:00.000Z",
        workingDays: 5,
        basis: "policy",
      },
    });
    expect(escalation.stages[0]?.due.rule).toContain("by the end of Wednesday 11 November 2026");
  });

  it("records the event with its actor and time, and owes the stage card, the copies and the IRO's confirmation", () => {
    const { escalation, event } = ok(raise(raiseCommand(dorset), dorset));

    expect(escalation.events).toEqual([event]);
    expect(event).toMatchObject({
      seq: 1,
      kind: "raised",
      actor: people.iro,
      at: NOW,
      stageId: "stage-1",
      data: { stageId: "stage-1", due: "2026-11-11", responsible: people.teamManager.id },
    });
    expect(newMessages(undefined, escalation)).toEqual([
      "raised-confirmation → Imogen Reeve",
      "stage-assigned → Tariq Mann",
      "stage-copy → Quinn Abbott",
      "stage-copy → Sofia Marr",
    ]);
    for (const item of escalation.outbox) {
      expect(item).toMatchObject({ status: "pending", attempts: 0, createdAt: NOW, stageId: "stage-1" });
    }
    expect(new Set(escalation.outbox.map((item) => item.id)).size).toBe(escalation.outbox.length);
  });

  it("schedules the first reminder: 08:00 on the working day before the due day", () => {
    expect(dorsetLevel1().nextActionAt).toBe("2026-11-10T08:00:00.000Z");
  });

  it("under Escalation of Concern, copies the concern to the Safeguarding Business Manager when raised", () => {
    const ctx = context({ policy: "escalation-of-concern" });
    const escalation = raised(ctx);

    expect(escalation.stages[0]).toMatchObject({ stageId: "stage-1", responsible: people.teamManager });
    expect(newMessages(undefined, escalation)).toEqual([
      "raised-confirmation → Imogen Reeve",
      "raised-copy → Simone Brant",
      "stage-assigned → Tariq Mann",
    ]);
  });

  it("counts a concern raised after the 17:00 cut-off from the next working day", () => {
    const escalation = raised(at(dorset, "2026-11-04", "17:30"));

    expect(escalation.stages[0]?.due).toMatchObject({ countedFrom: "2026-11-05", due: "2026-11-12" });
  });

  describe("at the informal stage", () => {
    it("is refused without a timescale, because the informal stage runs by the child's needs", () => {
      const result = raise(raiseCommand(dorset, { startStageId: "informal" }), dorset);

      expect(fields(result)).toEqual(["timescale"]);
      expect(problemFor(result, "timescale")).toMatch(/Informal has no fixed timescale.*give the date/);
    });

    it("runs to the IRO's date, copied to the social worker", () => {
      const escalation = raised(dorset, {
        startStageId: "informal",
        timescale: { kind: "date", due: "2026-11-09" },
      });

      expect(escalation.stages[0]).toMatchObject({
        stageId: "informal",
        responsible: people.teamManager,
        copied: [people.socialWorker],
        due: { due: "2026-11-09", basis: "iro", workingDays: 3 },
      });
      expect(escalation.stages[0]?.nextManagerUp).toBeUndefined();
      expect(newMessages(undefined, escalation)).toEqual([
        "raised-confirmation → Imogen Reeve",
        "stage-assigned → Tariq Mann",
        "stage-copy → Sam Walsh",
      ]);
    });
  });

  describe("the IRO's own timescale overrides the policy's", () => {
    it("as a number of working days", () => {
      const escalation = raised(dorset, { timescale: { kind: "working-days", workingDays: 3 } });

      expect(escalation.iroTimescale).toEqual({ kind: "working-days", workingDays: 3 });
      expect(escalation.stages[0]?.due).toMatchObject({ due: "2026-11-09", workingDays: 3, basis: "iro" });
    });

    it("as a date", () => {
      const escalation = raised(dorset, { timescale: { kind: "date", due: "2026-11-20" } });

      expect(escalation.stages[0]?.due).toMatchObject({ due: "2026-11-20", workingDays: 12, basis: "iro" });
      expect(escalation.stages[0]?.due.rule).toContain("set by the IRO");
    });

    it.each([
      ["a Saturday", "2026-11-07", /2026-11-07 is a Saturday/],
      ["a bank holiday", "2026-12-25", /2026-12-25 is a Christmas Day \(bank holiday\)/],
      ["in the past", "2026-11-03", /cannot be in the past/],
      ["a year the calendar does not cover", "3026-11-20", /outside the years the calendar covers/],
      ["not a date", "20/11/2026", /must be a date/],
    ])("is refused when the date is %s", (_label, due, message) => {
      const result = raise(raiseCommand(dorset, { timescale: { kind: "date", due } }), dorset);

      expect(fields(result)).toEqual(["timescale"]);
      expect(problemFor(result, "timescale")).toMatch(message);
    });

    it.each([-1, 1.5, 261])("is refused as %s working days", (workingDays) => {
      const result = raise(
        raiseCommand(dorset, { timescale: { kind: "working-days", workingDays } }),
        dorset,
      );

      expect(fields(result)).toEqual(["timescale"]);
    });
  });

  describe("at a later stage (a bypass)", () => {
    it("under Dorset needs a reason and the QA Manager's consultation", () => {
      const result = raise(raiseCommand(dorset, { startStageId: "stage-3" }), dorset);

      expect(fields(result).sort()).toEqual(["bypassReason", "qaManagerConsulted"]);
      expect(problemFor(result, "bypassReason")).toContain("Level 1, Level 2");
    });

    it("under Dorset is recorded with its reason and the consultation", () => {
      const { escalation, event } = ok(
        raise(
          raiseCommand(dorset, {
            startStageId: "stage-3",
            bypassReason: "The Service Manager has already refused to act.",
            qaManagerConsulted: true,
          }),
          dorset,
        ),
      );

      expect(escalation.bypasses).toEqual([
        {
          fromStageId: null,
          toStageId: "stage-3",
          reason: "The Service Manager has already refused to act.",
          qaManagerConsulted: true,
        },
      ]);
      expect(escalation.stages[0]).toMatchObject({
        stageId: "stage-3",
        responsible: people.headOfLocality,
        copied: [people.corporateDirector, people.qaManager],
      });
      expect(event?.data).toMatchObject({
        bypassReason: "The Service Manager has already refused to act.",
        qaManagerConsulted: true,
      });
    });

    it("under Escalation of Concern needs a reason but no consultation", () => {
      const ctx = context({ policy: "escalation-of-concern" });

      expect(fields(raise(raiseCommand(ctx, { startStageId: "stage-2" }), ctx))).toEqual(["bypassReason"]);
      const escalation = raised(ctx, {
        startStageId: "stage-2",
        bypassReason: "Urgent: placement ends Friday.",
      });
      expect(escalation.bypasses).toEqual([
        {
          fromStageId: null,
          toStageId: "stage-2",
          reason: "Urgent: placement ends Friday.",
          qaManagerConsulted: false,
        },
      ]);
    });

    it("is not needed to start at Level 1 without the informal stage", () => {
      expect(dorsetLevel1().bypasses).toEqual([]);
    });

    it("cannot start at the Cafcass stage or a stage the policy does not have", () => {
      for (const startStageId of ["cafcass", "stage-9"]) {
        const result = raise(raiseCommand(dorset, { startStageId }), dorset);
        expect(fields(result)).toEqual(["startStageId"]);
      }
    });
  });

  describe("invalid input", () => {
    it("collects every problem on the form at once and creates nothing", () => {
      const command = raiseCommand(dorset, {
        startStageId: "informal",
        child: { name: "  ", caseId: "MOS-1", dateOfBirth: "2027-01-01", legalStatus: "CIN" },
        concern: {
          categories: [{ id: "not-a-category" }, { id: "other" }],
          summary: "x".repeat(4001),
          impactOnChild: "Jamie is waiting.",
          requestedAction: { what: "Sign off the plan.", who: "TM", byWhen: "2026-12-01" },
          outcomeSought: { id: "world-peace" },
        },
      });

      const result = raise(command, dorset);

      expect(result.ok).toBe(false);
      expect(fields(result).sort()).toEqual([
        "child.dateOfBirth",
        "child.legalStatus",
        "child.name",
        "concern.categories",
        "concern.categories.text",
        "concern.outcomeSought",
        "concern.summary",
        "timescale",
      ]);
      expect(problemFor(result, "child.dateOfBirth")).toBe(
        "The child's date of birth cannot be in the future.",
      );
      expect(problemFor(result, "child.legalStatus")).toBe(
        "The legal status must be one of CIC (Child in care), CP (Child protection).",
      );
      expect(problemFor(result, "concern.summary")).toBe(
        "The brief summary of the concern is 4001 characters long; the limit is 4000.",
      );
      expect(problemFor(result, "concern.categories")).toContain('"not-a-category" is not one of');
      expect(problemFor(result, "concern.outcomeSought")).toContain('"world-peace" is not one of');
      const error = refused(result, "invalid-input");
      expect(error.message).toMatch(/^The form has 8 problems:/);
    });

    it("refuses a date of birth that is not a real date", () => {
      const result = raise(
        raiseCommand(dorset, {
          child: { name: "Jamie", caseId: "MOS-1", dateOfBirth: "2015-02-30", legalStatus: "CIC" },
        }),
        dorset,
      );

      expect(fields(result)).toEqual(["child.dateOfBirth"]);
      expect(problemFor(result, "child.dateOfBirth")).toBe(
        "The child's date of birth must be a date (YYYY-MM-DD).",
      );
    });

    it("accepts a summary of exactly 4000 characters and an 'other' category with its text", () => {
      const base = raiseCommand(dorset);
      const escalation = raised(dorset, {
        concern: {
          ...base.concern,
          summary: "y".repeat(4000),
          categories: [{ id: "other", text: "  Sibling contact  " }],
        },
      });

      expect(escalation.concern.summary).toHaveLength(4000);
      expect(escalation.concern.categories).toEqual([{ id: "other", text: "Sibling contact" }]);
    });

    it("reports missing people and an empty concern", () => {
      const result = raise(
        {
          id: "esc-2",
          actor: actors.iro,
          child: {},
          concern: {},
          startStageId: "stage-1",
        },
        dorset,
      );

      expect(fields(result).sort()).toEqual([
        "child.caseId",
        "child.dateOfBirth",
        "child.legalStatus",
        "child.name",
        "concern.categories",
        "concern.impactOnChild",
        "concern.outcomeSought",
        "concern.requestedAction.byWhen",
        "concern.requestedAction.what",
        "concern.requestedAction.who",
        "concern.summary",
        "iroManager",
        "socialWorker",
        "team",
        "teamManager",
      ]);
    });
  });

  it("is not permitted to someone without the IRO role under an IRO policy", () => {
    const error = refused(
      raise(raiseCommand(dorset, { actor: actors.teamManager }), dorset),
      "not-permitted",
    );

    expect(error).toMatchObject({ action: "raise" });
    expect(error.message).toBe(
      "Only a QARO can raise an escalation under Dorset QARO Resolution/Escalation Process.",
    );
  });

  describe("under the multi-agency policy", () => {
    const gp = actor({ id: "p-gp", name: "Dr Gita Patel" });
    const ctx = context({ policy: "multi-agency" });
    const school: PersonRef = { id: "p-school", name: "Mo Hart" };

    it("lets any professional raise a concern about a child in need, answered by the person they name", () => {
      const { escalation } = ok(
        raise(
          raiseCommand(ctx, {
            actor: gp,
            child: { name: "Jamie Example", caseId: "LCS-77", dateOfBirth: "2015-06-15", legalStatus: "CIN" },
            timescale: { kind: "date", due: "2026-11-06" },
            responsible: school,
          }),
          ctx,
        ),
      );

      expect(escalation.iro).toEqual(gp.person);
      expect(escalation.stages[0]).toMatchObject({
        stageId: "stage-1",
        responsible: school,
        due: { due: "2026-11-06", basis: "iro" },
        nextManagerUp: people.teamManager,
      });
      expect(newMessages(undefined, escalation)).toEqual([
        "raised-confirmation → Dr Gita Patel",
        "stage-assigned → Mo Hart",
      ]);
    });

    it("asks who should answer when nobody holds the stage's role, with every other problem", () => {
      const noFrontLine = context({ policy: "multi-agency", holders: holders({ "front-line-worker": [] }) });

      const result = raise(raiseCommand(noFrontLine, { actor: gp, timescale: undefined }), noFrontLine);

      expect(fields(result).sort()).toEqual(["responsible", "timescale"]);
      expect(problemFor(result, "responsible")).toBe(
        "No Front-line worker is recorded for this team: choose who should answer.",
      );
    });
  });
});

describe("respond", () => {
  it("records the assignee's response and tells the IRO and the people copied", () => {
    const before = dorsetLevel1();
    const { escalation, event, changed } = ok(respond(before, respondCommand(before), monday));

    expect(changed).toBe(true);
    expect(escalation.version).toBe(2);
    expect(escalation.stages[0]?.response).toEqual({
      whatDone: "The care plan will be signed off at the team meeting and shared with Jamie.",
      who: "Tariq Mann",
      byWhen: "2026-11-20",
      expectedOutcome: { id: "childs-plan-on-track" },
      respondedBy: people.teamManager,
      respondedAt: monday.now,
    });
    expect(event).toMatchObject({ seq: 2, kind: "responded", actor: people.teamManager, at: monday.now });
    expect(newMessages(before, escalation)).toEqual([
      "response-copy → Quinn Abbott",
      "response-copy → Sofia Marr",
      "response-received → Imogen Reeve",
    ]);
  });

  it("stops the stage's reminders: only the formal-total check remains scheduled (Thursday 3 December 2026)", () => {
    expect(answered().nextActionAt).toBe("2026-12-03T08:00:00.000Z");
  });

  it("is accepted from the delegate after the stage was reassigned", () => {
    const original = dorsetLevel1();
    const delegated = ok(
      reassign(
        original,
        { actor: actors.teamManager, stageId: "stage-1", to: people.deputyTeamManager, reason: "On leave." },
        dorset,
      ),
    ).escalation;

    const { escalation } = ok(
      respond(delegated, respondCommand(delegated, actors.deputyTeamManager), monday),
    );

    expect(escalation.stages[0]?.response?.respondedBy).toEqual(people.deputyTeamManager);
  });

  it.each([
    ["a stranger", actors.stranger],
    ["a copied Service Manager", actors.serviceManager],
    ["the IRO", actors.iro],
    ["a QA Manager", actors.qaManager],
  ])("is not permitted to %s", (_label, who) => {
    const escalation = dorsetLevel1();

    const error = refused(respond(escalation, respondCommand(escalation, who), monday), "not-permitted");

    expect(error).toMatchObject({ action: "respond" });
    expect(error.message).toBe("Only Tariq Mann, who was asked to answer Level 1, can respond.");
  });

  it("records nothing again when the same response is replayed, even from an older card", () => {
    const first = dorsetLevel1();
    const once = ok(respond(first, respondCommand(first), monday)).escalation;

    const replay = ok(
      respond(
        once,
        respondCommand(first, actors.teamManager, { whatDone: `  ${respondCommand(first).whatDone}  ` }),
        at(dorset, "2026-11-10"),
      ),
    );

    expect(replay.changed).toBe(false);
    expect(replay.escalation).toBe(once);
    expect(replay.event).toBeUndefined();
  });

  it("refuses a different second response, saying who answered and when", () => {
    const once = answered();
    const error = refused(
      respond(
        once,
        respondCommand(once, actors.teamManager, { whatDone: "Something else entirely." }),
        thursday,
      ),
      "already-answered",
    );
    expect(error).toMatchObject({ by: people.teamManager, at: monday.now });
    expect(error.message).toBe(
      `Level 1 was already answered by Tariq Mann at Monday 9 November 2026 at 11:00.`,
    );
  });

  it("tells someone not on the stage only that they may not answer, not who did", () => {
    const once = answered();
    const error = refused(
      respond(
        once,
        respondCommand(once, actors.deputyTeamManager, { whatDone: "Something else." }),
        thursday,
      ),
      "not-permitted",
    );
    expect(error.message).not.toContain(people.teamManager.name + " at");
  });

  it("refuses a card for another stage", () => {
    const escalation = dorsetLevel1();

    const error = refused(
      respond(escalation, respondCommand(escalation, actors.teamManager, { stageId: "stage-2" }), monday),
      "stage-not-current",
    );

    expect(error).toMatchObject({ stageId: "stage-2", currentStageId: "stage-1" });
  });

  it("refuses a card drawn from an older version", () => {
    const original = dorsetLevel1();
    const delegated = ok(
      reassign(
        original,
        { actor: actors.teamManager, stageId: "stage-1", to: people.deputyTeamManager, reason: "On leave." },
        dorset,
      ),
    ).escalation;

    const error = refused(
      respond(delegated, respondCommand(original, actors.deputyTeamManager), monday),
      "stale-version",
    );

    expect(error).toMatchObject({ expected: 1, current: 2 });
  });

  it("reports every missing or invalid field", () => {
    const escalation = dorsetLevel1();

    const result = respond(
      escalation,
      respondCommand(escalation, actors.teamManager, {
        whatDone: " ",
        who: undefined,
        byWhen: "next week",
        expectedOutcome: { id: "made-up" },
      }),
      monday,
    );

    expect(fields(result).sort()).toEqual([
      "response.byWhen",
      "response.expectedOutcome",
      "response.whatDone",
      "response.who",
    ]);
  });

  it("is refused once the escalation is concluded", () => {
    const escalation = dorsetLevel1();
    const withdrawn = ok(
      withdraw(
        escalation,
        { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
        monday,
      ),
    ).escalation;

    const error = refused(respond(withdrawn, respondCommand(withdrawn), thursday), "already-concluded");

    expect(error).toMatchObject({ status: "withdrawn", by: people.iro, at: monday.now });
  });
});

describe("resolve", () => {
  const resolution = { resolvedOn: "2026-11-12", outcomeConfirmed: { id: "childs-plan-on-track" } };

  it("by the IRO concludes the escalation and tells everyone on it but the IRO", () => {
    const before = answered();

    const { escalation, event } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    );

    expect(escalation).toMatchObject({
      status: "resolved",
      version: 3,
      nextActionAt: null,
      conclusion: { status: "resolved", by: people.iro, at: thursday.now },
    });
    expect(escalation.stages[0]?.ending).toEqual({
      kind: "resolved",
      resolvedOn: "2026-11-12",
      outcomeConfirmed: { id: "childs-plan-on-track" },
      by: people.iro,
      at: thursday.now,
    });
    expect(event).toMatchObject({
      kind: "resolved",
      seq: 3,
      data: { resolvedOn: "2026-11-12", outcomeConfirmed: "childs-plan-on-track" },
    });
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
    ]);
  });

  it("by a QA Manager acting for the IRO tells the IRO", () => {
    const before = answered();

    const { escalation } = ok(
      resolve(before, { actor: actors.qaManager, stageId: "stage-1", ...resolution }, thursday),
    );

    expect(escalation.conclusion?.by).toEqual(people.qaManager);
    expect(newMessages(before, escalation)).toEqual([
      "concluded → Imogen Reeve",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
    ]);
  });

  it("sends the policy's concluded copy to roles not otherwise on the escalation", () => {
    const ctx = context({ policy: "escalation-of-concern" });
    const before = raised(ctx);

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-1", ...resolution }, at(ctx, "2026-11-12")),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Tariq Mann",
      "concluded-copy → Simone Brant",
    ]);
  });

  it("under Dorset, sends the QA Manager the concluded copy when the concern ends at the informal stage", () => {
    const before = raised(dorset, {
      startStageId: "informal",
      timescale: { kind: "date", due: "2026-11-09" },
    });

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "informal", ...resolution }, thursday),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Sam Walsh",
      "concluded → Tariq Mann",
      "concluded-copy → Quinn Abbott",
    ]);
  });

  it("tells the managers of earlier stages too", () => {
    const before = atLevel2();

    const { escalation } = ok(
      resolve(before, { actor: actors.iro, stageId: "stage-2", ...resolution }, at(dorset, "2026-11-13")),
    );

    expect(newMessages(before, escalation)).toEqual([
      "concluded → Hugo Locke",
      "concluded → Quinn Abbott",
      "concluded → Sofia Marr",
      "concluded → Tariq Mann",
    ]);
  });

  it.each([
    ["the Team Manager", actors.teamManager],
    ["the Service Manager", actors.serviceManager],
    ["another IRO", actors.otherIro],
  ])("is not permitted to %s", (_label, who) => {
    const error = refused(
      resolve(answered(), { actor: who, stageId: "stage-1", ...resolution }, thursday),
      "not-permitted",
    );

    expect(error).toMatchObject({ action: "resolve" });
    expect(error.message).toBe("Only Imogen Reeve, who raised the concern, or a QA Manager can resolve.");
  });

  it("records nothing again when replayed", () => {
    const once = ok(
      resolve(answered(), { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    ).escalation;

    const replay = ok(
      resolve(once, { actor: actors.iro, stageId: "stage-1", ...resolution }, at(dorset, "2026-11-13")),
    );

    expect(replay).toEqual({ escalation: once, changed: false });
  });

  it("refuses a second, different resolution as already concluded", () => {
    const once = ok(
      resolve(answered(), { actor: actors.iro, stageId: "stage-1", ...resolution }, thursday),
    ).escalation;

    const error = refused(
      resolve(
        once,
        { actor: actors.iro, stageId: "stage-1", ...resolution, resolvedOn: "2026-11-11" },
        thursday,
      ),
      "already-concluded",
    );

    expect(error).toMatchObject({ status: "resolved", by: people.iro, at: thursday.now });
    expect(error.message).toContain(`already resolved by Imogen Reeve at Thursday 12 November 2026 at 10:00`);
  });

  it.each([
    ["in the future", "2026-11-13", /cannot be in the future/],
    ["before the concern was raised", "2026-11-03", /cannot be before the concern was raised/],
    ["not a date", "yesterday", /must be a date/],
  ])("refuses a resolution date %s", (_label, resolvedOn, message) => {
    const result = resolve(
      answered(),
      { actor: actors.iro, stageId: "stage-1", ...resolution, resolvedOn },
      thursday,
    );

    expect(problemFor(result, "resolution.resolvedOn")).toMatch(message);
  });

  it("requires the text of an 'other' outcome", () => {
    const result = resolve(
      answered(),
      { actor: actors.iro, stageId: "stage-1", resolvedOn: "2026-11-12", outcomeConfirmed: { id: "other" } },
      thursday,
    );

    expect(fields(result)).toEqual(["resolution.outcomeConfirmed.text"]);
  });
});

describe("escalate", () => {
  it("moves to the next stage: its manager from the directory, the previous manager told, the new stage's copies sent", () => {
    const before = answered();

    const { escalation, event } = ok(escalate(before, escalateCommand(before), thursday));

    expect(escalation.version).toBe(3);
    expect(escalation.stages.map((s) => s.stageId)).toEqual(["stage-1", "stage-2"]);
    expect(escalation.stages[0]?.ending).toEqual({
      kind: "progressed",
      toStageId: "stage-2",
      reasons: "The response does not say when the plan will be signed off.",
      by: people.iro,
      at: thursday.now,
    });
    expect(escalation.stages[1]).toMatchObject({
      stageId: "stage-2",
      name: "Level 2",
      sentAt: thursday.now,
      responsible: people.serviceManager,
      copied: [people.headOfLocality, people.qaManager],
      nextManagerUp: people.headOfLocality,
      due: { countedFrom: "2026-11-12", due: "2026-11-19", basis: "policy" },
    });
    expect(event).toMatchObject({
      kind: "escalated",
      stageId: "stage-1",
      data: { toStageId: "stage-2", due: "2026-11-19", responsible: people.serviceManager.id },
    });
    expect(newMessages(before, escalation)).toEqual([
      "escalated-confirmation → Imogen Reeve",
      "stage-assigned → Sofia Marr",
      "stage-copy → Hugo Locke",
      "stage-copy → Quinn Abbott",
      "stage-progressed → Tariq Mann",
    ]);
  });

  it("may go to a later stage, bypassing those between, with Dorset's reason and consultation", () => {
    const before = answered();

    expect(
      fields(escalate(before, escalateCommand(before, { toStageId: "stage-3" }), thursday)).sort(),
    ).toEqual(["bypassReason", "qaManagerConsulted"]);
    const { escalation } = ok(
      escalate(
        before,
        escalateCommand(before, {
          toStageId: "stage-3",
          bypassReason: "Level 2 cannot commit the funding.",
          qaManagerConsulted: true,
        }),
        thursday,
      ),
    );
    expect(escalation.stages.at(-1)).toMatchObject({
      stageId: "stage-3",
      responsible: people.headOfLocality,
    });
    expect(escalation.bypasses).toEqual([
      {
        fromStageId: "stage-1",
        toStageId: "stage-3",
        reason: "Level 2 cannot commit the funding.",
        qaManagerConsulted: true,
      },
    ]);
  });

  it("from the informal stage to Level 1 is no bypass, and the Team Manager is asked again", () => {
    const before = raised(dorset, {
      startStageId: "informal",
      timescale: { kind: "date", due: "2026-11-09" },
    });

    const { escalation } = ok(escalate(before, escalateCommand(before), thursday));

    expect(escalation.bypasses).toEqual([]);
    expect(escalation.stages.at(-1)).toMatchObject({ stageId: "stage-1", responsible: people.teamManager });
    expect(newMessages(before, escalation)).toEqual([
      "escalated-confirmation → Imogen Reeve",
      "stage-assigned → Tariq Mann",
      "stage-copy → Quinn Abbott",
      "stage-copy → Sofia Marr",
    ]);
  });

  it.each([
    ["the same stage", "stage-2"],
    ["an earlier stage", "stage-1"],
    ["the informal stage", "informal"],
    ["Cafcass", "cafcass"],
    ["a stage the policy does not have", "stage-9"],
  ])("refuses to go to %s", (_label, toStageId) => {
    const level2 = atLevel2();

    const result = escalate(level2, escalateCommand(level2, { toStageId }), at(dorset, "2026-11-13"));

    expect(problemFor(result, "escalation.toStageId")).toBe(
      "The stage to escalate to must be one of Level 3, Level 4.",
    );
  });

  it("refuses to go beyond the last formal stage, naming Cafcass as the next step", () => {
    const level4 = raised(dorset, {
      startStageId: "stage-4",
      bypassReason: "Director-level decision needed.",
      qaManagerConsulted: true,
    });

    const error = refused(escalate(level4, escalateCommand(level4), thursday), "illegal-move");

    expect(error.message).toBe(
      "Level 4 is the last stage of Dorset QARO Resolution/Escalation Process: the next step is Level 5: Referral to CAF/CASS.",
    );
  });

  it("under the multi-agency policy, refuses to go beyond stage 5", () => {
    const ctx = context({ policy: "multi-agency" });
    const stage5 = raised(ctx, {
      startStageId: "stage-5",
      bypassReason: "Partnership-wide issue.",
      timescale: { kind: "working-days", workingDays: 5 },
    });

    const error = refused(escalate(stage5, escalateCommand(stage5), at(ctx, "2026-11-12")), "illegal-move");

    expect(error.message).toContain("there is no stage to escalate to");
  });

  it("requires the reasons for the decision to progress", () => {
    const before = answered();

    expect(fields(escalate(before, escalateCommand(before, { reasons: "  " }), thursday))).toEqual([
      "escalation.reasons",
    ]);
  });

  it("to a stage timed by the child's needs, reports the missing date with every other problem", () => {
    const ctx = context({ policy: "multi-agency" });
    const stage1 = raised(ctx);

    const result = escalate(stage1, escalateCommand(stage1, { reasons: "" }), at(ctx, "2026-11-12"));

    expect(fields(result).sort()).toEqual(["escalation.reasons", "timescale"]);
  });

  it("records nothing again when replayed", () => {
    const before = answered();
    const once = ok(escalate(before, escalateCommand(before), thursday)).escalation;

    const replay = ok(escalate(once, escalateCommand(before), at(dorset, "2026-11-12", "10:05")));

    expect(replay).toEqual({ escalation: once, changed: false });
  });

  it("refuses a second action on the stage it left, naming who escalated it and when", () => {
    const level2 = atLevel2();

    const viaQa = refused(
      escalate(level2, escalateCommand(level2, { actor: actors.qaManager, stageId: "stage-1" }), thursday),
      "stage-not-current",
    );
    const viaResolve = refused(
      resolve(
        level2,
        {
          actor: actors.iro,
          stageId: "stage-1",
          resolvedOn: "2026-11-12",
          outcomeConfirmed: { id: "childs-plan-on-track" },
        },
        thursday,
      ),
      "stage-not-current",
    );

    for (const error of [viaQa, viaResolve]) {
      expect(error).toMatchObject({ stageId: "stage-1", currentStageId: "stage-2" });
      expect(error.message).toBe(
        `Level 1 was already escalated by Imogen Reeve at Thursday 12 November 2026 at 10:00; the concern is now at Level 2.`,
      );
    }
  });

  it("is permitted to a QA Manager and not to a manager", () => {
    const before = answered();

    expect(ok(escalate(before, escalateCommand(before, { actor: actors.qaManager }), thursday)).changed).toBe(
      true,
    );
    expect(
      refused(
        escalate(before, escalateCommand(before, { actor: actors.teamManager }), thursday),
        "not-permitted",
      ),
    ).toMatchObject({
      action: "escalate",
    });
  });

  it("takes the IRO's own timescale for the new stage", () => {
    const before = answered();

    const { escalation } = ok(
      escalate(
        before,
        escalateCommand(before, { timescale: { kind: "working-days", workingDays: 2 } }),
        thursday,
      ),
    );

    expect(escalation.stages.at(-1)?.due).toMatchObject({ due: "2026-11-16", basis: "iro" });
  });
});

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
    ).toMatch(/cannot be in the future/);
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

describe("reassign", () => {
  const handOver = {
    stageId: "stage-1",
    to: people.deputyTeamManager,
    reason: "I am on leave until the 20th.",
  };

  it("hands the stage to a delegate, who gets the stage card, and tells the IRO", () => {
    const before = dorsetLevel1();

    const { escalation, event } = ok(reassign(before, { actor: actors.teamManager, ...handOver }, monday));

    expect(escalation.stages[0]?.delegation).toEqual({
      to: people.deputyTeamManager,
      reason: "I am on leave until the 20th.",
      by: people.teamManager,
      at: monday.now,
    });
    expect(event).toMatchObject({
      kind: "reassigned",
      data: {
        from: people.teamManager.id,
        to: people.deputyTeamManager.id,
        reason: "I am on leave until the 20th.",
      },
    });
    expect(newMessages(before, escalation)).toEqual([
      "reassigned-notice → Imogen Reeve",
      "reassigned-to-you → Dana Temple",
    ]);
  });

  it.each([
    ["a stranger", actors.stranger],
    ["a copied Service Manager", actors.serviceManager],
    ["the IRO", actors.iro],
  ])("is not permitted to %s", (_label, who) => {
    expect(
      refused(reassign(dorsetLevel1(), { actor: who, ...handOver }, monday), "not-permitted"),
    ).toMatchObject({
      action: "reassign",
    });
  });

  it("is an illegal move once the stage is answered", () => {
    const error = refused(
      reassign(answered(), { actor: actors.teamManager, ...handOver }, thursday),
      "illegal-move",
    );

    expect(error.message).toContain("already answered by Tariq Mann");
  });

  it("needs a reason and someone other than the IRO or the person already answering", () => {
    const escalation = dorsetLevel1();

    expect(
      fields(reassign(escalation, { actor: actors.teamManager, stageId: "stage-1" }, monday)).sort(),
    ).toEqual(["reassign.reason", "reassign.to"]);
    for (const to of [people.iro, people.teamManager]) {
      expect(fields(reassign(escalation, { actor: actors.teamManager, ...handOver, to }, monday))).toEqual([
        "reassign.to",
      ]);
    }
  });

  it("records nothing again when replayed", () => {
    const once = ok(reassign(dorsetLevel1(), { actor: actors.teamManager, ...handOver }, monday)).escalation;

    expect(ok(reassign(once, { actor: actors.teamManager, ...handOver }, monday))).toEqual({
      escalation: once,
      changed: false,
    });
  });
});

describe("extend", () => {
  const extension = {
    stageId: "stage-1",
    newDue: "2026-11-18",
    reason: "The Team Manager is at court all week.",
  };

  it("refuses a new due date that has already passed", () => {
    const before = dorsetLevel1();
    const late = at(dorset, "2026-11-20");
    const result = extend(before, { actor: actors.iro, ...extension, newDue: "2026-11-19" }, late);
    expect(problemFor(result, "extend.newDue")).toBe("The new due date cannot be in the past.");
  });

  it("moves the due date, tells the person answering, and keeps day 0", () => {
    const before = dorsetLevel1();

    const { escalation, event } = ok(extend(before, { actor: actors.iro, ...extension }, monday));

    expect(escalation.stages[0]?.due).toMatchObject({
      countedFrom: "2026-11-04",
      due: "2026-11-18",
      workingDays: 10,
      basis: "extended",
    });
    expect(escalation.stages[0]?.extensions).toEqual([
      { from: "2026-11-11", to: "2026-11-18", reason: extension.reason, by: people.iro, at: monday.now },
    ]);
    expect(event).toMatchObject({ kind: "extended", data: { from: "2026-11-11", to: "2026-11-18" } });
    expect(newMessages(before, escalation)).toEqual(["deadline-extended → Tariq Mann"]);
    expect(escalation.nextActionAt).toBe("2026-11-17T08:00:00.000Z");
  });

  it.each([
    ["a QA Manager", actors.qaManager],
    ["the Team Manager", actors.teamManager],
  ])("is not permitted to %s", (_label, who) => {
    expect(
      refused(extend(dorsetLevel1(), { actor: who, ...extension }, monday), "not-permitted"),
    ).toMatchObject({
      action: "extend",
    });
  });

  it.each([
    ["not later than the current due date", "2026-11-11", /must be after the current one, 2026-11-11/],
    ["a Saturday", "2026-11-14", /must be a working day; 2026-11-14 is a Saturday/],
    ["a bank holiday", "2026-12-25", /2026-12-25 is a Christmas Day \(bank holiday\)/],
    ["a year the calendar does not cover", "3026-11-18", /outside the years the calendar covers/],
  ])("refuses a new due date %s", (_label, newDue, message) => {
    const result = extend(dorsetLevel1(), { actor: actors.iro, ...extension, newDue }, monday);

    expect(problemFor(result, "extend.newDue")).toMatch(message);
  });

  it("needs a reason", () => {
    expect(fields(extend(dorsetLevel1(), { actor: actors.iro, ...extension, reason: "" }, monday))).toEqual([
      "extend.reason",
    ]);
  });

  it("is an illegal move once the stage is answered", () => {
    refused(extend(answered(), { actor: actors.iro, ...extension }, thursday), "illegal-move");
  });

  it("records nothing again when replayed", () => {
    const once = ok(extend(dorsetLevel1(), { actor: actors.iro, ...extension }, monday)).escalation;

    expect(ok(extend(once, { actor: actors.iro, ...extension }, monday))).toEqual({
      escalation: once,
      changed: false,
    });
  });
});

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
    ).toMatch(/cannot be in the past/);
    const once = ok(
      keepWaiting(before, { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday),
    ).escalation;
    expect(
      ok(keepWaiting(once, { actor: actors.iro, stageId: "stage-1", until: "2026-11-16" }, thursday)).changed,
    ).toBe(false);
  });
});

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

type Who = "iro" | "manager" | "delegate" | "qa" | "stranger";
type Action =
  | "respond"
  | "resolve"
  | "escalate"
  | "cafcass"
  | "reassign"
  | "extend"
  | "keepWaiting"
  | "withdraw"
  | "reminders";

interface Step {
  readonly action: Action;
  readonly who: Who;
  /** Whether the command names the current stage and version (otherwise the first stage and version 1). */
  readonly current: boolean;
  /** Whether the form is filled in (otherwise a required field is left empty). */
  readonly complete: boolean;
  readonly variant: number;
  readonly advanceMinutes: number;
  /** Send the previous command again, exactly as it was (a re-delivered card action). */
  readonly replay: boolean;
}

/** Actions that end the escalation are rarer, so that sequences get some way up the ladder first. */
const actionArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Action>("respond", "escalate", "reminders") },
  { weight: 3, arbitrary: fc.constantFrom<Action>("reassign", "extend", "keepWaiting") },
  { weight: 1, arbitrary: fc.constantFrom<Action>("resolve", "cafcass", "withdraw") },
);

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  action: actionArbitrary,
  who: fc.constantFrom<Who>("iro", "manager", "delegate", "qa", "stranger"),
  current: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  complete: fc.oneof(
    { weight: 3, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  variant: fc.nat({ max: 3 }),
  advanceMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  replay: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});

function actorFor(who: Who, escalation: Escalation): Actor {
  const stage = escalation.stages.at(-1);
  switch (who) {
    case "iro":
      return actors.iro;
    case "manager":
      return stage ? actor(stage.responsible) : actors.teamManager;
    case "delegate":
      return actors.deputyTeamManager;
    case "qa":
      return actors.qaManager;
    case "stranger":
      return actors.stranger;
  }
}

type Command = (escalation: Escalation, ctx: TransitionContext) => Result<Transition>;

/** The command a person would send, drawn from the record as it was when their card was made. */
function command(step: Step, source: Escalation, sourceCtx: TransitionContext): Command {
  const by = actorFor(step.who, source);
  const calendarOf = sourceCtx.calendar;
  const today = calendarOf.localDate(sourceCtx.now);
  const base = step.current
    ? { actor: by, stageId: source.stages.at(-1)?.stageId ?? "", expectedVersion: source.version }
    : { actor: by, stageId: source.stages[0]?.stageId ?? "", expectedVersion: 1 };
  const text = (value: string): string => (step.complete ? value : "");
  const later = calendarOf.addWorkingDays(today, 2 + step.variant);
  const due = source.stages.at(-1)?.due.due ?? today;
  switch (step.action) {
    case "respond":
      return (e, ctx) =>
        respond(
          e,
          {
            ...base,
            whatDone: text(`Done ${step.variant}`),
            who: "TM",
            byWhen: later,
            expectedOutcome: { id: "childs-plan-on-track" },
          },
          ctx,
        );
    case "resolve":
      return (e, ctx) =>
        resolve(
          e,
          {
            ...base,
            resolvedOn: step.complete ? today : "",
            outcomeConfirmed: { id: "childs-plan-on-track" },
          },
          ctx,
        );
    case "escalate":
      return (e, ctx) =>
        escalate(
          e,
          {
            ...base,
            reasons: text("Not resolved."),
            ...(step.variant === 3
              ? { toStageId: "stage-4", bypassReason: "Urgent.", qaManagerConsulted: true }
              : {}),
          },
          ctx,
        );
    case "cafcass":
      return (e, ctx) =>
        referToCafcass(
          e,
          {
            ...base,
            reasons: text("Rights breached."),
            nominatedOfficerInformed: step.complete,
            nominatedOfficerInformedOn: today,
          },
          ctx,
        );
    case "reassign":
      return (e, ctx) =>
        reassign(
          e,
          {
            ...base,
            to: step.variant % 2 === 0 ? people.deputyTeamManager : people.headOfService,
            reason: text("Leave."),
          },
          ctx,
        );
    case "extend":
      return (e, ctx) =>
        extend(
          e,
          { ...base, newDue: calendarOf.addWorkingDays(due, 1 + step.variant), reason: text("Court.") },
          ctx,
        );
    case "keepWaiting":
      return (e, ctx) => keepWaiting(e, { ...base, until: step.complete ? later : "" }, ctx);
    case "withdraw":
      return (e, ctx) => withdraw(e, { ...base, reason: text("No longer needed.") }, ctx);
    case "reminders":
      return (e, ctx) => ({
        ok: true,
        value: { escalation: applyReminders(e, ctx).escalation, changed: true },
      });
  }
}

describe("invariants over any sequence of actions", () => {
  it("keeps the record append-only, its versions rising, refusals harmless, conclusions final and messages unique", () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), (steps) => {
        let ctx = context();
        let escalation = raised(ctx);
        let previous: { step: Step; command: Command } | undefined;
        for (const step of steps) {
          ctx = { ...ctx, now: new Date(Date.parse(ctx.now) + step.advanceMinutes * 60_000).toISOString() };
          const replaying = step.replay && previous !== undefined;
          const current =
            replaying && previous ? previous : { step, command: command(step, escalation, ctx) };
          const before = structuredClone(escalation);
          const result = current.command(escalation, ctx);

          // The input is never changed in place, whatever the outcome.
          expect(escalation).toEqual(before);
          let next: Escalation;
          if (result.ok) {
            next = result.value.escalation;
            if (!result.value.changed) expect(next).toBe(escalation);
          } else {
            const by = actorFor(current.step.who, escalation);
            next = recordRefusal(escalation, by, current.step.action, result.error.code, ctx.now);
            expect(next.version).toBe(escalation.version);
            expect(next.outbox).toBe(escalation.outbox);
            expect(next.events).toHaveLength(escalation.events.length + 1);
          }

          expect(next.events.slice(0, escalation.events.length)).toEqual(escalation.events);
          expect(next.events.map((e) => e.seq)).toEqual(next.events.map((_e, index) => index + 1));
          // Messages owed are never removed or rewritten; an undelivered reminder may only be superseded.
          escalation.outbox.forEach((item, index) => {
            const after = next.outbox[index];
            if (after?.status === "superseded" && item.status === "pending") {
              expect({ ...after, status: "pending" }).toEqual(item);
            } else {
              expect(after).toEqual(item);
            }
          });
          expect(next.version).toBeGreaterThanOrEqual(escalation.version);
          if (escalation.status !== "open") {
            expect(next.status).toBe(escalation.status);
            expect(next.conclusion).toEqual(escalation.conclusion);
            expect(next.nextActionAt).toBeNull();
          }
          expect(new Set(next.outbox.map((item) => item.id)).size).toBe(next.outbox.length);
          expect(next.stages.slice(0, -1).every((stage) => stage.ending?.kind === "progressed")).toBe(true);
          previous = current;
          escalation = next;
        }
      }),
      { numRuns: 200 },
    );
  });
});
