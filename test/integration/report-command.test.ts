// `escalation-admin report`: the period report from the stored escalations through the real Cosmos DB
// client, as JSON, CSV and a workbook, each read back (the workbook with the library that wrote it) and
// checked against the figures worked out by hand for the fixture's July–September (see
// test/unit/domain/period-report.test.ts). None of the files names a child or carries a concern's words.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosEscalationStore } from "../../src/adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { main } from "../../src/cli/escalation-admin";
import type { PeriodReport } from "../../src/domain/period-report";
import { reportFixture } from "../builders/report-fixture";
import { RecordingLogger } from "../fakes/recording-logger";
import { type CosmosTestServer, startCosmosServer } from "../support/cosmos-server";

let server: CosmosTestServer;
let env: Record<string, string>;
const dir = mkdtempSync(path.join(tmpdir(), "report-"));

beforeAll(async () => {
  server = await startCosmosServer();
  env = {
    COSMOS_ENDPOINT: server.endpoint,
    COSMOS_KEY: server.key,
    COSMOS_DATABASE: `report-${randomUUID()}`,
    COUNCIL_NAME: "Dorset Council",
  };
  const client = createCosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    allowSelfSignedCertificate: true,
  });
  const database = await ensureContainers(client, env["COSMOS_DATABASE"]!);
  const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), new RecordingLogger());
  for (const escalation of reportFixture()) await store.create(escalation);
  client.dispose();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

async function admin(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    args,
    { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    env,
  );
  return { code, stdout, stderr };
}

async function reportAs(format: string): Promise<Buffer> {
  const out = path.join(dir, `q3.${format}`);
  const result = await admin([
    "report",
    "--from",
    "2026-07-01",
    "--to",
    "2026-09-30",
    "--format",
    format,
    "--out",
    out,
  ]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("14 raised, 15 concluded, 5 open at the end");
  return readFileSync(out);
}

/** The figures worked by hand for July to September 2026, in the shape every format is read into. */
const HAND_WORKED = {
  headline: {
    "Raised in the period": 14,
    "Concluded in the period": 15,
    "Referred to Cafcass in the period": 2,
    "Responses received in the period": 15,
    "Responses within timescale": 11,
    "Open at the end of the period": 5,
    "Overdue at the end of the period": 2,
    "Past the formal total": 2,
    "Bypasses in the period": 0,
  },
  themes: [
    ["Voice of the child/young person", 6],
    ["Concerns re: safety", 2],
    ["Concerns where the child/young person lives", 2],
    ["Health issues", 2],
    ["Staff turnover/sickness", 2],
    ["Life story work/later life letters", 1],
    ["Transitions (post 16/18)", 1],
  ],
  timelinessByTeam: [
    ["North Children in Care Team", 9, 5, 5 / 9, 3],
    ["South Children in Care Team", 6, 6, 1, 3],
    ["All teams", 15, 11, 11 / 15, 3],
  ],
  openAtEnd: [
    ["CASE-O1", "esc-o1", "South Children in Care Team", "Level 1", "2026-06-29", 66],
    ["CASE-O2", "esc-o2", "South Children in Care Team", "Level 1", "2026-06-29", 66],
    ["CASE-Q1", "esc-q1", "South Children in Care Team", "Level 1", "2026-09-21", 0],
    ["CASE-P1", "esc-p1", "North Children in Care Team", "Level 1", "2026-10-05", 0],
    ["CASE-P2", "esc-p2", "North Children in Care Team", "Level 1", "2026-10-05", 0],
  ],
};

function expectNoChild(text: string) {
  expect(text).not.toMatch(/Childname|Concern text of|Tariq Mann/);
}

it("writes JSON with the hand-worked figures", async () => {
  const bytes = await reportAs("json");
  expectNoChild(bytes.toString("utf8"));
  const r = JSON.parse(bytes.toString("utf8")) as PeriodReport & { council: string };
  expect(r.council).toBe("Dorset Council");
  expect({
    headline: {
      "Raised in the period": r.raised.total,
      "Concluded in the period": r.concluded.total,
      "Referred to Cafcass in the period": r.cafcassReferrals,
      "Responses received in the period": r.timeliness.overall.responses,
      "Responses within timescale": r.timeliness.overall.withinTimescale,
      "Open at the end of the period": r.atPeriodEnd.open,
      "Overdue at the end of the period": r.atPeriodEnd.overdue,
      "Past the formal total": r.pastFormalTotal.length,
      "Bypasses in the period": r.bypasses.total,
    },
    themes: r.raised.byCategory.map((c) => [c.label, c.count]),
    timelinessByTeam: [...r.timeliness.byTeam, { team: "All teams", ...r.timeliness.overall }].map((t) => [
      t.team,
      t.responses,
      t.withinTimescale,
      t.shareWithinTimescale,
      t.medianWorkingDaysToRespond,
    ]),
    openAtEnd: r.atPeriodEnd.escalations.map((o) => [
      o.caseId,
      o.escalationId,
      o.team,
      o.stage,
      o.due,
      o.workingDaysOverdue,
    ]),
  }).toEqual(HAND_WORKED);
});

it("writes CSV with the same figures, one section per table after what the report is", async () => {
  const text = (await reportAs("csv")).toString("utf8");
  expectNoChild(text);
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = parse(text.slice(1), { relax_column_count: true });
  const section = (name: string) => {
    const start = rows.findIndex((r) => r.length === 1 && r[0] === name);
    expect(start).toBeGreaterThan(0);
    const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === "");
    return rows.slice(start + 3, end < 0 ? undefined : end);
  };
  expect(rows[0]).toEqual(["About"]);
  expect(rows).toContainEqual(["Council", "Dorset Council"]);
  expect(rows).toContainEqual([
    "Period",
    expect.stringContaining("Wednesday 1 July 2026 to Wednesday 30 September 2026"),
  ]);
  const num = (v: string | undefined) => (v === "" || v === undefined ? null : Number(v));
  expect({
    headline: Object.fromEntries(section("Headline figures").map(([k, v]) => [k, num(v)] as const)) as Record<
      string,
      number | null
    >,
    themes: section("Themes").map(([k, v]) => [k, num(v)]),
    timelinessByTeam: section("Timeliness by team").map(([team, ...n]) => [team, ...n.map(num)]),
    openAtEnd: section("Open at period end").map((r) => [...r.slice(0, 5), num(r[5])]),
  }).toEqual(HAND_WORKED);
});

it("writes a workbook with the same figures in typed cells, its first sheet saying what each means", async () => {
  const bytes = await reportAs("xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheetNames = workbook.worksheets.map((s) => s.name);
  expect(sheetNames[0]).toBe("About");
  expect(sheetNames).toEqual(
    expect.arrayContaining([
      "Headline figures",
      "Themes",
      "Timeliness by stage",
      "Timeliness by team",
      "Open at period end",
    ]),
  );
  const rowsOf = (name: string): unknown[][] => {
    const sheet = workbook.getWorksheet(name)!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : v)));
    });
    return rows;
  };
  const all = workbook.worksheets
    .flatMap((s) => {
      const cells: string[] = [];
      s.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
      return cells;
    })
    .join("\n");
  expectNoChild(all);
  const about = rowsOf("About").map((r) => r.slice(0, 2));
  expect(about).toContainEqual(["Council", "Dorset Council"]);
  expect(about).toContainEqual([
    "Policies",
    expect.stringContaining("Dorset QARO Resolution/Escalation Process"),
  ]);
  for (const name of sheetNames.slice(1)) expect(about.map((r) => r[0])).toContain(name);

  const open = rowsOf("Open at period end");
  // Dates are dates and counts are numbers, so the sheet sorts and sums.
  expect(open[0]![4]).toBeInstanceOf(Date);
  expect(typeof open[0]![5]).toBe("number");
  expect(workbook.getWorksheet("Timeliness by team")!.getColumn(4).numFmt).toBe("0%");
  expect({
    headline: Object.fromEntries(rowsOf("Headline figures").map(([k, v]) => [String(k), v] as const)),
    themes: rowsOf("Themes"),
    timelinessByTeam: rowsOf("Timeliness by team"),
    openAtEnd: open.map((r) => [...r.slice(0, 4), (r[4] as Date).toISOString().slice(0, 10), r[5]]),
  }).toEqual(HAND_WORKED);
});

it("names a quarter or a financial year as the bot does", async () => {
  const out = path.join(dir, "fy.json");
  const result = await admin(["report", "--period", "2026-27", "--format", "json", "--out", out]);
  expect(result.code).toBe(0);
  expect((JSON.parse(readFileSync(out, "utf8")) as PeriodReport).raised.total).toBe(32);
});

it.each([
  [
    ["report", "--from", "2026-09-30", "--to", "2026-07-01", "--format", "csv"],
    "ends (2026-07-01) before it starts",
  ],
  [["report", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "pdf"], "--format xlsx, csv, json"],
  [["report", "--period", "2026-Q9", "--format", "csv"], '"2026-Q9" is not a period'],
  [["report", "--from", "2026-07-01", "--format", "csv"], "needs --from and --to"],
])("refuses %j with a clear message and writes nothing", async (args, message) => {
  const out = path.join(dir, `refused-${randomUUID()}`);
  const result = await admin([...args, "--out", out]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
  expect(existsSync(out)).toBe(false);
});
