// Logging under Azure Functions: each JSON line goes through the logger of the invocation it belongs to, at
// its level (`context.warn`, `context.error`), so Application Insights records warnings and errors as such
// and alerts can be set on them. Writing to standard output would arrive as information whatever the
// level. Work an invocation started (the sends after an answer) keeps that invocation's logger; a line
// outside any invocation goes to standard output.
import { AsyncLocalStorage } from "node:async_hooks";

import type { InvocationContext } from "@azure/functions";

import { jsonLogger } from "../adapters/logging";
import type { Logger } from "../domain/ports";

const current = new AsyncLocalStorage<InvocationContext>();

export const functionsLogger: Logger = jsonLogger((level, line) => {
  const context = current.getStore();
  if (!context) {
    process.stdout.write(`${line}\n`);
    return;
  }
  if (level === "error") context.error(line);
  else if (level === "warn") context.warn(line);
  else context.info(line);
});

/** Runs a function's work with its invocation's logger as the one the bot's lines go to. */
export function inInvocation<T>(context: InvocationContext, work: () => Promise<T>): Promise<T> {
  return current.run(context, work);
}
