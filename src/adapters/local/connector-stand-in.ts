// A stand-in for the Bot Connector at the activities' serviceUrl, on a loopback port: the bot's proactive
// sends after a write (and its welcome cards) are answered as the service answers them, 201 with an id, and
// counted. The build's first answers (scripts/first-answers.ts) and the benchmarks send to it.
import { randomUUID } from "node:crypto";
import http from "node:http";

import { listenOnLoopback } from "./loopback";

export interface ConnectorStandIn {
  /** The serviceUrl activities name: `http://127.0.0.1:<port>/`. */
  readonly serviceUrl: string;
  /** Activities posted since the start. */
  posted(): number;
  close(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  let posted = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const sending = req.method === "POST" || req.method === "PUT";
      if (sending && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? "")) posted += 1;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
