// The QA Manager's period report over thirty-two escalations (test/builders/report-fixture.ts), against
// figures worked out by hand from the fixture's dates. Dorset's Level 1 and Level 2 each have 5 working days;
// a concern received at 10:00 on a working day has that day as day 0. The summer bank holiday is Monday
// 31 August 2026.
import { periodReport } from "../../../src/domain/period-report";
import { parsePeriod, type Period } from "../../../src/domain/periods";
import { calendar, policy } from "../../builders/escalations";
import { reportFixture } from "../../builders/report-fixture";

const policies = new Map([["dorset-qaro", policy("dorset-qaro")]]);

function period(words: string): Period {
  const parsed = parsePeriod(words);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.period;
}

const report = (words: string) => periodReport(reportFixture(), policies, calendar, period(words));

const NORTH = "North Children in Care Team";
const SOUTH = "South Children in Care Team";

describe("the periods a QA Manager names", () => {
  it("reads a calendar quarter, a financial year and two dates", () => {
    expect(parsePeriod("2026-Q3")).toEqual({
      ok: true,
      period: {
        from: "2026-07-01",
        to: "2026-09-30",
        label: "2026-Q3 (Wednesday 1 July 2026 to Wednesday 30 September 2026)",
      },
    });
    expect(parsePeriod("2026-q4")).toMatchObject({
      ok: true,
      period: { from: "2026-10-01", to: "2026-12-31" },
    });
    expect(parsePeriod("2026-27")).toMatchObject({
      ok: true,
      period: {
        from: "2026-04-01",
        to: "2027-03-31",
        label: expect.stringMatching(/^Financial year 2026-27/) as unknown,
      },
    });
    expect(parsePeriod("2099-00")).toMatchObject({
      ok: true,
      period: { from: "2099-04-01", to: "2100-03-31" },
    });
    expect(parsePeriod(" 2026-10-01   2026-12-31 ")).toMatchObject({
      ok: true,
      period: { from: "2026-10-01", to: "2026-12-31" },
    });
  });

  it.each([
    ["2026-Q5", '"2026-Q5" is not a period.'],
    ["2026-28", "the second year must follow the first (2026-27)"],
    ["2026-12-31 2026-10-01", "The period ends (2026-10-01) before it starts (2026-12-31)."],
    ["2026-02-30 2026-03-01", '"2026-02-30" is not a date written as YYYY-MM-DD.'],
    ["", "No period was given."],
    ["from July", '"from" is not a date written as YYYY-MM-DD.'],
  ])("says what is wrong with %j and how to name a period", (words, problem) => {
    const parsed = parsePeriod(words);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toContain(problem);
    expect(parsed.problem).toContain(
      "2026-Q3 (a quarter), 2026-27 (a financial year) or 2026-10-01 2026-12-31",
    );
  });
});

describe("the period report, worked by hand", () => {
  it("April to June 2026", () => {
    const r = report("2026-Q2");
    // Raised: R1–R8 (1 June), W1–W2 and B1–B2 (8 June), L1–L4 (15 June), O1–O2 (22 June). B1–B2 start at Level 2.
    expect(r.raised).toEqual({
      total: 18,
      byStageStarted: [
        { label: "Level 1", count: 16 },
        { label: "Level 2", count: 2 },
      ],
      byCategory: [
        { label: "Concerns re: safety", count: 6 },
        { label: "Care Plan implementation", count: 4 },
        { label: "Education issues", count: 4 },
        { label: "Health issues", count: 4 },
        { label: "Concerns where the child/young person lives", count: 2 },
        { label: "Issues re: family time/time with important people", count: 2 },
      ],
      byTeam: [
        { label: NORTH, count: 10 },
        { label: SOUTH, count: 8 },
      ],
      byLegalStatus: [
        { label: "Child in care", count: 16 },
        { label: "Child protection", count: 2 },
      ],
    });
    // Concluded: R1–R8 (5 June), W1–W2 (10 June), B1–B2 (11 June). L1–L4 conclude in July.
    expect(r.concluded.total).toBe(12);
    expect(r.concluded.byOutcome.map((o) => [o.label.slice(0, 24), o.count])).toEqual([
      ["Child’s Plan as required", 4],
      ["Visits as required by re", 4],
      ["Safeguarding concern add", 2],
      ["Withdrawn", 2],
    ]);
    expect(r.concluded.highestStageReached).toEqual([
      { label: "Level 1", count: 10 },
      { label: "Level 2", count: 2 },
    ]);
    expect(r.cafcassReferrals).toBe(0);
    // Responses: R1–R8 on Thursday 4 June (3 working days, due Monday 8 June), B1–B2 on 10 June (2 days),
    // L1–L4 on Tuesday 23 June (6 days; due Monday 22 June: late).
    expect(r.timeliness.overall).toEqual({
      responses: 14,
      withinTimescale: 10,
      shareWithinTimescale: 10 / 14,
      medianWorkingDaysToRespond: 3,
    });
    expect(r.timeliness.byStage).toEqual([
      {
        stage: "Level 1",
        responses: 12,
        withinTimescale: 8,
        shareWithinTimescale: 8 / 12,
        medianWorkingDaysToRespond: 3,
      },
      {
        stage: "Level 2",
        responses: 2,
        withinTimescale: 2,
        shareWithinTimescale: 1,
        medianWorkingDaysToRespond: 2,
      },
    ]);
    expect(r.timeliness.byTeam).toEqual([
      {
        team: NORTH,
        responses: 10,
        withinTimescale: 6,
        shareWithinTimescale: 0.6,
        medianWorkingDaysToRespond: 3,
      },
      {
        team: SOUTH,
        responses: 4,
        withinTimescale: 4,
        shareWithinTimescale: 1,
        medianWorkingDaysToRespond: 3,
      },
    ]);
    // At the end of 30 June: O1–O2 at Level 1, due Monday 29 June, 1 working day overdue; L1–L4 at Level 2
    // (escalated 24 June), due Wednesday 1 July.
    expect(r.atPeriodEnd.open).toBe(6);
    expect(r.atPeriodEnd.overdue).toBe(2);
    expect(r.atPeriodEnd.escalations.map((o) => [o.caseId, o.stage, o.due, o.workingDaysOverdue])).toEqual([
      ["CASE-O1", "Level 1", "2026-06-29", 1],
      ["CASE-O2", "Level 1", "2026-06-29", 1],
      ["CASE-L1", "Level 2", "2026-07-01", 0],
      ["CASE-L2", "Level 2", "2026-07-01", 0],
      ["CASE-L3", "Level 2", "2026-07-01", 0],
      ["CASE-L4", "Level 2", "2026-07-01", 0],
    ]);
    // O1–O2 pass the 20 working days on 21 July; nobody passes them in June.
    expect(r.pastFormalTotal).toEqual([]);
    expect(r.bypasses).toEqual({
      total: 2,
      byStages: [{ from: "Raising the concern", to: "Level 2", count: 2, qaManagerConsulted: 2 }],
    });
  });

  it("July to September 2026", () => {
    const r = report("2026-Q3");
    // Raised: R9–R14 (6 July), X1–X2 (13 July), C1–C2 (3 August), W3 (7 September), Q1 (14 September), P1–P2 (28 September).
    expect(r.raised.total).toBe(14);
    expect(r.raised.byStageStarted).toEqual([{ label: "Level 1", count: 14 }]);
    expect(r.raised.byCategory).toEqual([
      { label: "Voice of the child/young person", count: 6 },
      { label: "Concerns re: safety", count: 2 },
      { label: "Concerns where the child/young person lives", count: 2 },
      { label: "Health issues", count: 2 },
      { label: "Staff turnover/sickness", count: 2 },
      { label: "Life story work/later life letters", count: 1 },
      { label: "Transitions (post 16/18)", count: 1 },
    ]);
    expect(r.raised.byTeam).toEqual([
      { label: NORTH, count: 8 },
      { label: SOUTH, count: 6 },
    ]);
    expect(r.raised.byLegalStatus).toEqual([
      { label: "Child in care", count: 12 },
      { label: "Child protection", count: 2 },
    ]);
    // Concluded: L1–L4 (3 July, at Level 2), R9–R14 (10 July), X1–X2 (23 July), C1–C2 (Cafcass, 6 August), W3 (9 September).
    expect(r.concluded.total).toBe(15);
    expect(r.concluded.byOutcome.map((o) => [o.label.slice(0, 24), o.count])).toEqual([
      ["Child’s Plan as required", 6],
      ["Permanence planning back", 4],
      ["Key documentation now re", 2],
      ["Referred to Cafcass", 2],
      ["Withdrawn", 1],
    ]);
    expect(r.concluded.highestStageReached).toEqual([
      { label: "Level 1", count: 11 },
      { label: "Level 2", count: 4 },
    ]);
    expect(r.cafcassReferrals).toBe(2);
    // Responses: L1–L4 at Level 2 on 2 July (6 days from 24 June, due 1 July: late); R9–R14 on 9 July (3);
    // X1–X2 on 22 July (7 days from 13 July, but the due date was extended to 24 July: in time);
    // C1–C2 on 5 August (2); Q1 on 16 September (2).
    expect(r.timeliness.overall).toEqual({
      responses: 15,
      withinTimescale: 11,
      shareWithinTimescale: 11 / 15,
      medianWorkingDaysToRespond: 3,
    });
    expect(r.timeliness.byStage).toEqual([
      {
        stage: "Level 1",
        responses: 11,
        withinTimescale: 11,
        shareWithinTimescale: 1,
        medianWorkingDaysToRespond: 3,
      },
      {
        stage: "Level 2",
        responses: 4,
        withinTimescale: 0,
        shareWithinTimescale: 0,
        medianWorkingDaysToRespond: 6,
      },
    ]);
    expect(r.timeliness.byTeam).toEqual([
      {
        team: NORTH,
        responses: 9,
        withinTimescale: 5,
        shareWithinTimescale: 5 / 9,
        medianWorkingDaysToRespond: 3,
      },
      {
        team: SOUTH,
        responses: 6,
        withinTimescale: 6,
        shareWithinTimescale: 1,
        medianWorkingDaysToRespond: 3,
      },
    ]);
    // At the end of 30 September: O1–O2 still unanswered since due 29 June: 66 working days overdue (1 in
    // June, 23 in July, 20 in August without the bank holiday, 22 in September). Q1 answered, waiting on the
    // IRO; P1–P2 due Monday 5 October.
    expect(r.atPeriodEnd.open).toBe(5);
    expect(r.atPeriodEnd.overdue).toBe(2);
    expect(
      r.atPeriodEnd.escalations.map((o) => [o.caseId, o.team, o.stage, o.due, o.workingDaysOverdue]),
    ).toEqual([
      ["CASE-O1", SOUTH, "Level 1", "2026-06-29", 66],
      ["CASE-O2", SOUTH, "Level 1", "2026-06-29", 66],
      ["CASE-Q1", SOUTH, "Level 1", "2026-09-21", 0],
      ["CASE-P1", NORTH, "Level 1", "2026-10-05", 0],
      ["CASE-P2", NORTH, "Level 1", "2026-10-05", 0],
    ]);
    // Day 0 22 June; 21 working days on is Tuesday 21 July, the first day past the 20.
    expect(r.pastFormalTotal).toEqual([
      { escalationId: "esc-o1", caseId: "CASE-O1", team: SOUTH, passedOn: "2026-07-21", concludedOn: null },
      { escalationId: "esc-o2", caseId: "CASE-O2", team: SOUTH, passedOn: "2026-07-21", concludedOn: null },
    ]);
    expect(r.bypasses).toEqual({ total: 0, byStages: [] });
  });

  it("the financial year 2026-27 holds both quarters", () => {
    const r = report("2026-27");
    expect(r.raised.total).toBe(32);
    expect(r.concluded.total).toBe(27);
    expect(r.cafcassReferrals).toBe(2);
    expect(r.timeliness.overall.responses).toBe(29);
    expect(r.timeliness.overall.withinTimescale).toBe(21);
    // At 31 March 2027 P1–P2, due 5 October, are overdue too.
    expect(r.atPeriodEnd.open).toBe(5);
    expect(r.atPeriodEnd.overdue).toBe(4);
    expect(r.policies).toEqual([
      {
        id: "dorset-qaro",
        name: "Dorset QARO Resolution/Escalation Process",
        source: expect.any(String) as unknown,
      },
    ]);
  });

  it("carries no child's name and no concern's words", () => {
    const text = JSON.stringify(report("2026-27"));
    expect(text).not.toMatch(/Childname|Concern text of/);
  });
});
