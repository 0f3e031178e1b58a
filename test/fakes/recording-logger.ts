// A logger that keeps what it was told, so a test can check what was logged and that no child's details were.
import type { Logger } from "../../src/domain/ports";

export interface LogEntry {
  readonly level: "info" | "warn" | "error";
  readonly message: string;
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  info(message: string, properties = {}): void {
    this.entries.push({ level: "info", message, properties });
  }
  warn(message: string, properties = {}): void {
    this.entries.push({ level: "warn", message, properties });
  }
  error(message: string, properties = {}): void {
    this.entries.push({ level: "error", message, properties });
  }
}
