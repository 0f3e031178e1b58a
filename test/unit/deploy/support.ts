// Readers for what the deployment tests inspect: PNG headers and pixels, zip entries, the keys of a Bicep
// object literal and of .env.example; zip and PNG are read with the same libraries that write them.
import { readFileSync } from "node:fs";
import path from "node:path";

import { unzipSync } from "fflate";
import { PNG } from "pngjs";

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
  /** 8-bit RGBA pixels, row by row. */
  readonly rgba: Uint8Array;
}

export function readPng(file: Buffer): Png {
  const png = PNG.sync.read(file);
  return {
    width: png.width,
    height: png.height,
    bitDepth: png.depth,
    colourType: png.colorType,
    rgba: new Uint8Array(png.data),
  };
}

/** The entries of a zip file, by name. */
export function readZip(file: Buffer): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(file)).map(([name, data]) => [name, Buffer.from(data)]));
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
