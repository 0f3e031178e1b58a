// The record as a PDF for the child's file: A4, the text selectable and in reading order, tagged for screen
// readers (headings and paragraphs in a structure tree), with its title, author, subject and language
// (en-GB) set. The font is DejaVu Sans, embedded, so names in any European script print as written.
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Font, Glyph, GlyphRun } from "fontkit";

import type { WorkingCalendar } from "../../domain/calendar";
import type { Escalation } from "../../domain/escalation";
import { BoundedMemo } from "../../domain/memo";
import { type Policy, recordFileName } from "../../domain/policy";
import { recordContent, type RecordDocument } from "./record-content";

const FONTS = path.dirname(require.resolve("dejavu-fonts-ttf/package.json"));
export const REGULAR = path.join(FONTS, "ttf", "DejaVuSans.ttf");
export const BOLD = path.join(FONTS, "ttf", "DejaVuSans-Bold.ttf");

interface Engine {
  readonly PDFDocument: typeof import("pdfkit");
  readonly regular: Font;
  readonly bold: Font;
}

/**
 * pdfkit and the two fonts, loaded and parsed when the first record is made rather than when the bot
 * starts (no card action's answer needs them), then kept for every record the process makes: each
 * document embeds its own subset of the fonts, and a parsed font keeps the tables it has read.
 */
let engine: Promise<Engine> | undefined;
function pdfEngine(): Promise<Engine> {
  engine ??= (async () => {
    const [{ default: PDFDocument }, { create }] = await Promise.all([import("pdfkit"), import("fontkit")]);
    return {
      PDFDocument,
      regular: shapedOnce(create(readFileSync(REGULAR))),
      bold: shapedOnce(create(readFileSync(BOLD))),
    };
  })();
  engine.catch(() => (engine = undefined));
  return engine;
}

/** How many words' shapes a font keeps; the oldest goes first. */
const SHAPES_KEPT = 5000;

/**
 * The font, shaping each word once for every record the process makes. pdfkit shapes the text word by word
 * and keeps the shapes for one document only; shaping (OpenType substitution and positioning) was a quarter
 * of a Level 1 record's making, which every saved record costs. Each caller is given its own
 * copy of the positions, which pdfkit scales in place.
 *
 * Each glyph's outline is read once too. The subset a document embeds reads every glyph it takes in full
 * (its points, only to learn whether it is made of other glyphs); a glyph's outline never changes, so the
 * first reading serves every later document. Reading them was a fifth of a Level 1 record's making.
 */
function shapedOnce(font: Font): Font {
  const shapes = new BoundedMemo<GlyphRun>(SHAPES_KEPT);
  const shaped: Font = Object.create(font) as Font;
  shaped.layout = (text, features, ...rest) => {
    if (features !== undefined || rest.length > 0) return font.layout(text, features, ...rest);
    const run = shapes.get(text, () => font.layout(text));
    const copy: GlyphRun = Object.create(run) as GlyphRun;
    // Field by field: pdfkit scales each position with a for-in over its keys, which ran several times
    // slower over copies made by an object spread (a sixth of a Level 1 record's making).
    copy.positions = run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
      xAdvance,
      yAdvance,
      xOffset,
      yOffset,
    }));
    return copy;
  };
  const read = new WeakSet<Glyph>();
  shaped.getGlyph = (id, codePoints) => {
    const glyph = font.getGlyph(id, codePoints);
    if (glyph !== null && !read.has(glyph)) {
      read.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let outline: { readonly value: unknown } | undefined;
      glyph._decode = () => (outline ??= { value: decode() }).value;
    }
    return glyph;
  };
  return shaped;
}

/**
 * What a record's PDF takes in bytes, fitted to records of every kind the tests make (a Level 1 answer, a
 * Cafcass referral, two stages, Level 4 from short texts to every text at its limit, texts in Polish,
 * Greek, Cyrillic and random letters): a fixed part (the document, its structure and the fonts' tables),
 * a part for each character written, one for each different character in each font (the glyphs its
 * subset embeds) and one for each line (its structure element and the line's placing). Within a few per
 * cent of the file made; `test/unit/record/record-size.test.ts` says by how much, and fits these again
 * when the layout or the fonts change.
 */
const RECORD_SIZE = Object.freeze({
  base: 10446,
  perCharacter: 0.292,
  perGlyph: 144.4,
  perLine: 170.6,
});

/** What a record's size grows with, counted from its words. */
export interface RecordSizeCounts {
  readonly characters: number;
  /** The different characters in the bold font and in the regular one: the glyphs the subsets embed. */
  readonly glyphs: number;
  readonly lines: number;
}

/** Headings and labels are set in the bold font, the values in the regular one, as `recordPdf` lays them out. */
export function recordSizeCounts(content: RecordDocument): RecordSizeCounts {
  const bold = new Set<string>();
  const regular = new Set<string>();
  let characters = 0;
  let lines = 0;
  const count = (text: string, font: Set<string>) => {
    for (const character of text) {
      font.add(character);
      characters++;
    }
  };
  for (const section of content.sections) {
    count(section.heading, bold);
    for (const line of section.lines) {
      count(`${line.label}: `, bold);
      count(line.value, regular);
      lines++;
    }
  }
  return { characters, glyphs: bold.size + regular.size, lines };
}

/**
 * The record's size in bytes, told from its words without making it: what a file offer states, which
 * Teams shows the person as an estimate of the file and of the room it takes in their OneDrive.
 */
export function recordSizeEstimate(content: RecordDocument): number {
  const { characters, glyphs, lines } = recordSizeCounts(content);
  const { base, perCharacter, perGlyph, perLine } = RECORD_SIZE;
  return Math.round(base + perCharacter * characters + perGlyph * glyphs + perLine * lines);
}

export interface RecordFile {
  /** The file name the council's policy gives the record, e.g. "Escalation_CIC.pdf". */
  readonly fileName: string;
  readonly bytes: Buffer;
}

export async function recordPdf(
  escalation: Escalation,
  policy: Policy,
  calendar: WorkingCalendar,
  /** When the document is made; its creation date. */
  now: Date,
): Promise<RecordFile> {
  const content = recordContent(escalation, policy, calendar);
  const { PDFDocument, regular, bold } = await pdfEngine();
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    tagged: true,
    lang: "en-GB",
    displayTitle: true,
    pdfVersion: "1.7",
    // No font until the first text names one. Without this pdfkit would read its Helvetica for every
    // document; given the record's own font here, it would open that font again (and compare its whole
    // name table) each time the text turned back to it.
    font: null as unknown as string,
    info: {
      Title: content.title,
      Author: content.author,
      Subject: content.subject,
      Creator: policy.name,
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // pdfkit takes a parsed font where its types name only a file or its bytes.
  doc.registerFont("regular", regular as unknown as string);
  doc.registerFont("bold", bold as unknown as string);

  const root = doc.struct("Document");
  doc.addStructure(root);
  for (const section of content.sections) {
    const size = section.level === 1 ? 14 : 12;
    root.add(
      doc.struct(section.level === 1 ? "H1" : "H2", {}, () => {
        doc.font("bold").fontSize(size).fillColor("#000000").text(section.heading, { paragraphGap: 4 });
      }),
    );
    for (const line of section.lines) {
      root.add(
        doc.struct("P", {}, () => {
          doc.font("bold").fontSize(10).text(`${line.label}: `, { continued: true });
          doc.font("regular").text(line.value, { paragraphGap: 3 });
        }),
      );
    }
    doc.moveDown(0.6);
  }
  root.end();
  doc.end();
  return done.then((bytes) => ({ fileName: recordFileName(policy, escalation.child.legalStatus), bytes }));
}
