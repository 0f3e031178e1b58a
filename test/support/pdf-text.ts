// A PDF as a reader gets it: its text in reading order, its metadata, whether it is tagged.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface PdfReading {
  /** Each page's text, lines joined with newlines. */
  readonly pages: readonly string[];
  readonly info: Readonly<Record<string, unknown>>;
  /** True when the first page has a structure tree (a tagged PDF). */
  readonly tagged: boolean;
}

export async function readPdf(bytes: Buffer): Promise<PdfReading> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "pdf-")), "document.pdf");
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(__dirname, "read-pdf.mjs"), file],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as PdfReading;
}

/** The whole text with line breaks and runs of spaces made single spaces, for finding sentences that wrap. */
export function flatText(reading: PdfReading): string {
  return reading.pages.join(" ").replace(/\s+/g, " ");
}
