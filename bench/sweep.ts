// The timer sweep: one reminders run (bot.runReminders) with the same number of escalations due, in stores
// of growing size, each size in a fresh process. Filling stops when the benchmark's time budget would run
// out; that size is then measured as far as it was filled, and the result says so.
import path from "node:path";

import type { SweepRun, SweepServer } from "./servers/sweep-server";
import { Server } from "./support/ipc";
import { count, median, ratio } from "./support/stats";

export interface SweepConfig {
  readonly sizes: readonly number[];
  readonly due: number;
  readonly repetitions: number;
  /** `performance.now()` by which this section must be done. */
  readonly deadline: number;
}

export interface SweepMeasured {
  /** The size asked for. */
  readonly size: number;
  /** Escalations stored: less than `size` when filling ran out of time. */
  readonly stored: number;
  readonly due: number;
  readonly insertMs: number;
  readonly insertsPerSecond: number;
  /** Whether the server's queries ran on the linear form of its engine (support/linear-queries.ts). */
  readonly linearQueries: boolean;
  readonly documentBytes: Readonly<Record<string, number>>;
  readonly runs: readonly SweepRun[];
  readonly dueQueries: readonly { readonly ms: number; readonly found: number }[];
  /** The due query on the server's engine as shipped (measured up to 10,000 escalations only). */
  readonly shippedDueQueries: readonly { readonly ms: number; readonly found: number }[];
  readonly median: {
    readonly ms: number;
    readonly queryMs: number;
    /** The run less its queries: what follows the number due. */
    readonly restMs: number;
    readonly cosmosRequests: number;
    readonly requestCharge: number;
    readonly dueQueryMs: number;
    readonly shippedDueQueryMs: number;
  };
  /** Against the smallest size measured. */
  readonly ratio: {
    readonly ms: number;
    readonly restMs: number;
    readonly cosmosRequests: number;
    readonly dueQueryMs: number;
  };
  readonly peakRssMiB: number;
  readonly note?: string;
}

export type SweepSize = SweepMeasured | { readonly size: number; readonly skipped: string };

/** The largest store on which the server's own (quadratic) query engine is timed. */
const SHIPPED_ENGINE_LIMIT = 10_000;
/** Process start, templates and the measured runs, on top of filling, for the first size. */
const FIRST_RUNS_ESTIMATE_MS = 30_000;

type Measured = Omit<SweepMeasured, "ratio">;

export async function runSweep(config: SweepConfig, progress: (line: string) => void): Promise<SweepSize[]> {
  const sizes: SweepSize[] = [];
  let smallest: Measured | undefined;
  let previous: { measured: Measured; runPhaseMs: number } | undefined;
  for (const size of config.sizes) {
    // Time for everything but filling, judged from the size before: its runs, with their queries (which
    // scan the store) scaled to this size.
    const runsMs = previous
      ? previous.runPhaseMs +
        previous.measured.runs.reduce((n, r) => n + r.queryMs, 0) * 2 * (size / previous.measured.stored)
      : FIRST_RUNS_ESTIMATE_MS;
    const fillBudgetMs = config.deadline - performance.now() - runsMs;
    if (fillBudgetMs < 5_000) {
      const skipped = `not measured: ${Math.max(0, Math.round((config.deadline - performance.now()) / 1000))} s were left of the time budget`;
      progress(`sweep: ${size} ${skipped}`);
      sizes.push({ size, skipped });
      continue;
    }
    const startedAt = performance.now();
    const measured = await measure(size, fillBudgetMs, config, progress);
    previous = { measured, runPhaseMs: performance.now() - startedAt - measured.insertMs };
    smallest ??= measured;
    const base = smallest;
    sizes.push({
      ...measured,
      ratio: {
        ms: ratio(measured.median.ms, base.median.ms),
        restMs: ratio(measured.median.restMs, base.median.restMs),
        cosmosRequests: ratio(measured.median.cosmosRequests, base.median.cosmosRequests),
        dueQueryMs: ratio(measured.median.dueQueryMs, base.median.dueQueryMs),
      },
    });
  }
  return sizes;
}

async function measure(
  size: number,
  fillBudgetMs: number,
  config: SweepConfig,
  progress: (line: string) => void,
): Promise<Measured> {
  const server = Server.start<SweepServer>(
    `sweep server (${size})`,
    path.join(__dirname, "servers/sweep-server.js"),
    ["--max-old-space-size=8192"],
  );
  try {
    progress(`sweep: filling a store of ${count(size)} escalations (${config.due} due)`);
    const filled = await server.call("start", { size, due: config.due, linearQueries: true, fillBudgetMs });
    const note =
      filled.stored < size
        ? `filled ${count(filled.stored)} of ${count(size)} before the time budget ran out`
        : undefined;
    if (note) progress(`sweep: ${note}`);
    // The first run pays for the directory load and the first use of each code path: not counted.
    await server.call("run", undefined);
    const runs: SweepRun[] = [];
    const dueQueries: { ms: number; found: number }[] = [];
    const shippedDueQueries: { ms: number; found: number }[] = [];
    for (let repetition = 1; repetition <= config.repetitions; repetition++) {
      const run = await server.call("run", undefined);
      if (run.summary.due !== config.due) {
        throw new Error(
          `a reminders run over ${filled.stored} escalations found ${run.summary.due} due, not ${config.due}`,
        );
      }
      runs.push(run);
      dueQueries.push(await server.call("dueQuery", { shipped: false }));
      if (filled.stored <= SHIPPED_ENGINE_LIMIT)
        shippedDueQueries.push(await server.call("dueQuery", { shipped: true }));
      progress(
        `sweep: ${filled.stored} run ${repetition}/${config.repetitions}: ${run.ms.toFixed(0)} ms ` +
          `(queries ${run.queryMs.toFixed(0)} ms), ${run.cosmos.requests} Cosmos requests, ` +
          `${run.summary.remindersOwed} reminders, ${run.posted} sent`,
      );
    }
    const memory = await server.call("memory", undefined);
    const ms = median(runs.map((r) => r.ms));
    const queryMs = median(runs.map((r) => r.queryMs));
    return {
      size,
      stored: filled.stored,
      due: config.due,
      insertMs: filled.insertMs,
      insertsPerSecond: (filled.stored / filled.insertMs) * 1000,
      linearQueries: filled.linearQueries,
      documentBytes: filled.documentBytes,
      runs,
      dueQueries,
      shippedDueQueries,
      median: {
        ms,
        queryMs,
        restMs: median(runs.map((r) => r.ms - r.queryMs)),
        cosmosRequests: median(runs.map((r) => r.cosmos.requests)),
        requestCharge: median(runs.map((r) => r.cosmos.requestCharge)),
        dueQueryMs: median(dueQueries.map((q) => q.ms)),
        shippedDueQueryMs: median(shippedDueQueries.map((q) => q.ms)),
      },
      peakRssMiB: memory.peakRssMiB,
      ...(note ? { note } : {}),
    };
  } finally {
    await server.call("stop", undefined).catch(() => undefined);
    await server.stop();
  }
}
