// Raising a concern: what the state machine records, owes and refuses.
import type { PersonRef } from "../../../../src/domain/escalation";
import { raise } from "../../../../src/domain/transitions";
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
} from "../../../builders/escalations";
import { dorset, dorsetLevel1, fields, newMessages, problemFor } from "./support";

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
      ["in the past", "2026-11-03", /which has passed/],
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
    it("under Dorset needs a reason and consultation with the QA Manager and the Head of Quality Assurance and Partnerships", () => {
      const result = raise(raiseCommand(dorset, { startStageId: "stage-3" }), dorset);

      expect(fields(result).sort()).toEqual(["bypassReason", "qaManagerConsulted"]);
      expect(problemFor(result, "bypassReason")).toContain("Level 1, Level 2");
      // The QARO process: "This needs to be in consultation with the QA manager and Head of Quality
      // Assurance and Partnerships."
      expect(problemFor(result, "qaManagerConsulted")).toContain(
        "consultation with the QA Manager and the Head of Quality Assurance and Partnerships",
      );
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
        "The child's date of birth is Friday 1 January 2027, which is after today.",
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

describe("hardening point 8: dates and text outside reason", () => {
  const ctx = dorset; // Wednesday 4 November 2026
  const withChild = (child: Partial<ReturnType<typeof raiseCommand>["child"]>) => {
    const base = raiseCommand(ctx);
    return raise({ ...base, child: { ...base.child, ...child } }, ctx);
  };
  const byWhen = (day: string) => {
    const base = raiseCommand(ctx);
    return raise(
      {
        ...base,
        concern: { ...base.concern, requestedAction: { ...base.concern.requestedAction, byWhen: day } },
      },
      ctx,
    );
  };

  it.each(["0001-01-01", "1850-01-01", "2000-11-03"])(
    "refuses a date of birth of %s, more than 26 years ago",
    (day) => {
      expect(problemFor(withChild({ dateOfBirth: day }), "child.dateOfBirth")).toMatch(
        /more than 26 years ago: the process is for children and care leavers\. Check the year\.$/,
      );
    },
  );

  it("accepts a care leaver of 25 and a baby born today", () => {
    expect(ok(withChild({ dateOfBirth: "2001-06-01" })).changed).toBe(true);
    expect(ok(withChild({ dateOfBirth: "2026-11-04" })).changed).toBe(true);
  });

  it.each([
    [
      "9999-12-31",
      /is Friday 31 December 9999, more than 365 days ahead: give a day no later than Thursday 4 November 2027\.$/,
    ],
    ["1900-01-01", /is Monday 1 January 1900, which has passed: give today or a later day\.$/],
    ["2026-11-03", /which has passed/],
  ])("refuses a requested-by date of %s, saying what is wrong with it", (day, message) => {
    expect(problemFor(byWhen(day), "concern.requestedAction.byWhen")).toMatch(message);
  });

  it.each([
    ["a right-to-left override", "Jamie \u202eyrubnroht"],
    ["a zero-width space", "Jamie\u200b Thornbury"],
    ["a byte-order mark inside it", "Jamie\ufeffThornbury"],
  ])("refuses a child's name with %s, naming the field", (_, name) => {
    expect(problemFor(withChild({ name }), "child.name")).toMatch(
      /^The child's name contains hidden characters that change how it is shown/,
    );
  });

  it("refuses a case ID with a hidden character too", () => {
    expect(problemFor(withChild({ caseId: "LCS-88\u20664213" }), "child.caseId")).toMatch(
      /^The case ID contains hidden characters/,
    );
  });
});
