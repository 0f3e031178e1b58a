// The files the bot makes: the record for the child's file, for a Level 4 escalation with every text at its
// limit and for one answered at Level 1 (about the size of the record an IRO saves at a resolve), each
// beside pdfkit writing the same words in the same fonts with no structure (the library's floor);
// and the annual report over 10,000 escalations, its figures beside one pass that only counts them, its
// workbook beside exceljs writing the same cells unformatted, and read from the embedded Cosmos server
// beside the same query read as raw documents, in a store holding only the year's escalations and in one
// with as many again from the year before (the query's answer, and so its requests, follow the period).
import { randomUUID } from "node:crypto";

import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";

import { createCosmosClient } from "../src/adapters/cosmos/client";
import { ESCALATIONS } from "../src/adapters/cosmos/containers";
import { CosmosEscalationStore, QUERIES } from "../src/adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../src/adapters/cosmos/provision";
import { loadPolicies } from "../src/adapters/policies/policy-files";
import { recordContent } from "../src/adapters/record/record-content";
import { BOLD, recordPdf, REGULAR } from "../src/adapters/record/record-pdf";
import { reportFile } from "../src/adapters/report/report-files";
import { reportTables } from "../src/adapters/report/report-tables";
import { reportFor } from "../src/application/period-report";
import { createCalendar } from "../src/domain/calendar";
import type { Escalation } from "../src/domain/escalation";
import { periodReport } from "../src/domain/period-report";
import { parsePeriod, periodBounds } from "../src/domain/periods";
import type { Logger } from "../src/domain/ports";
import { answeredAtLevel1, levelFourAtLimits } from "../test/builders/journeys";
import { reportFixture } from "../test/builders/report-fixture";
import { startCountingCosmos } from "./support/cosmos";
import { useLinearQueries } from "./support/linear-queries";
import { count, median } from "./support/stats";

export interface FilesConfig {
  readonly repetitions: number;
  readonly escalations: number;
}

export interface Timed {
  readonly ms: number;
  readonly baselineMs: number;
}

export interface StoreRead {
  readonly stored: number;
  readonly inPeriod: number;
  readonly ms: number;
  readonly rawMs: number;
  readonly cosmosRequests: number;
  readonly documentsRead: number;
}

export type RecordTimed = Timed & { readonly bytes: number; readonly characters: number };

export interface FilesResult {
  readonly record: RecordTimed;
  /** The record of an escalation answered at Level 1: about what an accepted offer at a resolve makes. */
  readonly levelOneRecord: RecordTimed;
  readonly figures: Timed & { readonly escalations: number };
  readonly workbook: Timed & { readonly bytes: number; readonly cells: number };
  readonly store: readonly StoreRead[];
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function timed<T>(repetitions: number, run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    value = await run();
    ms.push(performance.now() - start);
  }
  return { ms: median(ms), value: value as T };
}

/** pdfkit writing these paragraphs in the same fonts, untagged: what any record of this length costs. */
function plainPdf(paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56 });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  doc.font("regular").fontSize(10);
  for (const p of paragraphs) doc.text(p);
  doc.end();
  return done;
}

/** The fixture's 32 escalations again and again, each copy with ids of its own: `count` in the year. */
function yearOf(count: number): Escalation[] {
  const fixture = reportFixture();
  return Array.from({ length: count }, (_, i) => {
    const e = fixture[i % fixture.length]!;
    return { ...e, id: randomUUID(), child: { ...e.child, caseId: `${e.child.caseId}-${i}` } };
  });
}

/** Escalations of the year before, all concluded then: none is open at any time in the year reported. */
function yearBefore(count: number): Escalation[] {
  const concluded = reportFixture().filter((e) => e.conclusion !== undefined);
  return Array.from({ length: count }, (_, i) => {
    const e = concluded[i % concluded.length]!;
    const shifted = JSON.parse(JSON.stringify(e).replace(/"2026-/g, '"2025-')) as Escalation;
    return { ...shifted, id: randomUUID() };
  });
}

export async function runFiles(config: FilesConfig, progress: (line: string) => void): Promise<FilesResult> {
  const calendar = createCalendar();
  const policies = loadPolicies();
  const dorset = policies.get("dorset-qaro")!;
  const now = new Date("2026-12-01T10:00:00.000Z");

  /** The record of an escalation, and pdfkit writing its words untagged, each timed `repetitions` times. */
  const timedRecord = async (escalation: Escalation, repetitions: number): Promise<RecordTimed> => {
    const content = recordContent(escalation, dorset, calendar);
    const paragraphs = content.sections.flatMap((s) => [
      s.heading,
      ...s.lines.map((l) => `${l.label}: ${l.value}`),
    ]);
    const record = await timed(repetitions, () => recordPdf(escalation, dorset, calendar, now));
    const plain = await timed(repetitions, () => plainPdf(paragraphs));
    return {
      ms: record.ms,
      baselineMs: plain.ms,
      bytes: record.value.bytes.length,
      characters: paragraphs.reduce((n, p) => n + p.length, 0),
    };
  };
  progress("files: the record for a Level 4 escalation with every text at its limit");
  const record = await timedRecord(levelFourAtLimits().escalation, config.repetitions);
  progress("files: the record of an escalation answered at Level 1");
  // A tenth of the time each: as many records as make a median worth taking.
  const levelOneRecord = await timedRecord(answeredAtLevel1(), config.repetitions * 10);

  progress(`files: the annual report over ${count(config.escalations)} escalations`);
  const parsed = parsePeriod("2026-27");
  if (!parsed.ok) throw new Error(parsed.problem);
  const year = yearOf(config.escalations);
  const figures = await timed(config.repetitions, () =>
    periodReport(year, policies, calendar, parsed.period),
  );
  const counted = await timed(config.repetitions, () => {
    const byCategory = new Map<string, number>();
    for (const e of year)
      for (const c of e.concern.categories) byCategory.set(c.id, (byCategory.get(c.id) ?? 0) + 1);
    return byCategory;
  });
  const heading = { council: "Benchmark Council", madeAt: now.toISOString() };
  const workbook = await timed(config.repetitions, () => reportFile(figures.value, heading, "xlsx"));
  const tables = reportTables(figures.value);
  const cells = tables.reduce((n, t) => n + (t.rows.length + 1) * t.columns.length, 0);
  const rawWorkbook = await timed(config.repetitions, async () => {
    const book = new ExcelJS.Workbook();
    for (const t of tables) {
      const sheet = book.addWorksheet(t.name);
      sheet.addRow(t.columns.map((c) => c.header));
      for (const row of t.rows)
        sheet.addRow(row.map((c) => (c !== null && typeof c === "object" ? c.date : c)));
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  });

  progress("files: the annual report read from the embedded Cosmos server");
  useLinearQueries(true);
  const cosmos = await startCountingCosmos();
  const store: StoreRead[] = [];
  try {
    for (const before of [0, config.escalations]) {
      const client = createCosmosClient({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        allowSelfSignedCertificate: true,
      });
      try {
        const database = await ensureContainers(client, `files-${randomUUID()}`);
        const container = database.container(ESCALATIONS.id);
        const escalations = new CosmosEscalationStore(container, silent);
        const all = [...year, ...yearBefore(before)];
        for (let i = 0; i < all.length; i += 50)
          await Promise.all(all.slice(i, i + 50).map((e) => escalations.create(e)));
        const { start, end } = periodBounds(parsed.period, calendar);
        cosmos.reset();
        const read = await timed(config.repetitions, () =>
          reportFor({ store: escalations, policies, calendar, logger: silent }, parsed.period),
        );
        const requests = cosmos.counts().requests / config.repetitions;
        let documents = 0;
        const raw = await timed(config.repetitions, async () => {
          documents = 0;
          const iterator = container.items.query(
            {
              query: QUERIES.openDuring,
              parameters: [
                { name: "@from", value: start },
                { name: "@to", value: end },
              ],
            },
            { maxItemCount: 1000 },
          );
          while (iterator.hasMoreResults()) documents += (await iterator.fetchNext()).resources.length;
        });
        store.push({
          stored: all.length,
          inPeriod: year.length,
          ms: read.ms,
          rawMs: raw.ms,
          cosmosRequests: requests,
          documentsRead: documents,
        });
      } finally {
        client.dispose();
      }
    }
  } finally {
    await cosmos.stop();
    useLinearQueries(false);
  }

  return {
    record,
    levelOneRecord,
    figures: { ms: figures.ms, baselineMs: counted.ms, escalations: year.length },
    workbook: { ms: workbook.ms, baselineMs: rawWorkbook.ms, bytes: workbook.value.length, cells },
    store,
  };
}
