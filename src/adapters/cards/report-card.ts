// The period report in Teams: the headline figures, the themes as a chart with the same figures in a table
// (so no one needs the chart, or its colours, to read them), and timeliness by stage. The workbook with
// every table follows as a file. Children appear in no part of it.
import type { PeriodReport } from "../../domain/period-report";
import { type AdaptiveCard, literal, percentOf, textBlock, workingDays } from "./render";

type Element = Record<string, unknown>;

const text = textBlock;
const heading = (value: string): Element =>
  text(value, { weight: "Bolder", size: "Medium", spacing: "Large", style: "heading" });

const percent = percentOf;

function days(value: number | null): string {
  return value === null ? "no responses" : workingDays(value);
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): Element {
  const cell = (value: string, bold = false): Element => ({
    type: "TableCell",
    items: [text(literal(value), bold ? { weight: "Bolder" } : {})],
  });
  return {
    type: "Table",
    firstRowAsHeader: true,
    showGridLines: true,
    columns: headers.map((_, i) => ({ width: i === 0 ? 3 : 1 })),
    rows: [
      { type: "TableRow", cells: headers.map((h) => cell(h, true)) },
      ...rows.map((row) => ({ type: "TableRow", cells: row.map((v) => cell(v)) })),
    ],
  };
}

export function reportCard(report: PeriodReport, councilName: string, workbookName: string): AdaptiveCard {
  const t = report.timeliness.overall;
  const themes = report.raised.byCategory;
  const body: Element[] = [
    text(`Escalations report: ${report.period.label}`, { weight: "Bolder", size: "Large", style: "heading" }),
    text(literal(councilName), { isSubtle: true, spacing: "None" }),
    {
      type: "FactSet",
      facts: [
        ["Raised", String(report.raised.total)],
        ["Concluded", String(report.concluded.total)],
        ["Referred to Cafcass", String(report.cafcassReferrals)],
        [
          "Responses within timescale",
          `${percent(t.shareWithinTimescale)} (${t.withinTimescale} of ${t.responses})`,
        ],
        ["Median time to respond", days(t.medianWorkingDaysToRespond)],
        ["Open at the end", String(report.atPeriodEnd.open)],
        ["Overdue at the end", String(report.atPeriodEnd.overdue)],
        ["Past the formal total", String(report.pastFormalTotal.length)],
        ["Bypasses", String(report.bypasses.total)],
        ...(report.unreadable > 0
          ? [["Records left out", `${report.unreadable} could not be read (their ids are in the log)`]]
          : []),
      ].map(([title, value]) => ({ title, value })),
    },
    heading("Themes: escalations raised, by category of concern"),
  ];
  if (themes.length === 0) {
    body.push(text("Nothing was raised in this period."));
  } else {
    body.push(
      {
        type: "Chart.HorizontalBar",
        title: "Escalations raised, by category of concern",
        // Counts written on bars of one colour: no fractional axis, nothing told apart by colour alone.
        displayMode: "AbsoluteNoAxis",
        color: "categoricalBlue",
        data: themes.map((theme) => ({ x: theme.label, y: theme.count })),
        // Clients that draw no charts show the table below alone.
        fallback: "drop",
      },
      table(
        ["Category of concern", "Escalations"],
        themes.map((theme) => [theme.label, String(theme.count)]),
      ),
    );
  }
  body.push(heading("Responses by stage"));
  body.push(
    report.timeliness.byStage.length === 0
      ? text("No responses in this period.")
      : table(
          ["Stage", "Responses", "Within timescale", "Median"],
          report.timeliness.byStage.map((s) => [
            s.stage,
            String(s.responses),
            `${percent(s.shareWithinTimescale)} (${s.withinTimescale})`,
            days(s.medianWorkingDaysToRespond),
          ]),
        ),
  );
  body.push(
    text(
      `Every table, by team and legal status, outcomes, what was open and overdue at the end and the bypasses, is in the workbook ${workbookName}, offered below.`,
      { isSubtle: true, spacing: "Large" },
    ),
  );
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
  };
}
