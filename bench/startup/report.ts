// How a start-up child tells the parent it answered: one line on standard output, `BENCH {json}`, then exit.
// `atMs` is performance.now(): milliseconds since this process began.
export interface StartupReport {
  readonly status: number;
  /** Whether the answer was the card of the action applied, not a refusal. */
  readonly applied: boolean;
  readonly atMs: number;
  /** When the entry module had loaded, where the child loads one. */
  readonly loadedMs?: number;
  readonly peakRssMiB: number;
}

export const REPORT_PREFIX = "BENCH ";

/**
 * The answer's status and body: applied where the body holds the words, handed over by the parent in
 * BENCH_EXPECT, of the card that says the action was applied.
 */
export function report(status: number, body = "", loadedMs?: number): void {
  const line: StartupReport = {
    status,
    applied: body.includes(process.env["BENCH_EXPECT"] ?? ""),
    atMs: performance.now(),
    ...(loadedMs !== undefined ? { loadedMs } : {}),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(line)}\n`, () => process.exit(0));
}

/** An answer's body as text: a string as it is, anything else as JSON. */
export function bodyText(body: unknown): string {
  return typeof body === "string" ? body : JSON.stringify(body ?? null);
}

/** The activity to answer, handed over by the parent. */
export function activityBody(): string {
  const body = process.env["BENCH_ACTIVITY"];
  if (!body) throw new Error("BENCH_ACTIVITY is not set");
  return body;
}
