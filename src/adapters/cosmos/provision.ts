// The database and containers from the one definition in containers.ts. The local run, the tests and the
// admin tool create what is missing; in Azure the Bicep templates create them and the bot only checks that
// they are there, as its data-plane role cannot create them.
import type { CosmosClient, Database } from "@azure/cosmos";

import { type ContainerDefinition, CONTAINERS } from "./containers";
import { statusOf, withRetries } from "./retry";

export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
  containers: readonly ContainerDefinition[] = CONTAINERS,
): Promise<Database> {
  const { database } = await withRetries(() => client.databases.createIfNotExists({ id: databaseId }));
  await Promise.all(
    containers.map((definition) =>
      withRetries(() =>
        database.containers.createIfNotExists({
          id: definition.id,
          partitionKey: { paths: [definition.partitionKeyPath] },
          indexingPolicy: {
            indexingMode: definition.indexingPolicy.indexingMode,
            automatic: definition.indexingPolicy.automatic,
            includedPaths: [...definition.indexingPolicy.includedPaths],
            excludedPaths: [...definition.indexingPolicy.excludedPaths],
            ...(definition.indexingPolicy.compositeIndexes
              ? { compositeIndexes: definition.indexingPolicy.compositeIndexes.map((index) => [...index]) }
              : {}),
          },
        }),
      ),
    ),
  );
  return database;
}

/** The database's containers are missing: the message names them and how they are made. */
export class MissingContainersError extends Error {
  constructor(
    readonly databaseId: string,
    readonly missing: readonly string[],
  ) {
    super(
      `Cosmos DB has no container ${missing.map((id) => `"${id}"`).join(", ")} in the database "${databaseId}". ` +
        "The infrastructure templates create the database and its containers (azd provision; see docs/deploy.md).",
    );
    this.name = "MissingContainersError";
  }
}

/**
 * Checks that the database has every container, reading them all at once: one round trip on a cold start
 * where creating them one by one took five. Throws MissingContainersError naming what is missing.
 */
export async function checkContainers(
  client: CosmosClient,
  databaseId: string,
  containers: readonly ContainerDefinition[] = CONTAINERS,
): Promise<Database> {
  const database = client.database(databaseId);
  const found = await Promise.all(
    containers.map(async (definition) => {
      try {
        await withRetries(() => database.container(definition.id).read());
        return undefined;
      } catch (error) {
        if (statusOf(error) === 404) return definition.id;
        throw error;
      }
    }),
  );
  const missing = found.filter((id) => id !== undefined);
  if (missing.length > 0) throw new MissingContainersError(databaseId, missing);
  return database;
}
