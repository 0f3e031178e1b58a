// A fresh database on the test Cosmos endpoint, with the product's containers and stores, and a logger
// that keeps what was logged so tests can read it.
import { randomUUID } from "node:crypto";

import type { CosmosClient, Database } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { CONVERSATIONS, DIRECTORY, ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosConversationStore } from "../../src/adapters/cosmos/cosmos-conversation-store";
import { CosmosDirectoryStore } from "../../src/adapters/cosmos/cosmos-directory-store";
import { CosmosEscalationStore } from "../../src/adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import type { RetryPolicy } from "../../src/adapters/cosmos/retry";
import { isLocalEndpoint } from "../../src/config";
import { RecordingLogger } from "../fakes/recording-logger";
import { type CosmosTestServer, startCosmosServer } from "./cosmos-server";

export interface TestDatabase {
  readonly server: CosmosTestServer;
  readonly client: CosmosClient;
  readonly database: Database;
  readonly logger: RecordingLogger;
  readonly escalations: CosmosEscalationStore;
  readonly directory: CosmosDirectoryStore;
  readonly conversations: CosmosConversationStore;
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Talk to this endpoint instead (e.g. a fault-injecting proxy in front of the server). */
  readonly endpoint?: (server: CosmosTestServer) => string;
  readonly retry?: RetryPolicy;
  readonly pageSize?: number;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = await startCosmosServer();
  const endpoint = options.endpoint?.(server) ?? server.endpoint;
  const client = createCosmosClient({
    endpoint,
    key: server.key,
    allowSelfSignedCertificate: isLocalEndpoint(endpoint),
  });
  const database = await ensureContainers(client, `test-${randomUUID()}`);
  const logger = new RecordingLogger();
  return {
    server,
    client,
    database,
    logger,
    escalations: new CosmosEscalationStore(
      database.container(ESCALATIONS.id),
      logger,
      options.retry,
      options.pageSize,
    ),
    directory: new CosmosDirectoryStore(database.container(DIRECTORY.id), logger, options.retry),
    conversations: new CosmosConversationStore(database.container(CONVERSATIONS.id), options.retry),
    close: async () => {
      await database.delete().catch(() => undefined);
      client.dispose();
      await server.stop();
    },
  };
}
