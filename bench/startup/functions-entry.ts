// The cold start a Function App pays: load the Functions entry module as the Functions worker loads it (the
// package's main, dist/functions.js, which loads the bundle with its code cache, or the file in BENCH_ENTRY;
// outside the host @azure/functions skips the registrations) and answer a first card action through its
// exported `messages` handler. The bot is built on that first request.
import { createRequire } from "node:module";
import path from "node:path";

import { HttpRequest, InvocationContext } from "@azure/functions";

import type * as Entry from "../../src/hosts/functions";
import { activityBody, bodyText, report } from "./report";

async function main(): Promise<void> {
  const entryFile = path.resolve(__dirname, "../../..", process.env["BENCH_ENTRY"] ?? ".");
  const entry = createRequire(__filename)(entryFile) as typeof Entry;
  const loadedMs = performance.now();
  const response = await entry.messages(
    new HttpRequest({
      method: "POST",
      url: "http://127.0.0.1:7071/api/messages",
      headers: { "content-type": "application/json" },
      body: { string: activityBody() },
    }),
    new InvocationContext({ functionName: "messages", logHandler: () => undefined }),
  );
  report(response.status ?? 200, bodyText(response.body ?? response.jsonBody), loadedMs);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
