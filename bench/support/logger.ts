// A logger that prints nothing (printing would be measured too) and counts warnings and errors, so a run in
// which something went wrong says so instead of looking fast.
import type { Logger } from "../../src/domain/ports";

export interface CountingLogger extends Logger {
  /** Warnings and errors by message since the start or the last take. */
  take(): Record<string, number>;
}

export function countingLogger(): CountingLogger {
  let problems: Record<string, number> = {};
  const count =
    (level: string) =>
    (message: string, properties?: Readonly<Record<string, string | number | boolean | null>>) => {
      // Codes and operations, not ids (every escalation would make a line of its own) or attempt numbers.
      const detail = Object.entries(properties ?? {})
        .filter(([k]) => !/id$/i.test(k) && k !== "attempt")
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ");
      const key = `${level}: ${message}${detail ? ` (${detail})` : ""}`;
      problems[key] = (problems[key] ?? 0) + 1;
    };
  return {
    info: () => undefined,
    warn: count("warn"),
    error: count("error"),
    take: () => {
      const taken = problems;
      problems = {};
      return taken;
    },
  };
}
