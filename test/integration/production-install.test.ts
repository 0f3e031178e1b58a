// What a Function App's remote build installs: the production dependencies alone (`npm ci --omit=dev`). No
// development tool is in that tree (the Agents Playground is under a pre-release licence "for evaluating
// it"; the test and build tools have no place on a council's server), and the Functions entry still loads
// from it and answers.
import { isAscii } from "node:buffer";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import {
  BUILD_CACHE,
  bundledFiles,
  LEFT_TO_NODE_MODULES,
  NOT_USED,
  ZOD_LOCALES,
} from "../../scripts/bundle-functions";
import { ensureBuilt, FUNCTIONS_BUNDLE, FUNCTIONS_MAIN, ROOT } from "../support/build";
import { registrationsOf, registrationsOfBuilt } from "../support/functions-registrations";

const run = promisify(execFile);

interface Lock {
  readonly packages: Readonly<
    Record<
      string,
      {
        readonly version?: string;
        readonly dev?: boolean;
        readonly dependencies?: Readonly<Record<string, string>>;
      }
    >
  >;
}

/** Tools for building, testing and running locally, which must never reach production. */
const DEVELOPMENT_TOOLS = [
  "@microsoft/m365agentsplayground",
  "@microsoft/m365agentstoolkit-cli",
  "@zeit/cosmosdb-server",
  "jest",
  "ts-jest",
  "typescript",
  "eslint",
  "prettier",
  "playwright-core",
  "autocannon",
  "fast-check",
  "esbuild",
];

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as Lock;

/** The packages `npm ci --omit=dev` installs, by name, from the lock file. */
function productionTree(): Set<string> {
  return new Set(
    Object.entries(lock.packages)
      .filter(([where, entry]) => where !== "" && entry.dev !== true)
      .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length)),
  );
}

describe("the production dependency tree", () => {
  it("holds no development tool, and no development dependency but type declarations", () => {
    const production = productionTree();
    expect(production.size).toBeGreaterThan(10);
    expect(DEVELOPMENT_TOOLS.filter((tool) => production.has(tool))).toEqual([]);
    // A development dependency may be in the tree only because a production package needs it too
    // (e.g. pdfkit uses fflate, which the packaging script also uses).
    const neededByProduction = new Set(
      Object.entries(lock.packages)
        .filter(([where, entry]) => where !== "" && entry.dev !== true)
        .flatMap(([, entry]) => Object.keys(entry.dependencies ?? {})),
    );
    const devOnly = Object.keys(manifest.devDependencies).filter((name) => !name.startsWith("@types/"));
    expect(devOnly.filter((name) => production.has(name) && !neededByProduction.has(name))).toEqual([]);
    for (const tool of DEVELOPMENT_TOOLS) expect(Object.keys(manifest.devDependencies)).toContain(tool);
  });

  it("has every package the Functions bundle leaves to node_modules, but the SDK's optional telemetry", () => {
    expect(path.join(ROOT, manifest.main)).toBe(FUNCTIONS_MAIN);
    const leftOut = LEFT_TO_NODE_MODULES.filter((name) => !name.startsWith("@opentelemetry/"));
    expect(leftOut.filter((name) => manifest.dependencies[name] === undefined)).toEqual([]);
    expect(productionTree().has("@opentelemetry/api")).toBe(false);
  });

  it("registers from the main, through the bundle, the same functions as the source entry", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    const fromSource = registrationsOf();
    expect(fromSource).toEqual({ http: ["messages"], timer: ["reminders", "digest"] });
    expect(await registrationsOfBuilt(FUNCTIONS_MAIN)).toEqual(fromSource);
  }, 120_000);

  it("loads the bundle with the code cache the build made, which this Node takes", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    const script = `const loaded = require(${JSON.stringify(path.join(ROOT, "dist/src/hosts/code-cache.js"))})
      .loadWithCodeCache(${JSON.stringify(FUNCTIONS_BUNDLE)}, [${JSON.stringify(path.join(ROOT, BUILD_CACHE))}]);
      process.stdout.write(loaded.cache + " " + typeof loaded.exports.messages);`;
    const { stdout } = await run(process.execPath, ["-e", script], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" },
      timeout: 60_000,
    });
    expect(stdout).toBe("taken function");
  }, 120_000);

  it("bundles no dynamic import(), which a script run with a code cache cannot make, and no unused package", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    // All ASCII, so the main reads it without decoding UTF-8.
    expect(isAscii(readFileSync(FUNCTIONS_BUNDLE))).toBe(true);
    const bundle = readFileSync(FUNCTIONS_BUNDLE, "utf8");
    expect(bundle.match(/[^\w.$]import\(\s*["'`]/g) ?? []).toEqual([]);
    // Cosmos DB's Key Vault client, and the package that starts a web browser for an interactive sign-in.
    expect(Object.keys(NOT_USED)).toEqual(expect.arrayContaining(["@azure/keyvault-keys", "open"]));
    for (const name of Object.keys(NOT_USED)) {
      expect(bundle).not.toContain(`node_modules/${name}/`);
      expect(bundle).toContain(`${name} is not in the Functions bundle`);
    }
  }, 120_000);

  it("bundles each package version once, and of zod's messages the English alone", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    const bundle = readFileSync(FUNCTIONS_BUNDLE, "utf8");
    const copies = new Map<string, string[]>();
    for (const [where, entry] of Object.entries(lock.packages)) {
      if (where === "" || entry.dev === true || entry.version === undefined) continue;
      const key = `${where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version}`;
      copies.set(key, [...(copies.get(key) ?? []), where]);
    }
    for (const folders of copies.values()) {
      const [, ...others] = [...folders].sort();
      for (const other of others) expect(bundle).not.toContain(`${other}/`);
    }
    expect(bundle).toContain(`zod/v4/locales/${ZOD_LOCALES.kept}.cjs`);
    expect(bundle).not.toContain("zod/v4/locales/fr.cjs");
  }, 120_000);

  it("bundles the Azure SDK's packages from their ES builds, and no package from two of its builds", async () => {
    const byPackage = new Map<string, Set<string>>();
    for (const file of await bundledFiles()) {
      const found = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist|build)\/([^/]+)\/(.*)$/.exec(file);
      if (!found) continue;
      const [, name = "", build = "", rest = ""] = found;
      // The Azure SDK's ES builds keep the state both builds share in the CommonJS build's file.
      if (build === "commonjs" && /^state(-cjs)?\.js$/.test(rest)) continue;
      byPackage.set(name, (byPackage.get(name) ?? new Set()).add(build));
    }
    for (const name of ["@azure/cosmos", "@azure/identity", "@azure/core-rest-pipeline"])
      expect([name, [...(byPackage.get(name) ?? [])]]).toEqual([name, ["esm"]]);
    // luxon is imported by the bot and required by cron-parser: one build of it, the one required.
    expect([...(byPackage.get("luxon") ?? [])]).toEqual(["node"]);
    const twice = [...byPackage]
      .filter(([, builds]) => [...builds].some((b) => /^(esm|es6|module)$/.test(b)))
      .filter(([, builds]) => [...builds].some((b) => /^(commonjs|cjs|node)$/.test(b)))
      .map(([name]) => name);
    expect(twice).toEqual([]);
  }, 120_000);

  it("is what `npm ci --omit=dev` installs in a fresh folder, and the Functions entry loads from it and answers", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    const dir = mkdtempSync(path.join(tmpdir(), "production-install-"));
    try {
      for (const file of ["package.json", "package-lock.json", ".npmrc"])
        cpSync(path.join(ROOT, file), path.join(dir, file));
      for (const folder of ["dist", "policies"])
        cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
      await run("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], {
        cwd: dir,
        timeout: 300_000,
      });

      for (const tool of DEVELOPMENT_TOOLS)
        expect(existsSync(path.join(dir, "node_modules", tool))).toBe(false);
      expect(existsSync(path.join(dir, "node_modules", "@microsoft", "agents-hosting"))).toBe(true);

      // The entry the Functions host loads, the package's main (the bundle), loads (configuration checked,
      // functions registered) and its HTTP trigger answers an oversized request without needing the store.
      const script = `
        const { HttpRequest, InvocationContext } = require("@azure/functions");
        const entry = require(".");
        const request = new HttpRequest({ method: "POST", url: "https://bot.example/api/messages",
          headers: { "content-length": "999999999" }, body: { string: "{}" } });
        entry.messages(request, new InvocationContext({ functionName: "messages" }))
          .then((r) => console.log("status " + r.status));`;
      const { stdout } = await run(process.execPath, ["-e", script], {
        cwd: dir,
        env: { PATH: process.env["PATH"], LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" },
        timeout: 60_000,
      });
      expect(stdout.trim()).toBe("status 413");

      // The bundle loads the packages it leaves to node_modules with require, some only on first use (the
      // record's pdfkit, the report's exceljs): each loads that way from this tree.
      const bundle = readFileSync(FUNCTIONS_BUNDLE, "utf8");
      const required = [...new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ""))];
      const leftOut = required.filter((specifier) =>
        LEFT_TO_NODE_MODULES.some((name) => specifier === name || specifier.startsWith(`${name}/`)),
      );
      expect(leftOut).toEqual(expect.arrayContaining(["pdfkit", "fontkit", "exceljs", "date-holidays"]));
      const optional = leftOut.filter((specifier) => specifier.startsWith("@opentelemetry/"));
      const load = `for (const s of ${JSON.stringify(leftOut.filter((s) => !optional.includes(s)))}) require(s);
        console.log("loaded");`;
      const loaded = await run(process.execPath, ["-e", load], { cwd: dir, timeout: 60_000 });
      expect(loaded.stdout.trim()).toBe("loaded");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
