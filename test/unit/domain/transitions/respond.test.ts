// Responding to a stage: what the state machine records, owes and refuses.
import { reassign, respond, withdraw } from "../../../../src/domain/transitions";
import { actors, at, ok, people, refused } from "../../../builders/escalations";
import {
  answered,
  dorset,
  dorsetLevel1,
  fields,
  monday,
  newMessages,
  problemFor,
  respondCommand,
  thursday,
} from "./support";

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
    expect(error.message).toBe("Tariq Mann already answered Level 1 on Monday 9 November 2026 at 11:00.");
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

describe("hardening point 8: a response's date", () => {
  it.each([
    ["1900-01-01", /which has passed/],
    ["2026-11-06", /is Friday 6 November 2026, which has passed: give today or a later day\./],
    ["9999-12-31", /more than 365 days ahead/],
  ])("refuses a 'by when' of %s, saying why", (day, message) => {
    const escalation = dorsetLevel1();
    const result = respond(
      escalation,
      respondCommand(escalation, actors.teamManager, { byWhen: day }),
      monday,
    );
    expect(problemFor(result, "response.byWhen")).toMatch(message);
  });
});
