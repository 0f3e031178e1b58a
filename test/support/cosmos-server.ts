// A Cosmos DB endpoint for integration tests: the in-process server on a free port, or, when
// COSMOS_ENDPOINT is set, that endpoint (an Azure account or the emulator), so the same tests run
// against the real service.
import { LOCAL_COSMOS_KEY } from "../../src/adapters/cosmos/client";
import { startEmbeddedCosmos } from "../../src/adapters/local/embedded-cosmos";

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
  return startEmbeddedCosmos();
}
