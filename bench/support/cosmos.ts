// The in-process Cosmos DB–compatible server of the local run (`@zeit/cosmosdb-server` over HTTPS, with the
// same keep-alive fix as src/adapters/local/embedded-cosmos.ts), plus a count of the requests it answers and
// of the request charge it reports. The local server reports a charge of 1 for every request whatever it
// did, so the charge counted here is a count of requests, not Azure's request units.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { createHttpsServer } from "@zeit/cosmosdb-server";

import { LOCAL_COSMOS_KEY } from "../../src/adapters/cosmos/client";

export interface CosmosCounts {
  readonly requests: number;
  /** The sum of the x-ms-request-charge headers answered. */
  readonly requestCharge: number;
  readonly queries: number;
  readonly pointReads: number;
  readonly writes: number;
  readonly other: number;
}

export interface CountingCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** The counts since the start or the last reset. */
  counts(): CosmosCounts;
  reset(): void;
  stop(): Promise<void>;
}

const DOCUMENT = /\/docs\/[^/]+$/;

export async function startCountingCosmos(): Promise<CountingCosmos> {
  const server = createHttpsServer();
  let counts = zero();
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => (name.toLowerCase() === "connection" ? res : setHeader(name, value));
    res.once("finish", () => {
      const charge = Number(res.getHeader("x-ms-request-charge") ?? 0);
      const kind = kindOf(req);
      counts = {
        ...counts,
        requests: counts.requests + 1,
        requestCharge: counts.requestCharge + (Number.isFinite(charge) ? charge : 0),
        [kind]: counts[kind] + 1,
      };
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${address.port}`,
    key: LOCAL_COSMOS_KEY,
    counts: () => counts,
    reset: () => {
      counts = zero();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}

function zero(): CosmosCounts {
  return { requests: 0, requestCharge: 0, queries: 0, pointReads: 0, writes: 0, other: 0 };
}

function kindOf(req: IncomingMessage): "queries" | "pointReads" | "writes" | "other" {
  const url = req.url ?? "";
  if (req.headers["x-ms-documentdb-isquery"] !== undefined) return "queries";
  if (!url.includes("/docs")) return "other";
  if (req.method === "GET" && DOCUMENT.test(url)) return "pointReads";
  if (req.method === "POST" || req.method === "PUT" || req.method === "DELETE") return "writes";
  return "other";
}
