// The in-process Cosmos DB–compatible server for the local run and the tests: `@zeit/cosmosdb-server` over
// HTTPS (its own self-signed certificate) on a loopback port, driven by the real `@azure/cosmos` client.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { createHttpsServer } from "@zeit/cosmosdb-server";

import { LOCAL_COSMOS_KEY } from "../cosmos/client";

export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** Stops the server and drops its connections. */
  stop(): Promise<void>;
}

/**
 * The items a page of a query or a read of a container holds where the request names no page size: Cosmos
 * DB's 100. The server would otherwise answer with every item in one page, and a read that pages on Azure
 * would seem to take one round trip here.
 */
export const DEFAULT_PAGE_ITEMS = 100;

export interface EmbeddedCosmosOptions {
  /** Port 0 picks a free one. */
  readonly port?: number;
  /** Called with each request as it arrives, before the server answers it (the benchmarks count them). */
  readonly onRequest?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** Starts the server on 127.0.0.1. */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  const { port = 0, onRequest } = options;
  const server = createHttpsServer();
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    // The server answers every request with `Connection: close`, so each request would pay a new TLS
    // handshake; dropping that header lets the client keep its sockets (about four times faster).
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => (name.toLowerCase() === "connection" ? res : setHeader(name, value));
    req.headers["x-ms-max-item-count"] ??= String(DEFAULT_PAGE_ITEMS);
    onRequest?.(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${address.port}`,
    key: LOCAL_COSMOS_KEY,
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
