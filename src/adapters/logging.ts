// Structured log lines (JSON, one per line). Callers pass ids, counts and codes only: never a child's name,
// date of birth or free text. Where a line goes is the host's: standard output for the local host, the
// invocation's logger under Azure Functions (src/hosts/functions-logging.ts), which keeps its level.
import type { Logger } from "../domain/ports";

export type Level = "info" | "warn" | "error";

/** Writes one JSON line at its level; the line has no trailing newline. */
export type LineWriter = (level: Level, line: string) => void;

const standardOutput: LineWriter = (_level, line) => process.stdout.write(`${line}\n`);

export function jsonLogger(write: LineWriter = standardOutput): Logger {
  const log =
    (level: Level) =>
    (message: string, properties?: Readonly<Record<string, string | number | boolean | null>>) => {
      write(level, JSON.stringify({ time: new Date().toISOString(), level, message, ...properties }));
    };
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
