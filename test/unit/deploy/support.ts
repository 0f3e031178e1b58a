// Readers for what the deployment tests inspect: PNG headers and pixels, zip entries, the keys of a Bicep
// object literal, the keys of .env.example and of the local run's settings. No library: node's zlib and
// the TypeScript compiler the project already has.
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync, inflateSync } from "node:zlib";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
export const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");

/** The environment `npm run package:app` reads, with made-up but well-formed values. */
export const SAMPLE_PACKAGE_ENV = {
  TEAMS_APP_ID: "5b8f2a4e-3c1d-4e7f-9a2b-6c5d4e3f2a1b",
  APP_VERSION: "1.2.3",
  BOT_CLIENT_ID: "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b",
  BOT_DOMAIN: "func-abc123.azurewebsites.net",
  DEVELOPER_NAME: "Example Council",
  DEVELOPER_WEBSITE_URL: "https://www.example.gov.uk/escalations",
  PRIVACY_URL: "https://www.example.gov.uk/privacy",
  TERMS_OF_USE_URL: "https://www.example.gov.uk/terms",
};

export interface Png {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  /** 8-bit RGBA pixels, row by row (only colour type 6, bit depth 8 is decoded). */
  readonly rgba: Uint8Array;
}

export function readPng(file: Buffer): Png {
  if (!file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error("not a PNG");
  }
  let offset = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("ascii", offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error("PNG without IHDR");
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8] ?? 0;
  const colourType = header[9] ?? 0;
  if (bitDepth !== 8 || colourType !== 6)
    return { width, height, bitDepth, colourType, rgba: new Uint8Array() };
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter ?? 0] ?? 0;
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, bitDepth, colourType, rgba };
}

/** The entries of a zip file, by name, read from its central directory. */
export function readZip(file: Buffer): Map<string, Buffer> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip file");
  const count = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(offset) !== 0x02014b50) throw new Error("bad central directory");
    const method = file.readUInt16LE(offset + 10);
    const compressedSize = file.readUInt32LE(offset + 20);
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    const local = file.readUInt32LE(offset + 42);
    const name = file.toString("utf8", offset + 46, offset + 46 + nameLength);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const body = file.subarray(start, start + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The keys of the first object literal opened by `opener` in Bicep text (for example `var appSettings = {`
 * or `params: {`): the names at the literal's first level, skipping strings and nested brackets.
 */
export function bicepObjectKeys(text: string, opener: string): string[] {
  const start = text.indexOf(opener);
  if (start < 0 || !opener.endsWith("{")) throw new Error(`"${opener}" not found`);
  let i = start + opener.length;
  let depth = 1;
  let line = "";
  const keys: string[] = [];
  const takeKey = () => {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\s*:/.exec(line);
    if (match?.[1]) keys.push(match[1].replace(/^'|'$/g, ""));
  };
  for (; i < text.length && depth > 0; i++) {
    const ch = text[i] ?? "";
    if (ch === "'") {
      // A Bicep string: skip it whole (escapes are backslash-quoted).
      let j = i + 1;
      while (j < text.length && !(text[j] === "'" && text[j - 1] !== "\\")) j++;
      if (depth === 1) line += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if (ch === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      i--;
      continue;
    }
    if (ch === "{" || ch === "[" || ch === "(") depth++;
    if (ch === "}" || ch === "]" || ch === ")") depth--;
    if (ch === "\n") {
      if (depth === 1) takeKey();
      line = "";
    } else if (depth === 1) line += ch;
  }
  return keys;
}

/** Keys set (`KEY=value`) or shown unset (`# KEY=example`) in an env file, with the values of those set. */
export function readEnvFile(text: string): { keys: string[]; values: Record<string, string> } {
  const keys: string[] = [];
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match?.[2]) continue;
    keys.push(match[2]);
    if (!match[1]) values[match[2]] = (match[3] ?? "").trim().replace(/^"(.*)"$/, "$1");
  }
  return { keys, values };
}
