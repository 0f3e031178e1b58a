// The in-process Cosmos DB–compatible server for the local run and the tests: `@zeit/cosmosdb-server` over
// HTTPS (its own self-signed certificate) on a loopback port, driven by the real `@azure/cosmos` client.
import type { AddressInfo } from "node:net";

import { createHttpsServer } from "@zeit/cosmosdb-server";

import { LOCAL_COSMOS_KEY } from "../cosmos/client";

export interface EmbeddedCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** Stops the server and drops its connections. */
  stop(): Promise<void>;
}

/** Starts the server on 127.0.0.1; port 0 picks a free one. */
export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  const server = createHttpsServer();
  // The server answers every request with `Connection: close`, so each request would pay a new TLS
  // handshake; dropping that header lets the client keep its sockets (about four times faster).
  server.prependListener("request", (_req, res) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => (name.toLowerCase() === "connection" ? res : setHeader(name, value));
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
