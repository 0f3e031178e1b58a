// The QA Manager's figures, checked against a small set of escalations whose answers were worked out by hand.
import type { Escalation } from "../../../src/domain/escalation";
import { figures } from "../../../src/domain/report";
import { escalate, resolve, respond, withdraw } from "../../../src/domain/transitions";
import { actors, at, context, ok, policy, raiseCommand, raised } from "../../builders/escalations";

const dorset = context();
const policies = new Map([["dorset-qaro", policy("dorset-qaro")]]);

function raisedOn(
  day: string,
  id: string,
  categories: string[],
  teamId = "team-north",
  teamName = "North Children in Care Team",
) {
  const ctx = at(dorset, day);
  const base = raiseCommand(ctx);
  return raised(ctx, {
    id,
    team: { id: teamId, name: teamName },
    child: { ...base.child, caseId: `CASE-${id}` },
    concern: { ...base.concern, categories: categories.map((c) => ({ id: c })) },
  });
}

function answer(e: Escalation, day: string): Escalation {
  const stage = e.stages.at(-1)!;
  return ok(
    respond(
      e,
      {
        actor: actors.teamManager,
        stageId: stage.stageId,
        whatDone: "Plan signed off.",
        who: "Tariq Mann",
        byWhen: "2026-12-01",
        expectedOutcome: { id: "childs-plan-on-track" },
      },
      at(dorset, day),
    ),
  ).escalation;
}

// Monday 23 November 2026, 08:00: the weekly digest covering the week from Monday 16 November, 08:00.
const FROM = "2026-11-16T08:00:00.000Z";
const TO = "2026-11-23T08:00:00.000Z";

// A: Level 1 raised Wed 4 Nov, answered Tue 10 Nov (before the period), escalated Thu 12 Nov to Level 2:
//    day 0 is 12 Nov, due Thu 19 Nov (13, 16, 17, 18, 19); unanswered, so at 23 Nov it is 2 working days overdue (20, 23).
const a = ok(
  escalate(
    answer(raisedOn("2026-11-04", "A", ["care-plan-implementation"]), "2026-11-10"),
    { actor: actors.iro, stageId: "stage-1", reasons: "The plan is still not signed off." },
    at(dorset, "2026-11-12"),
  ),
).escalation;
// B: Level 1 raised Tue 17 Nov, due Tue 24 Nov (18, 19, 20, 23, 24): due this week; one message undelivered.
const bRaised = raisedOn("2026-11-17", "B", ["safety", "health-issues"]);
const b: Escalation = {
  ...bRaised,
  outbox: bRaised.outbox.map((m, i) => (i === 0 ? { ...m, lastError: "no-conversation-reference" } : m)),
};
// C: raised Mon 16 Nov (due Mon 23 Nov), answered Wed 18 Nov (on time, 2 working days), resolved Fri 20 Nov.
const c = ok(
  resolve(
    answer(raisedOn("2026-11-16", "C", ["care-plan-implementation"]), "2026-11-18"),
    {
      actor: actors.iro,
      stageId: "stage-1",
      resolvedOn: "2026-11-20",
      outcomeConfirmed: { id: "childs-plan-on-track" },
    },
    at(dorset, "2026-11-20"),
  ),
).escalation;
// D: South team, raised Mon 2 Nov (due Mon 9 Nov), answered Tue 17 Nov: late, 11 working days after day 0.
const d = answer(
  raisedOn("2026-11-02", "D", ["education-issues"], "team-south", "South Children in Care Team"),
  "2026-11-17",
);
// E: raised Wed 18 Nov, withdrawn Thu 19 Nov.
const e = ok(
  withdraw(
    raisedOn("2026-11-18", "E", ["safety"]),
    { actor: actors.iro, stageId: "stage-1", reason: "Raised in error." },
    at(dorset, "2026-11-19"),
  ),
).escalation;

describe("the QA Manager's figures", () => {
  const result = figures([a, b, c, d, e], policies, dorset.calendar, FROM, TO);

  test("what is open, by stage", () => {
    expect(result.open).toBe(3);
    expect(result.openByStage).toEqual([
      { stageName: "Level 1", count: 2 },
      { stageName: "Level 2", count: 1 },
    ]);
  });

  test("what is due this week and what is overdue, by working days, with the child by case ID only", () => {
    expect(result.dueThisWeek.map((i) => [i.caseId, i.due])).toEqual([["CASE-B", "2026-11-24"]]);
    expect(result.overdue).toEqual([
      {
        escalationId: "A",
        caseId: "CASE-A",
        stageName: "Level 2",
        due: "2026-11-19",
        workingDaysOverdue: 2,
        assignee: "Sofia Marr",
        teamName: "North Children in Care Team",
      },
    ]);
  });

  test("what concluded in the period, and how", () => {
    expect(result.concluded.map((i) => [i.caseId, i.status, i.on, i.outcome])).toEqual([
      ["CASE-E", "withdrawn", "2026-11-19", "Withdrawn"],
      [
        "CASE-C",
        "resolved",
        "2026-11-20",
        "Child\u2019s Plan as required by regulations/internal protocol back on track- child and family/carers know what is planned for the child",
      ],
    ]);
  });

  test("themes: escalations by category of concern", () => {
    expect(result.themes).toEqual([
      { category: "Care Plan implementation", count: 2 },
      { category: "Concerns re: safety", count: 2 },
      { category: "Education issues", count: 1 },
      { category: "Health issues", count: 1 },
    ]);
  });

  test("timeliness of the responses received in the period", () => {
    expect(result.timeliness).toEqual({
      responses: 2,
      onTime: 1,
      shareOnTime: 0.5,
      medianWorkingDaysToRespond: 6.5,
    });
  });

  test("by team", () => {
    expect(result.byTeam).toEqual([
      { teamName: "North Children in Care Team", open: 2, overdue: 1 },
      { teamName: "South Children in Care Team", open: 1, overdue: 0 },
    ]);
  });

  test("messages that could not be delivered", () => {
    expect(result.undelivered).toEqual([
      expect.objectContaining({
        escalationId: "B",
        kind: "stage-assigned",
        reason: "no-conversation-reference",
      }),
    ]);
  });
});
