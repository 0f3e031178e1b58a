// Prints a PDF's text, page by page in reading order, and its metadata, as JSON: what a reader (or a screen
// reader) gets from the file. Run by test/support/pdf-text.ts in its own Node process, because pdf.js is
// published as ES modules only.
import { readFileSync } from "node:fs";

import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push(
    content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""),
  );
}
const { info } = await pdf.getMetadata();
const tree = await (await pdf.getPage(1)).getStructTree();
process.stdout.write(JSON.stringify({ pages, info, tagged: tree !== null && tree !== undefined }));
