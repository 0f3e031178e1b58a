// The period report as tables: the one shape the workbook's sheets, the CSV's sections and the Teams card
// all read, each with what its figures mean. Cells are typed so a spreadsheet can sum and sort them.
import type { Count, PeriodReport, Timeliness } from "../../domain/period-report";

export type Cell = string | number | { readonly date: string } | null;

export interface Column {
  readonly header: string;
  readonly kind: "text" | "count" | "share" | "days" | "date";
}

export interface Table {
  /** The sheet's name (at most 31 characters, as Excel allows). */
  readonly name: string;
  readonly meaning: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ReportHeading {
  readonly council: string;
  readonly madeAt: string;
}

const text = (header: string): Column => ({ header, kind: "text" });
const count = (header: string): Column => ({ header, kind: "count" });

function counts(name: string, meaning: string, label: string, list: readonly Count[]): Table {
  return {
    name,
    meaning,
    columns: [text(label), count("Escalations")],
    rows: list.map((c) => [c.label, c.count]),
  };
}

const TIMELINESS_COLUMNS: readonly Column[] = [
  count("Responses"),
  count("Within timescale"),
  { header: "Share within timescale", kind: "share" },
  { header: "Median working days to respond", kind: "days" },
];

function timelinessCells(t: Timeliness): Cell[] {
  return [t.responses, t.withinTimescale, t.shareWithinTimescale, t.medianWorkingDaysToRespond];
}

export function reportTables(report: PeriodReport): Table[] {
  const r = report;
  return [
    {
      name: "Headline figures",
      meaning: "The period's totals; each is broken down on a sheet of its own.",
      columns: [text("Figure"), count("Value")],
      rows: [
        ["Raised in the period", r.raised.total],
        ["Concluded in the period", r.concluded.total],
        ["Referred to Cafcass in the period", r.cafcassReferrals],
        ["Responses received in the period", r.timeliness.overall.responses],
        ["Responses within timescale", r.timeliness.overall.withinTimescale],
        ["Open at the end of the period", r.atPeriodEnd.open],
        ["Overdue at the end of the period", r.atPeriodEnd.overdue],
        ["Past the formal total", r.pastFormalTotal.length],
        ["Bypasses in the period", r.bypasses.total],
        ...(r.unreadable > 0 ? [["Records that could not be read (left out)", r.unreadable] as Cell[]] : []),
      ],
    },
    counts(
      "Raised by stage started",
      "Escalations raised in the period, by the stage they started at (a concern raised beyond the informal stage starts later).",
      "Stage",
      r.raised.byStageStarted,
    ),
    counts(
      "Themes",
      "Escalations raised in the period by category of concern, as the policy lists them. An escalation with several categories counts once under each.",
      "Category of concern",
      r.raised.byCategory,
    ),
    counts(
      "Raised by team",
      "Escalations raised in the period, by the child's team.",
      "Team",
      r.raised.byTeam,
    ),
    counts(
      "Raised by legal status",
      "Escalations raised in the period, by the child's legal status.",
      "Legal status",
      r.raised.byLegalStatus,
    ),
    counts(
      "Concluded by outcome",
      "Escalations concluded in the period, by the outcome confirmed at resolution, or referral to Cafcass, or withdrawal.",
      "Outcome",
      r.concluded.byOutcome,
    ),
    counts(
      "Highest stage reached",
      "Escalations concluded in the period, by the last stage they reached.",
      "Stage",
      r.concluded.highestStageReached,
    ),
    {
      name: "Timeliness by stage",
      meaning:
        "Responses received in the period, by stage: how many came by the stage's due date, and the median working days from the stage's day 0 to the response.",
      columns: [text("Stage"), ...TIMELINESS_COLUMNS],
      rows: [
        ...r.timeliness.byStage.map((t) => [t.stage, ...timelinessCells(t)]),
        ["All stages", ...timelinessCells(r.timeliness.overall)],
      ],
    },
    {
      name: "Timeliness by team",
      meaning: "The same, by the child's team.",
      columns: [text("Team"), ...TIMELINESS_COLUMNS],
      rows: [
        ...r.timeliness.byTeam.map((t) => [t.team, ...timelinessCells(t)]),
        ["All teams", ...timelinessCells(r.timeliness.overall)],
      ],
    },
    {
      name: "Open at period end",
      meaning:
        "Every escalation open at the end of the period's last day, overdue first: its stage then, the due date it had then and the working days it was overdue (0 when it was not).",
      columns: [
        text("Case ID"),
        text("Escalation"),
        text("Team"),
        text("Stage"),
        { header: "Due", kind: "date" },
        { header: "Working days overdue", kind: "days" },
      ],
      rows: r.atPeriodEnd.escalations.map((o) => [
        o.caseId,
        o.escalationId,
        o.team,
        o.stage,
        { date: o.due },
        o.workingDaysOverdue,
      ]),
    },
    {
      name: "Past the formal total",
      meaning:
        "Escalations still open on the first working day past the policy's total for the formal stages (the IRO Handbook's 20 working days), on or before the period's last day.",
      columns: [
        text("Case ID"),
        text("Escalation"),
        text("Team"),
        { header: "Past the total on", kind: "date" },
        { header: "Concluded on", kind: "date" },
      ],
      rows: r.pastFormalTotal.map((p) => [
        p.caseId,
        p.escalationId,
        p.team,
        { date: p.passedOn },
        p.concludedOn === null ? null : { date: p.concludedOn },
      ]),
    },
    {
      name: "Bypasses",
      meaning:
        "Stages bypassed in the period (counted when the later stage was sent), and how often the QA Manager was consulted first.",
      columns: [text("From"), text("To"), count("Bypasses"), count("Consultation recorded")],
      rows: r.bypasses.byStages.map((b) => [b.from, b.to, b.count, b.qaManagerConsulted]),
    },
  ];
}

/** The lines the workbook's first sheet and the CSV's first section give: who, what period, what it means. */
export function aboutRows(report: PeriodReport, heading: ReportHeading): (readonly [string, string])[] {
  return [
    ["Council", heading.council],
    ["Report", "Escalations: figures and themes"],
    ["Period", report.period.label],
    [
      "Policies",
      report.policies.map((p) => `${p.name} (${p.source})`).join("; ") || "No escalations in the period",
    ],
    ["Made", heading.madeAt],
    [
      "Children",
      "By case ID only. No child's name and no free text of any concern is in this report: the record on the child's file has them.",
    ],
    ["Days", "Working days leave out weekends, bank holidays and the council's closure days."],
  ];
}
