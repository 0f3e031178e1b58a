// What a log line may say of an error: its name, which the code that threw it set, never its message, which
// can hold what a person typed or a child's details (the Logger's rule, ports.ts).

/** The error's name (TypeError, TimeoutError, EscalationConflictError), or "error" where it has none. */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return "error";
  return /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : "error";
}
