/**
 * The real `@azure/cosmos` client against the in-process Cosmos DB server (or COSMOS_ENDPOINT): the
 * operations the escalation store rests on, ETag-guarded replace and paged parameterized queries.
 */
import { randomUUID } from "node:crypto";

import { type Container, type CosmosClient, ErrorResponse, StatusCodes } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { isLocalEndpoint } from "../../src/config";
import { type CosmosTestServer, startCosmosServer } from "../support/cosmos-server";

interface TestDoc {
  id: string;
  pk: string;
  kind: string;
  nextActionAt: string;
  version: number;
}

describe("@azure/cosmos against the Cosmos DB test server", () => {
  let server: CosmosTestServer;
  let client: CosmosClient;
  let container: Container;
  // Unique per run so that runs against a shared account or emulator do not collide.
  const databaseId = `it-${randomUUID()}`;

  beforeAll(async () => {
    server = await startCosmosServer();
    client = createCosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      allowSelfSignedCertificate: isLocalEndpoint(server.endpoint),
    });
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    ({ container } = await database.containers.createIfNotExists({
      id: "docs",
      partitionKey: { paths: ["/pk"] },
      indexingPolicy: {
        includedPaths: [{ path: "/*" }],
        excludedPaths: [{ path: "/events/*" }, { path: '/"_etag"/?' }],
        compositeIndexes: [
          [
            { path: "/kind", order: "ascending" },
            { path: "/nextActionAt", order: "ascending" },
          ],
        ],
      },
    }));
  });

  afterAll(async () => {
    try {
      await client.database(databaseId).delete();
    } finally {
      client.dispose();
      await server.stop();
    }
  });

  it("creates, replaces with the current ETag and refuses a stale ETag with 412", async () => {
    const created = await container.items.create<TestDoc>({
      id: "e1",
      pk: "e1",
      kind: "etag",
      nextActionAt: "2025-01-01T09:00:00.000Z",
      version: 1,
    });
    expect(created.statusCode).toBe(StatusCodes.Created);
    const staleEtag = created.etag;

    const replaced = await container
      .item("e1", "e1")
      .replace<TestDoc>(
        { id: "e1", pk: "e1", kind: "etag", nextActionAt: "2025-01-02T09:00:00.000Z", version: 2 },
        { accessCondition: { type: "IfMatch", condition: staleEtag } },
      );
    expect(replaced.statusCode).toBe(StatusCodes.Ok);
    expect(replaced.etag).not.toBe(staleEtag);

    const stale = container
      .item("e1", "e1")
      .replace<TestDoc>(
        { id: "e1", pk: "e1", kind: "etag", nextActionAt: "2025-01-03T09:00:00.000Z", version: 3 },
        { accessCondition: { type: "IfMatch", condition: staleEtag } },
      );
    await expect(stale).rejects.toBeInstanceOf(ErrorResponse);
    await expect(stale).rejects.toMatchObject({ code: StatusCodes.PreconditionFailed });

    const { resource } = await container.item("e1", "e1").read<TestDoc>();
    expect(resource?.version).toBe(2);
  });

  it("pages a parameterized, ordered, cross-partition query with continuation", async () => {
    const due = ["2025-01-05", "2025-01-01", "2025-01-04", "2025-01-02", "2025-01-03"].map((day, i) => ({
      id: `q${i}`,
      pk: `p${i % 3}`,
      kind: "paging",
      nextActionAt: `${day}T09:00:00.000Z`,
      version: 1,
    }));
    for (const doc of due) await container.items.create<TestDoc>(doc);
    await container.items.create<TestDoc>({
      id: "later",
      pk: "p0",
      kind: "paging",
      nextActionAt: "2025-02-01T09:00:00.000Z",
      version: 1,
    });

    const iterator = container.items.query<TestDoc>(
      {
        query: "SELECT * FROM c WHERE c.kind = @kind AND c.nextActionAt <= @now ORDER BY c.nextActionAt ASC",
        parameters: [
          { name: "@kind", value: "paging" },
          { name: "@now", value: "2025-01-31T00:00:00.000Z" },
        ],
      },
      { maxItemCount: 2 },
    );
    const pages: string[][] = [];
    while (iterator.hasMoreResults()) {
      const page = await iterator.fetchNext();
      pages.push(page.resources.map((doc) => doc.id));
    }

    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
    expect(pages.flat()).toEqual(["q1", "q3", "q4", "q2", "q0"]);
  });

  it("gives a query that names no page size 100 items a page, as Cosmos DB does", async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      id: `d${i}`,
      pk: "default-page",
      kind: "default-page",
      nextActionAt: "2025-01-01T09:00:00.000Z",
      version: 1,
    }));
    for (const doc of many) await container.items.create<TestDoc>(doc);

    const iterator = container.items.query<TestDoc>({
      query: "SELECT * FROM c WHERE c.kind = @kind",
      parameters: [{ name: "@kind", value: "default-page" }],
    });
    const first = await iterator.fetchNext();
    const whole = await container.items
      .query<TestDoc>(
        {
          query: "SELECT * FROM c WHERE c.kind = @kind",
          parameters: [{ name: "@kind", value: "default-page" }],
        },
        { maxItemCount: -1 },
      )
      .fetchNext();

    expect(first.resources).toHaveLength(100);
    expect(iterator.hasMoreResults()).toBe(true);
    expect(whole.resources).toHaveLength(130);
  });
});
