// The period report's card: the headline figures for the hand-worked July–September fixture, the themes as
// a chart and as a table with every full label, timeliness by stage, no child; valid, accessible and within
// Teams' size limit even with every category of concern.
import { reportCard } from "../../../src/adapters/cards/report-card";
import { cardBytes, MAX_CARD_BYTES } from "../../../src/adapters/cards/teams-limit";
import { periodReport } from "../../../src/domain/period-report";
import { parsePeriod } from "../../../src/domain/periods";
import { calendar, policy } from "../../builders/escalations";
import { reportFixture } from "../../builders/report-fixture";
import { accessibilityProblems } from "../../support/accessibility";
import { cardSchemaProblems, cardText, nodesOf } from "../../support/bot-harness";

const dorset = policy("dorset-qaro");
const q3 = parsePeriod("2026-Q3");
if (!q3.ok) throw new Error(q3.problem);
const report = periodReport(reportFixture(), new Map([[dorset.id, dorset]]), calendar, q3.period);
const card = reportCard(report, "Dorset Council", "Escalations_report_2026-07-01_to_2026-09-30.xlsx");

function facts(): Record<string, string> {
  return Object.fromEntries(
    nodesOf(card)
      .filter((n) => n["type"] === "FactSet")
      .flatMap((n) => (n["facts"] as { title: string; value: string }[]).map((f) => [f.title, f.value])),
  );
}

function tableRows(index: number): string[][] {
  const table = nodesOf(card).filter((n) => n["type"] === "Table")[index]!;
  return (table["rows"] as { cells: unknown[] }[]).map((row) => row.cells.map((cell) => cardText(cell)));
}

it("gives the headline figures worked by hand", () => {
  expect(facts()).toEqual({
    Raised: "14",
    Concluded: "15",
    "Referred to Cafcass": "2",
    "Responses within timescale": "73% (11 of 15)",
    "Median time to respond": "3 working days",
    "Open at the end": "5",
    "Overdue at the end": "2",
    "Past the formal total": "2",
    Bypasses: "0",
  });
  expect(cardText(card)).toContain("Dorset Council");
});

it("draws the themes as a chart and gives the same figures, with full labels, in a table", () => {
  const chart = nodesOf(card).find((n) => n["type"] === "Chart.HorizontalBar")!;
  expect(chart["data"]).toEqual(report.raised.byCategory.map((c) => ({ x: c.label, y: c.count })));
  expect(tableRows(0)).toEqual([
    ["Category of concern", "Escalations"],
    ...report.raised.byCategory.map((c) => [c.label, String(c.count)]),
  ]);
  expect(tableRows(1)).toEqual([
    ["Stage", "Responses", "Within timescale", "Median"],
    ["Level 1", "11", "100% (11)", "3 working days"],
    ["Level 2", "4", "0% (0)", "6 working days"],
  ]);
});

it("names no child and carries no concern's words", () => {
  expect(JSON.stringify(card)).not.toMatch(/Childname|Concern text of/);
});

it("is a valid, accessible card within Teams' limit, with every category of concern", () => {
  const every = {
    ...report,
    raised: {
      ...report.raised,
      byCategory: dorset.categories.items.map((c, i) => ({ label: c.label, count: i + 1 })),
    },
  };
  const big = reportCard(every, "Dorset Council", "Escalations_report.xlsx");
  expect(cardSchemaProblems(big)).toEqual([]);
  expect(accessibilityProblems(big)).toEqual([]);
  expect(cardBytes(big)).toBeLessThan(MAX_CARD_BYTES);
});
