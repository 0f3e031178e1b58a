// Part of `npm run build`: bundles the Functions entry (src/hosts/functions.ts, which tsc has checked) and what
// it imports into one file, dist/functions.bundle.js, so a cold start reads one file instead of resolving and
// reading some 1,700 modules; then writes the package's `main`, dist/functions.js, which the Functions host
// loads and which loads the bundle with its code cache; then makes that cache, by loading the bundle and
// answering a first raise and response with it (docs/adr/0013). Only its white space and comments are taken
// out: stack traces in the Function App's log keep their names, some with a number after them where two
// modules had the same name for different things.
import { execFile } from "node:child_process";
import { readFileSync, realpathSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

import { build, type BuildOptions, type Plugin } from "esbuild";

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
 * if it is ever reached: each of its `classes` throws when constructed, and its default export, where it has
 * one, when called. `@azure/cosmos` imports the Key Vault client for client-side encryption, which the bot
 * does not turn on; it alone took a tenth of the bundle's load. `@azure/identity` imports `open`, which
 * starts the machine's web browser (through xdg-open, PowerShell or AppleScript) for an interactive sign-in;
 * the bot signs in with its managed identity, or the Azure CLI's sign-in locally, and never in a browser.
 */
export const NOT_USED: Readonly<
  Record<
    string,
    { readonly classes: readonly string[]; readonly defaultFunction: boolean; readonly why: string }
  >
> = {
  "@azure/keyvault-keys": {
    classes: ["KeyClient"],
    defaultFunction: false,
    why: "Cosmos DB client-side encryption is not used by the escalation bot",
  },
  open: {
    classes: [],
    defaultFunction: true,
    why: "the escalation bot never signs in through a web browser",
  },
};

/**
 * zod's table of its messages in 50 languages, which zod loads whole, and a third of zod's size in the
 * bundle. The bot words every message itself, in English (src/domain/schemas.ts), and never sets zod's
 * language: the bundle keeps zod's English alone, and any other language in the table is a function that
 * says it is not there.
 */
export const ZOD_LOCALES = {
  table: /^zod\/v4\/locales\/index\.cjs$/,
  kept: "en",
  why: "the escalation bot words its own messages, in English",
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

/** The bundle of the Functions entry, as the build writes it. */
function functionsBundle(root: string): BuildOptions {
  return {
    ...FOR_NODE,
    // From the sources, whose imports are ES imports, so that esbuild can leave out what they do not use
    // of a package bundled from its ES build (`azureFromItsEsBuilds`).
    entryPoints: [path.join(root, "src/hosts/functions.ts")],
    tsconfig: path.join(root, "tsconfig.build.json"),
    outfile: path.join(root, FUNCTIONS_BUNDLE_FILE),
    // Without its comments the bundle is a third smaller and all ASCII, which the main reads without decoding
    // UTF-8 (src/hosts/code-cache.ts). Names are not minified; where esbuild gives a name a number so that
    // two modules' names do not meet (`CosmosClient2`), the function's own name says so too. Keeping the
    // names as written would wrap some 8,000 functions in a call at every cold start, about 15 ms of it.
    minifyWhitespace: true,
    charset: "ascii",
    external: [...LEFT_TO_NODE_MODULES],
    // The bundle runs as a script with its code cache, where Node offers no dynamic import(): the packages
    // loaded on first use are loaded with require.
    supported: { "dynamic-import": false },
    plugins: [azureFromItsEsBuilds(), oneCopyOfEachVersion(root), standIns(), zodInEnglish(root)],
  };
}

export async function bundleFunctions(root: string = projectRoot()): Promise<void> {
  await build(functionsBundle(root));
  await makeBuildCache(root);
  // Last: a main as new as the sources means the whole build is there.
  await build({
    ...FOR_NODE,
    entryPoints: [path.join(root, "dist/src/hosts/functions-entry.js")],
    outfile: path.join(root, FUNCTIONS_MAIN_FILE),
  });
}

/** The files the bundle is made of, each as a path from the project's folder, as esbuild names them. */
export async function bundledFiles(root: string = projectRoot()): Promise<string[]> {
  const result = await build({ ...functionsBundle(root), write: false, metafile: true });
  return Object.keys(result.metafile.inputs);
}

/**
 * Keeps the bundle's code cache: loaded as the host loads it, in a process of its own, after it has answered
 * a worker's first card actions (scripts/first-answers.ts), so the cache holds the code they run too.
 */
async function makeBuildCache(root: string): Promise<void> {
  const folder = path.join(root, BUILD_CACHE);
  rmSync(folder, { recursive: true, force: true });
  const firstAnswers = path.join(root, "dist/scripts/first-answers.js");
  await promisify(execFile)(
    process.execPath,
    [firstAnswers, path.join(root, FUNCTIONS_BUNDLE_FILE), folder],
    {
      cwd: root,
      env: { PATH: process.env["PATH"] },
      timeout: 120_000,
    },
  );
}

/**
 * The sources' imports of a package resolve to the build of it that tsc's CommonJS output requires, as they
 * did when the bundle was made from that output, except the Azure SDK's: each of its packages has an ES build
 * that it declares free of side effects, and bundled from that, only what the bot imports of it and what that
 * needs is in the bundle (of `@azure/cosmos` about half, of `@azure/identity` the two credentials the bot
 * uses and what they need). Every other package is left to the build it is required by elsewhere: luxon's
 * ES build would be bundled beside the CommonJS one cron-parser requires, a second luxon with caches of its
 * own. A package's own imports resolve as it asks.
 */
function azureFromItsEsBuilds(): Plugin {
  return {
    name: "azure-from-its-es-builds",
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        const imported = args.kind === "import-statement" || args.kind === "dynamic-import";
        if (args.pluginData === AS_REQUIRED || !imported) return undefined;
        if (args.importer.includes(`${path.sep}node_modules${path.sep}`) || args.path.startsWith("@azure/"))
          return undefined;
        const found = await builder.resolve(args.path, {
          kind: "require-call",
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: AS_REQUIRED,
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const { path: file, external, namespace, sideEffects } = found;
        return { path: file, external, namespace, sideEffects };
      });
    },
  };
}

const AS_REQUIRED = Symbol("resolved as required");

/**
 * Each package version once. npm installs a package a second or third time, under each package that needs
 * it, where the top of node_modules holds another version of it: the Agents SDK's three packages each have
 * their own copy of zod 3 beside the bot's zod 4. The copies are the same files, so each import of one is
 * bundled from the first of them in the lock file's order, and the SDK's zod is in the bundle, and loaded,
 * once instead of three times.
 */
function oneCopyOfEachVersion(root: string): Plugin {
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    readonly packages: Readonly<Record<string, { readonly version?: string; readonly dev?: boolean }>>;
  };
  const copies = new Map<string, string[]>();
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (where === "" || entry.version === undefined || entry.dev === true) continue;
    const key = `${where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version}`;
    copies.set(key, [...(copies.get(key) ?? []), where]);
  }
  /** Each folder of a second copy, and the folder of the first, with the path separator after each. */
  const firstOf = new Map<string, string>();
  const names = new Set<string>();
  for (const [key, folders] of copies) {
    if (folders.length < 2) continue;
    const [first, ...others] = [...folders].sort();
    names.add(key.slice(0, key.lastIndexOf("@")));
    for (const other of others) firstOf.set(folderOf(root, other), folderOf(root, first ?? other));
  }
  const escaped = [...names].map((n) => n.replace(/[/.]/g, "\\$&"));
  return {
    name: "one-copy-of-each-version",
    setup(builder) {
      if (names.size === 0) return;
      builder.onResolve({ filter: new RegExp(`^(${escaped.join("|")})(/|$)`) }, async (args) => {
        if (args.pluginData === FIRST_COPY) return undefined;
        const found = await builder.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: FIRST_COPY,
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const { path: file, external, namespace, sideEffects } = found;
        const other = [...firstOf.keys()].find((folder) => file.startsWith(folder));
        const first = other === undefined ? undefined : firstOf.get(other);
        return {
          path: other === undefined || first === undefined ? file : first + file.slice(other.length),
          external,
          namespace,
          sideEffects,
        };
      });
    },
  };
}

const FIRST_COPY = Symbol("resolved to the first copy");

/**
 * A folder of the lock file as esbuild names the files in it (through any symbolic link, as where
 * node_modules is one), with the path separator after it.
 */
function folderOf(root: string, where: string): string {
  const folder = path.join(root, where);
  try {
    return realpathSync(folder) + path.sep;
  } catch {
    return folder + path.sep;
  }
}

/** zod's table of languages as only its English, with a function for each other that says it is left out. */
function zodInEnglish(root: string): Plugin {
  return {
    name: "zod-in-english",
    setup(builder) {
      builder.onResolve({ filter: /\/locales\/index\.cjs$/ }, (args) => {
        const file = path.resolve(args.resolveDir, args.path);
        const relative = path.relative(folderOf(root, "node_modules"), file).split(path.sep).join("/");
        return ZOD_LOCALES.table.test(relative) ? { path: file, namespace: "zod-in-english" } : undefined;
      });
      builder.onLoad({ filter: /.*/, namespace: "zod-in-english" }, (args) => {
        // The table's names, read from the table itself.
        const table = Object.keys(createRequire(args.path)(args.path) as Record<string, unknown>);
        const message = JSON.stringify(
          `zod's messages in other languages are not in the Functions bundle: ${ZOD_LOCALES.why}.`,
        );
        const kept = path.join(path.dirname(args.path), `${ZOD_LOCALES.kept}.cjs`);
        const others = table
          .filter((name) => name !== ZOD_LOCALES.kept)
          .map((name) => `${name}() { throw new Error(${message}); }`);
        return {
          contents: `module.exports = { ${ZOD_LOCALES.kept}: require(${JSON.stringify(kept)}).default, ${others.join(", ")} };`,
          resolveDir: path.dirname(args.path),
          loader: "js",
        };
      });
    },
  };
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
        const standIn = NOT_USED[args.path];
        if (standIn === undefined) return undefined;
        const message = JSON.stringify(`${args.path} is not in the Functions bundle: ${standIn.why}.`);
        const members = standIn.classes.map(
          (name) => `${name}: class { constructor() { throw new Error(${message}); } }`,
        );
        // The module itself is the default export an ES module's import of it is given, as in Node.
        const exported = standIn.defaultFunction
          ? `Object.assign(function () { throw new Error(${message}); }, { ${members.join(", ")} })`
          : `{ ${members.join(", ")} }`;
        return { contents: `module.exports = ${exported};`, loader: "js" };
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
