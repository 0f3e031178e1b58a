// A stand-in for the Bot Connector at the activities' serviceUrl, on a loopback port: the bot's proactive
// sends after a write (and its welcome cards) are answered as the service answers them, 201 with an id, and
// counted, the last few kept as they came. The build's first answers (scripts/first-answers.ts) and the
// benchmarks send to it.
import { randomUUID } from "node:crypto";
import http from "node:http";

import { listenOnLoopback } from "./loopback";

export interface ConnectorStandIn {
  /** The serviceUrl activities name: `http://127.0.0.1:<port>/`. */
  readonly serviceUrl: string;
  /** Activities posted since the start. */
  posted(): number;
  /** The last activities posted (at most `KEPT`), oldest first, as their JSON came. */
  recent(): readonly string[];
  close(): Promise<void>;
}

/** How many of the last activities posted are kept. */
const KEPT = 16;

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  let posted = 0;
  const recent: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const sending = req.method === "POST" || req.method === "PUT";
      if (sending && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? "")) {
        posted += 1;
        recent.push(Buffer.concat(chunks).toString("utf8"));
        if (recent.length > KEPT) recent.shift();
      }
      const body = JSON.stringify(sending ? { id: `m-${randomUUID()}` } : {});
      res
        .writeHead(sending ? 201 : 200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        })
        .end(body);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posted: () => posted,
    recent: () => [...recent],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
