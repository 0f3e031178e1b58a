/**
 * The containers at start-up, with the real client on the test server. On this machine the bot makes the
 * database and containers it lacks. In Azure the templates make them and the bot only checks, reading the
 * four containers at once: a missing one stops it with a message naming it, and nothing is created.
 */
import { randomUUID } from "node:crypto";

import type { CosmosClient } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { CONTAINERS, CONVERSATIONS } from "../../src/adapters/cosmos/containers";
import {
  checkContainers,
  ensureContainers,
  MissingContainersError,
} from "../../src/adapters/cosmos/provision";
import { type CosmosTestServer, startCosmosServer } from "../support/cosmos-server";
import { type FaultyProxy, type ProxiedRequest, startFaultyProxy } from "../support/faulty-proxy";

let server: CosmosTestServer;
let proxy: FaultyProxy;
let client: CosmosClient;

beforeAll(async () => {
  server = await startCosmosServer();
  proxy = await startFaultyProxy();
  client = createCosmosClient({
    endpoint: proxy.forwardTo(server.endpoint),
    key: server.key,
    allowSelfSignedCertificate: true,
  });
});

afterAll(async () => {
  client.dispose();
  await proxy.stop();
  await server.stop();
});

async function requestsDuring(work: () => Promise<unknown>): Promise<ProxiedRequest[]> {
  const seen: ProxiedRequest[] = [];
  proxy.plan = (request) => {
    seen.push(request);
    return "pass";
  };
  try {
    await work();
  } finally {
    proxy.plan = () => "pass";
  }
  return seen;
}

async function containerIds(databaseId: string): Promise<string[]> {
  const { resources } = await client.database(databaseId).containers.readAll().fetchAll();
  return resources.map((c) => c.id).sort();
}

it("makes the database and every container on this machine, and finds them there the next time", async () => {
  const id = `provision-${randomUUID()}`;
  await ensureContainers(client, id);
  expect(await containerIds(id)).toEqual(CONTAINERS.map((c) => c.id).sort());
  await ensureContainers(client, id);
  expect(await containerIds(id)).toEqual(CONTAINERS.map((c) => c.id).sort());
});

it("checks a provisioned database with one read of each container, and writes nothing", async () => {
  const id = `provision-${randomUUID()}`;
  await ensureContainers(client, id);
  const seen = await requestsDuring(() => checkContainers(client, id));
  expect(seen.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
    CONTAINERS.map((c) => `GET /dbs/${id}/colls/${c.id}`).sort(),
  );
});

it("stops with the name of a missing container, and creates nothing", async () => {
  const id = `provision-${randomUUID()}`;
  await ensureContainers(
    client,
    id,
    CONTAINERS.filter((c) => c.id !== CONVERSATIONS.id),
  );
  const attempt = checkContainers(client, id);
  await expect(attempt).rejects.toBeInstanceOf(MissingContainersError);
  await expect(attempt).rejects.toThrow(
    `Cosmos DB has no container "${CONVERSATIONS.id}" in the database "${id}". The infrastructure templates create`,
  );
  expect(await containerIds(id)).not.toContain(CONVERSATIONS.id);
});

it("names every container when the database itself is missing, and creates no database", async () => {
  const id = `never-provisioned-${randomUUID()}`;
  const error = (await checkContainers(client, id).catch((e: unknown) => e)) as MissingContainersError;
  expect(error).toBeInstanceOf(MissingContainersError);
  expect([...error.missing].sort()).toEqual(CONTAINERS.map((c) => c.id).sort());
  const { resources } = await client.databases.readAll().fetchAll();
  expect(resources.map((d) => d.id)).not.toContain(id);
});
