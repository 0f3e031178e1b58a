/**
 * A Cosmos DB endpoint for integration tests: the in-process `@zeit/cosmosdb-server` over HTTPS on
 * a free port, or, when COSMOS_ENDPOINT is set, that endpoint (an Azure account or the emulator) so
 * the same tests run against the real service.
 */
import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@zeit/cosmosdb-server";
import { LOCAL_COSMOS_KEY } from "../../src/adapters/cosmos/client";

export interface CosmosTestServer {
  readonly endpoint: string;
  readonly key: string;
  /** Stops the in-process server and drops its connections; a no-op for an external endpoint. */
  stop(): Promise<void>;
}

export async function startCosmosServer(): Promise<CosmosTestServer> {
  const external = process.env["COSMOS_ENDPOINT"];
  if (external !== undefined && external !== "") {
    return {
      endpoint: external,
      key: process.env["COSMOS_KEY"] ?? LOCAL_COSMOS_KEY,
      stop: () => Promise.resolve(),
    };
  }

  const server = createHttpsServer();
  // The server answers every request with `Connection: close`, so each request would pay a new TLS
  // handshake; dropping that header lets the client's keep-alive agent reuse one socket (about
  // twice as fast). `stop()` then has to close the kept-alive sockets itself.
  server.prependListener("request", (_req, res) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => (name.toLowerCase() === "connection" ? res : setHeader(name, value));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `https://127.0.0.1:${port}`,
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
