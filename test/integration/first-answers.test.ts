// The code cache the build keeps for the Functions bundle (docs/adr/0013) is made after the bundle has
// answered a worker's first card actions, so that it holds the code those answers run as well as the
// bundle's top level: more code than a cache made when the bundle has only loaded, and one V8 takes.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { ensureBuilt, FUNCTIONS_BUNDLE, FUNCTIONS_MAIN, ROOT } from "../support/build";

const run = promisify(execFile);
const CODE_CACHE = JSON.stringify(path.join(ROOT, "dist/src/hosts/code-cache.js"));
const LOCAL = { PATH: process.env["PATH"], LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" };

describe("the build's first answers", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), "first-answers-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("raise a concern and respond through the bundle, then keep a cache V8 takes, holding more than the load", async () => {
    await ensureBuilt(FUNCTIONS_MAIN);
    const answered = path.join(folder, "answered");
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, "dist/scripts/first-answers.js"), FUNCTIONS_BUNDLE, answered],
      { cwd: ROOT, env: { PATH: process.env["PATH"] }, timeout: 120_000 },
    );
    const done = JSON.parse(stdout) as { answered: string[]; cache: string };
    expect(done.answered).toEqual([
      "the bot installed by Priya Shah",
      "the bot installed by Daniel Reid",
      "a concern raised",
      "a response",
    ]);
    expect(path.dirname(done.cache)).toBe(answered);

    const loadedOnly = path.join(folder, "loaded");
    const keep = `require(${CODE_CACHE}).loadWithCodeCache(${JSON.stringify(FUNCTIONS_BUNDLE)}, [])
      .keep(${JSON.stringify(loadedOnly)});`;
    await run(process.execPath, ["-e", keep], { cwd: ROOT, env: LOCAL, timeout: 60_000 });
    const atLoad = statSync(path.join(loadedOnly, path.basename(done.cache))).size;
    expect(statSync(done.cache).size).toBeGreaterThan(atLoad * 1.05);

    const take = `process.stdout.write(require(${CODE_CACHE})
      .loadWithCodeCache(${JSON.stringify(FUNCTIONS_BUNDLE)}, [${JSON.stringify(answered)}]).cache);`;
    const taken = await run(process.execPath, ["-e", take], { cwd: ROOT, env: LOCAL, timeout: 60_000 });
    expect(taken.stdout).toBe("taken");
  }, 240_000);
});
