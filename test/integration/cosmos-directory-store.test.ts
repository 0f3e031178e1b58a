/**
 * The council's directory in Cosmos DB at a council's size, read by the real `@azure/cosmos` client from the
 * in-process server, which pages as Cosmos DB does: 100 items a page where a request names no size.
 */
import type { CosmosClient } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { DIRECTORY } from "../../src/adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../../src/adapters/cosmos/cosmos-directory-store";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { type EmbeddedCosmos, startEmbeddedCosmos } from "../../src/adapters/local/embedded-cosmos";
import { councilDirectory } from "../builders/council-directory";
import { RecordingLogger } from "../fakes/recording-logger";

describe("the directory of a council of 1,500 people in Cosmos DB", () => {
  const council = councilDirectory({ people: 1500, teams: 120 });
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  let store: CosmosDirectoryStore;
  let requests = 0;

  beforeAll(async () => {
    server = await startEmbeddedCosmos({ onRequest: () => (requests += 1) });
    client = createCosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      allowSelfSignedCertificate: true,
    });
    const database = await ensureContainers(client, "directory-at-size");
    store = new CosmosDirectoryStore(database.container(DIRECTORY.id), new RecordingLogger());
    await store.replaceAll(council.data);
  }, 120_000);

  afterAll(async () => {
    client.dispose();
    await server.stop();
  });

  it("is read whole in one page, not a hundred people at a time", async () => {
    requests = 0;
    const loaded = await store.load();

    expect(loaded.people).toHaveLength(1500);
    expect(loaded.teams).toHaveLength(120);
    expect(requests).toBeLessThanOrEqual(2);
  });

  it("gives back every person and team as imported, in id order", async () => {
    const loaded = await store.load();
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

    expect(loaded.people).toEqual([...council.data.people].sort(byId));
    expect(loaded.teams).toEqual([...council.data.teams].sort(byId));
  });
});
