// Part of `npm run build`: bundles the compiled Functions entry (dist/src/hosts/functions.js) and what it
// imports into one file, dist/functions.bundle.js, so a cold start reads one file instead of resolving and
// reading some 1,700 modules; then writes the package's `main`, dist/functions.js, which the Functions host
// loads and which loads the bundle with its code cache; then makes that cache, by loading the bundle once
// (docs/adr/0013). Only its white space and comments are taken out: stack traces in the Function App's log
// keep their names.
import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { build, type Plugin } from "esbuild";

import { BUILD_CACHE_FOLDER, FUNCTIONS_BUNDLE, FUNCTIONS_MAIN } from "../src/hosts/functions-bundle";
import { projectRoot } from "./project-root";

/**
 * What stays in node_modules and is loaded from there. Each is either provided by the platform or loaded
 * the first time it is needed, so bundling it would only add its size to every cold start.
 */
export const LEFT_TO_NODE_MODULES = [
  // The Functions programming model: it registers the functions with the worker, which provides
  // @azure/functions-core to it alone.
  "@azure/functions",
  // The Agents SDK's telemetry uses OpenTelemetry when it is installed; the bot does not install it.
  "@opentelemetry/api",
  "@opentelemetry/api-logs",
  // The record PDF, made with the first record: pdfkit reads its own data files beside its code.
  "pdfkit",
  "fontkit",
  "dejavu-fonts-ttf",
  // The QA report's workbook, made with the first report.
  "exceljs",
  // The e-mail composer, loaded with the first e-mail.
  "nodemailer",
  // Bank holidays for a year outside the generated table (src/domain/calendar/bank-holidays.ts).
  "date-holidays",
] as const;

/**
 * Packages a bundled package imports for a feature the bot does not use, bundled as a stand-in that says so
 * if it is ever reached. `@azure/cosmos` imports the Key Vault client for client-side encryption, which
 * the bot does not turn on; it alone took a tenth of the bundle's load.
 */
export const NOT_USED = {
  "@azure/keyvault-keys": {
    exports: ["KeyClient"],
    why: "Cosmos DB client-side encryption is not used by the escalation bot",
  },
} as const;

export const FUNCTIONS_MAIN_FILE = path.join("dist", FUNCTIONS_MAIN);
export const FUNCTIONS_BUNDLE_FILE = path.join("dist", FUNCTIONS_BUNDLE);
export const BUILD_CACHE = path.join("dist", BUILD_CACHE_FOLDER);

/** Both files are CommonJS for the Node of the Functions host. */
const FOR_NODE = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  logLevel: "warning",
} as const;

export async function bundleFunctions(root: string = projectRoot()): Promise<void> {
  await build({
    ...FOR_NODE,
    entryPoints: [path.join(root, "dist/src/hosts/functions.js")],
    outfile: path.join(root, FUNCTIONS_BUNDLE_FILE),
    keepNames: true,
    // Without its comments the bundle is a third smaller and all ASCII, which the main reads without decoding
    // UTF-8 (src/hosts/code-cache.ts); names are kept.
    minifyWhitespace: true,
    charset: "ascii",
    external: [...LEFT_TO_NODE_MODULES],
    // The bundle runs as a script with its code cache, where Node offers no dynamic import(): the packages
    // loaded on first use are loaded with require.
    supported: { "dynamic-import": false },
    plugins: [standIns()],
  });
  await makeBuildCache(root);
  // Last: a main as new as the sources means the whole build is there.
  await build({
    ...FOR_NODE,
    entryPoints: [path.join(root, "dist/src/hosts/functions-entry.js")],
    outfile: path.join(root, FUNCTIONS_MAIN_FILE),
  });
}

/** Loads the bundle once, as the host would (in local mode, reaching nothing), and keeps its code cache. */
async function makeBuildCache(root: string): Promise<void> {
  const folder = path.join(root, BUILD_CACHE);
  rmSync(folder, { recursive: true, force: true });
  const codeCache = path.join(root, "dist/src/hosts/code-cache.js");
  const script = `require(${JSON.stringify(codeCache)})
    .loadWithCodeCache(${JSON.stringify(path.join(root, FUNCTIONS_BUNDLE_FILE))}, [])
    .keep(${JSON.stringify(folder)});`;
  await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: root,
    env: { PATH: process.env["PATH"], LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" },
    timeout: 60_000,
  });
}

function standIns(): Plugin {
  const names = Object.keys(NOT_USED);
  return {
    name: "not-used",
    setup(builder) {
      builder.onResolve(
        { filter: new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, "\\$&")).join("|")})$`) },
        (args) => ({
          path: args.path,
          namespace: "not-used",
        }),
      );
      builder.onLoad({ filter: /.*/, namespace: "not-used" }, (args) => {
        const { exports: members, why } = NOT_USED[args.path as keyof typeof NOT_USED];
        const message = JSON.stringify(`${args.path} is not in the Functions bundle: ${why}.`);
        const classes = members.map(
          (name) => `${name}: class { constructor() { throw new Error(${message}); } }`,
        );
        return { contents: `module.exports = { ${classes.join(", ")} };`, loader: "js" };
      });
    },
  };
}

if (require.main === module) {
  bundleFunctions().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
