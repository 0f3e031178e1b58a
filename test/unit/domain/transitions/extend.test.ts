// Extending a deadline: what the state machine records, owes and refuses.
import { extend, withdraw } from "../../../../src/domain/transitions";
import { actors, at, ok, people, refused } from "../../../builders/escalations";
import { answered, dorset, dorsetLevel1, fields, monday, newMessages, problemFor, thursday } from "./support";

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
    expect(problemFor(result, "extend.newDue")).toBe(
      "The new due date is Thursday 19 November 2026, which has passed.",
    );
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
    [
      "not later than the current due date",
      "2026-11-11",
      /which is not after the current one, Wednesday 11 November 2026/,
    ],
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

describe("refusals read as sentences (hardening point 13)", () => {
  it("an action on a closed escalation says who closed it, on which day, and what can no longer be done", () => {
    const closed = ok(
      withdraw(
        dorsetLevel1(),
        { actor: actors.iro, stageId: "stage-1", reason: "Resolved informally." },
        monday,
      ),
    ).escalation;
    const error = refused(
      extend(
        closed,
        { actor: actors.iro, stageId: "stage-1", newDue: "2026-11-20", reason: "More time." },
        monday,
      ),
    );
    expect(error.message).toMatch(
      /^Withdrawn by .+ on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ 2026 at \d\d:\d\d, this escalation is closed: it can no longer be extended\.$/,
    );
    expect(error.message).not.toMatch(/ at [A-Z][a-z]+day|it cannot/);
  });
});
