// Makes sure dist/ holds a compiled build at least as new as every source file, for tests that run the real
// `bin/escalation-admin.js`. Test files run in parallel workers, so builds are serialised by a lock directory
// and the freshness is checked again once the lock is held: only the first worker that needs a build runs it.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { FUNCTIONS_BUNDLE_FILE, FUNCTIONS_MAIN_FILE } from "../../scripts/bundle-functions";

export const ROOT = path.resolve(__dirname, "../..");

/** The compiled CLI the `bin/` script loads. */
export const COMPILED_CLI = path.join(ROOT, "dist/src/cli/escalation-admin.js");

/** The package's `main`, which the Functions host loads and `npm run build` writes last. */
export const FUNCTIONS_MAIN = path.join(ROOT, FUNCTIONS_MAIN_FILE);
/** The Functions entry bundled, which the main loads with its code cache. */
export const FUNCTIONS_BUNDLE = path.join(ROOT, FUNCTIONS_BUNDLE_FILE);

const LOCK = path.join(
  tmpdir(),
  `escalation-bot-build-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}.lock`,
);
/** A lock older than this was left by a worker that died while building. */
const STALE_LOCK_MS = 180_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

export function isBuilt(compiled = COMPILED_CLI): boolean {
  return existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource(path.join(ROOT, "src"));
}

/** Runs `npm run build` unless dist/ is already fresh. */
export async function ensureBuilt(compiled = COMPILED_CLI): Promise<void> {
  if (isBuilt(compiled)) return;
  await withLock(async () => {
    if (isBuilt(compiled)) return;
    const output = await new Promise<string>((resolve) => {
      execFile("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" }, (_error, stdout, stderr) => {
        resolve(`${stdout}${stderr}`);
      });
    });
    // tsc emits even when a file being edited elsewhere has a type error (the typecheck reports that);
    // what matters here is a compiled CLI as new as the sources.
    if (!isBuilt(compiled)) throw new Error(`npm run build did not produce a fresh ${compiled}:\n${output}`);
  });
}

async function withLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
