// Start-up: the wall time from spawning a Node process to its first answered card action, for the Functions
// entry module and for two baselines measured in the same run (Node loading nothing; an entry that imports
// only the Agents SDK). The store is already provisioned and holds the directory, as on Azure, so the bot's
// first request pays for building its clients and checking its containers, not for creating them.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";

import { REPORT_PREFIX, type StartupReport } from "./startup/report";
import { actionActivity, APPLIED_HEADLINE, RAISED_AT, TENANT_ID } from "./support/sample";
import { insertCopies, raisedTemplate, startStack } from "./support/stack";
import { median, ratio } from "./support/stats";

export interface StartupConfig {
  readonly repetitions: number;
}

export interface StartupRun {
  /** Spawn to the answer, measured by the parent. */
  readonly wallMs: number;
  /** Process start to the answer, measured by the child. */
  readonly inProcessMs: number;
  readonly loadedMs?: number;
  readonly peakRssMiB: number;
}

export interface StartupEntry {
  readonly name: string;
  readonly runs: readonly StartupRun[];
  readonly median: { readonly wallMs: number; readonly inProcessMs: number; readonly peakRssMiB: number };
  /** Against the entry that imports only the Agents SDK. */
  readonly ratioToSdk: number;
}

const ENTRIES = [
  { name: "Node, loading nothing", file: "startup/node-only.js", answers: false },
  { name: "Agents SDK only", file: "startup/sdk-only.js" },
  { name: "Functions entry", file: "startup/functions-entry.js" },
  // The bundle loaded on its own, without the code cache the package's main reads with it.
  {
    name: "Functions entry, bundle without its code cache",
    file: "startup/functions-entry.js",
    entry: "dist/functions.bundle.js",
  },
  // The same entry as tsc compiles it, before bundling: what the bundle saves, measured in the same run.
  {
    name: "Functions entry, unbundled",
    file: "startup/functions-entry.js",
    entry: "dist/src/hosts/functions.js",
  },
] as const satisfies readonly { name: string; file: string; entry?: string; answers?: false }[];

export async function runStartup(
  config: StartupConfig,
  progress: (line: string) => void,
): Promise<StartupEntry[]> {
  const database = "bench-startup";
  const stack = await startStack(database);
  try {
    const template = await raisedTemplate(stack, RAISED_AT);
    // One fresh escalation per start of each entry, so each first request is a real write.
    const ids = Array.from({ length: (config.repetitions + 1) * ENTRIES.length }, () => randomUUID());
    await insertCopies(stack.escalations, template, ids);
    const env = {
      ...process.env,
      LOCAL_MODE: "true",
      COSMOS_ENDPOINT: stack.cosmos.endpoint,
      COSMOS_KEY: stack.cosmos.key,
      COSMOS_DATABASE: database,
      ALLOWED_TENANT_IDS: TENANT_ID,
    };
    // Each child runs on the real clock: the day its respond is done by is after today, or it is refused.
    const today = new Date().toISOString().slice(0, 10);
    const runs = new Map<string, StartupRun[]>(ENTRIES.map((e) => [e.name, []]));
    // Round 0 warms the file system cache and is not counted.
    for (let round = 0; round <= config.repetitions; round++) {
      for (const [index, entry] of ENTRIES.entries()) {
        const id = ids[round * ENTRIES.length + index] ?? "";
        const activity = JSON.stringify(
          actionActivity(stack.connector.serviceUrl, "respond", id, template.version, today),
        );
        const run = await start(path.join(__dirname, entry.file), {
          ...env,
          BENCH_ACTIVITY: activity,
          ...("answers" in entry ? {} : { BENCH_EXPECT: APPLIED_HEADLINE.respond }),
          ...("entry" in entry ? { BENCH_ENTRY: entry.entry } : {}),
        });
        if (round === 0) continue;
        runs.get(entry.name)?.push(run);
        progress(
          `start-up: ${entry.name} run ${round}/${config.repetitions}: ${run.wallMs.toFixed(0)} ms, ` +
            `${run.peakRssMiB.toFixed(0)} MiB`,
        );
      }
    }
    const medians = ENTRIES.map((entry) => {
      const list = runs.get(entry.name) ?? [];
      return {
        name: entry.name,
        runs: list,
        median: {
          wallMs: median(list.map((r) => r.wallMs)),
          inProcessMs: median(list.map((r) => r.inProcessMs)),
          peakRssMiB: median(list.map((r) => r.peakRssMiB)),
        },
      };
    });
    const sdk = medians.find((m) => m.name === "Agents SDK only")?.median.wallMs ?? Number.NaN;
    return medians.map((m) => ({ ...m, ratioToSdk: ratio(m.median.wallMs, sdk) }));
  } finally {
    await stack.close();
  }
}

function start(file: string, env: NodeJS.ProcessEnv): Promise<StartupRun> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, [file], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let reported: StartupReport | undefined;
    let answeredAt = 0;
    const timer = setTimeout(() => child.kill(), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (reported) return;
      const line = output.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
      if (!line) return;
      answeredAt = performance.now();
      reported = JSON.parse(line.slice(REPORT_PREFIX.length)) as StartupReport;
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!reported || reported.status !== 200 || !reported.applied) {
        const answered = reported ? `answered ${reported.status}, not applied` : "did not answer";
        reject(
          new Error(`${path.basename(file)} ${answered} (exit ${String(code)}):\n${output.slice(-3000)}`),
        );
        return;
      }
      resolve({
        wallMs: answeredAt - startedAt,
        inProcessMs: reported.atMs,
        ...(reported.loadedMs !== undefined ? { loadedMs: reported.loadedMs } : {}),
        peakRssMiB: reported.peakRssMiB,
      });
    });
  });
}
