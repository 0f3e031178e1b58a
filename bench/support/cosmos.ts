// The in-process Cosmos DB–compatible server of the local run (src/adapters/local/embedded-cosmos.ts), plus
// a count of the requests it answers and of the request charge it reports. The local server reports a charge
// of 1 for every request whatever it did, so the charge counted here is a count of requests, not Azure's
// request units.
import type { IncomingMessage } from "node:http";

import { startEmbeddedCosmos } from "../../src/adapters/local/embedded-cosmos";

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
  let counts = zero();
  const cosmos = await startEmbeddedCosmos({
    onRequest: (req, res) => {
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
    },
  });
  return {
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    counts: () => counts,
    reset: () => {
      counts = zero();
    },
    stop: () => cosmos.stop(),
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
