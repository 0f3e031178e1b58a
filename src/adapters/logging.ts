// Structured log lines (JSON, one per line) on standard output, which Azure Functions forwards to
// Application Insights. Callers pass ids, counts and codes only: never a child's name, date of birth or
// free text.
import type { Logger } from "../domain/ports";

type Level = "info" | "warn" | "error";

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log =
    (level: Level) =>
    (message: string, properties?: Readonly<Record<string, string | number | boolean | null>>) => {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...properties })}\n`);
    };
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
