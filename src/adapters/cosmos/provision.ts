// Creates the database and containers from the one definition in containers.ts when they are missing.
// Used by the local run and the tests; in Azure the Bicep templates create the same containers.
import type { CosmosClient, Database } from "@azure/cosmos";

import { type ContainerDefinition, CONTAINERS } from "./containers";
import { withRetries } from "./retry";

export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
  containers: readonly ContainerDefinition[] = CONTAINERS,
): Promise<Database> {
  const { database } = await withRetries(() => client.databases.createIfNotExists({ id: databaseId }));
  for (const definition of containers) {
    await withRetries(() =>
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
    );
  }
  return database;
}
