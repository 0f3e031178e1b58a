// `npm run package:app`: builds dist/appPackage.zip, the Teams app package a council's Teams administrator
// uploads: appPackage/manifest.json with its ${{NAME}} placeholders filled from the environment, and the
// two icons. Every missing or malformed value is reported at once, and nothing is written.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { type ZippableFile, zipSync } from "fflate";

import { projectRoot } from "./project-root";

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

interface PackageSetting {
  /** What to set it to; shown when it is missing or malformed. */
  readonly help: string;
  /** Why the value is wrong, or undefined when it is fine. */
  readonly check: (value: string) => string | undefined;
}

const httpsUrl = (value: string) =>
  URL.canParse(value) && new URL(value).protocol === "https:" ? undefined : "must be an https:// address";

/** The environment variables `package:app` reads: the placeholders the manifest may use. */
export const PACKAGE_SETTINGS: Readonly<Record<string, PackageSetting>> = {
  TEAMS_APP_ID: {
    help: "the Teams app's own id: a GUID made once for the council and kept for every later version",
    check: (v) => (GUID.test(v) ? undefined : "must be a GUID"),
  },
  APP_VERSION: {
    help: "the version of this package, x.y.z; raise it for each upload",
    check: (v) => (SEMVER.test(v) ? undefined : "must be a version x.y.z"),
  },
  BOT_CLIENT_ID: {
    help: "the bot's client id: the managed identity's client id (provisioning output BOT_CLIENT_ID)",
    check: (v) => (GUID.test(v) ? undefined : "must be a GUID"),
  },
  BOT_DOMAIN: {
    help: "the Function App's host name without https:// (provisioning output BOT_DOMAIN)",
    check: (v) => (HOST.test(v) ? undefined : "must be a host name such as func-abc.azurewebsites.net"),
  },
  DEVELOPER_NAME: {
    help: "the publisher shown in Teams, usually the council (at most 32 characters)",
    check: (v) => (v.length <= 32 ? undefined : "must be at most 32 characters"),
  },
  DEVELOPER_WEBSITE_URL: { help: "the council's support page for the app (https://)", check: httpsUrl },
  PRIVACY_URL: { help: "the council's privacy notice (https://)", check: httpsUrl },
  TERMS_OF_USE_URL: { help: "the council's terms of use (https://)", check: httpsUrl },
};

export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The app package cannot be built: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "AppPackageError";
  }
}

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** The names of the placeholders in a manifest template, each once, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/** The manifest with every placeholder replaced by its value from `env`, as formatted JSON text. */
export function fillManifest(template: string, env: Readonly<Record<string, string | undefined>>): string {
  const problems: string[] = [];
  for (const name of placeholdersIn(template)) {
    const setting = PACKAGE_SETTINGS[name];
    const value = env[name]?.trim() ?? "";
    if (!setting) problems.push(`${name}: the manifest uses it, but package:app does not know it`);
    else if (value === "") problems.push(`${name}: is not set (${setting.help})`);
    else {
      const wrong = setting.check(value);
      if (wrong) problems.push(`${name}: ${wrong} (${setting.help})`);
    }
  }
  if (problems.length > 0) throw new AppPackageError(problems);
  const filled = template.replace(PLACEHOLDER, (_match, name: string) =>
    // Inside a JSON string: escape what JSON would.
    JSON.stringify(env[name]?.trim() ?? "").slice(1, -1),
  );
  return `${JSON.stringify(JSON.parse(filled), null, 2)}\n`;
}

/** The zip Teams accepts: manifest.json, color.png and outline.png at its root. */
export function buildAppPackage(
  env: Readonly<Record<string, string | undefined>>,
  root: string = projectRoot(),
): Buffer {
  const source = path.join(root, "appPackage");
  const manifest = fillManifest(readFileSync(path.join(source, "manifest.json"), "utf8"), env);
  // A fixed date on every entry (the first DOS time can express, in local time as zip stores it), so the
  // same inputs give the same bytes on any machine, in any time zone, on any day.
  const entry = (data: Uint8Array): ZippableFile => [data, { mtime: new Date(1980, 0, 1), level: 9 }];
  return Buffer.from(
    zipSync({
      "manifest.json": entry(Buffer.from(manifest, "utf8")),
      "color.png": entry(readFileSync(path.join(source, "color.png"))),
      "outline.png": entry(readFileSync(path.join(source, "outline.png"))),
    }),
  );
}

if (require.main === module) {
  try {
    const root = projectRoot();
    const zip = buildAppPackage(process.env, root);
    const out = path.join(root, "dist", "appPackage.zip");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zip);
    process.stdout.write(`Wrote ${path.relative(root, out)} (${zip.length} bytes)\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
