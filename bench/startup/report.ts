// How a start-up child tells the parent it answered: one line on standard output, `BENCH {json}`, then exit.
// `atMs` is performance.now(): milliseconds since this process began.
export interface StartupReport {
  readonly status: number;
  readonly atMs: number;
  /** When the entry module had loaded, where the child loads one. */
  readonly loadedMs?: number;
  readonly peakRssMiB: number;
}

export const REPORT_PREFIX = "BENCH ";

export function report(status: number, loadedMs?: number): void {
  const line: StartupReport = {
    status,
    atMs: performance.now(),
    ...(loadedMs !== undefined ? { loadedMs } : {}),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(line)}\n`, () => process.exit(0));
}

/** The activity to answer, handed over by the parent. */
export function activityBody(): string {
  const body = process.env["BENCH_ACTIVITY"];
  if (!body) throw new Error("BENCH_ACTIVITY is not set");
  return body;
}
