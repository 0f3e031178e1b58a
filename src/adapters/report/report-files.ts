// The period report as files: a workbook (one sheet per table, the first saying what each figure means),
// CSV (the same tables as sections, one after another) and JSON (the figures as computed). The workbook
// library is loaded when a workbook is first asked for, not when the bot starts.
import { stringify } from "csv-stringify/sync";

import type { PeriodReport } from "../../domain/period-report";
import { aboutRows, type Cell, type ReportHeading, reportTables } from "./report-tables";

export const REPORT_FORMATS = ["xlsx", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
  json: "application/json",
};

/** "Escalations_report_2026-07-01_to_2026-09-30.xlsx" */
export function reportFileName(report: PeriodReport, format: ReportFormat): string {
  return `Escalations_report_${report.period.from}_to_${report.period.to}.${format}`;
}

export async function reportFile(
  report: PeriodReport,
  heading: ReportHeading,
  format: ReportFormat,
): Promise<Buffer> {
  switch (format) {
    case "json":
      return Buffer.from(
        `${JSON.stringify({ council: heading.council, madeAt: heading.madeAt, ...report }, null, 2)}\n`,
      );
    case "csv":
      return Buffer.from(reportCsv(report, heading));
    case "xlsx":
      return reportWorkbook(report, heading);
  }
}

function plain(cell: Cell): string | number {
  if (cell === null) return "";
  return typeof cell === "object" ? cell.date : cell;
}

function reportCsv(report: PeriodReport, heading: ReportHeading): string {
  const rows: (string | number)[][] = [["About"], ...aboutRows(report, heading).map(([k, v]) => [k, v])];
  for (const table of reportTables(report)) {
    rows.push(
      [],
      [table.name],
      [table.meaning],
      table.columns.map((c) => c.header),
    );
    for (const row of table.rows) rows.push(row.map(plain));
  }
  // A byte-order mark, so Excel reads the file as UTF-8.
  return `\uFEFF${stringify(rows)}`;
}

const NUMBER_FORMATS = { count: "0", share: "0%", days: "0.#", date: "dd/mm/yyyy", text: "@" } as const;

async function reportWorkbook(report: PeriodReport, heading: ReportHeading): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = heading.council;
  workbook.title = `Escalations: ${report.period.label}`;
  workbook.subject = "Escalations: figures and themes";
  workbook.created = new Date(heading.madeAt);

  const tables = reportTables(report);
  const about = workbook.addWorksheet("About");
  about.columns = [
    { header: "", key: "what", width: 34 },
    { header: "", key: "meaning", width: 110 },
  ];
  about.spliceRows(1, 1);
  about.addRow([`Escalations: ${report.period.label}`]).font = { bold: true, size: 14 };
  for (const [key, value] of aboutRows(report, heading)) about.addRow([key, value]);
  about.addRow([]);
  about.addRow(["Sheet", "What its figures mean"]).font = { bold: true };
  for (const table of tables) about.addRow([table.name, table.meaning]);
  about.getColumn(2).alignment = { wrapText: true, vertical: "top" };

  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name);
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: Math.max(14, c.header.length + 2),
      style: { numFmt: NUMBER_FORMATS[c.kind] },
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of table.rows) {
      sheet.addRow(
        row.map((cell) => (cell !== null && typeof cell === "object" ? excelDate(cell.date) : cell)),
      );
    }
  }
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}

/** A day as Excel holds it: midnight of that day, with no time zone to shift it. */
function excelDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
