// The whole bot on one machine, as the local run builds it: the in-process Cosmos DB–compatible server with
// the sample directory imported, `createBot` in LOCAL_MODE on a clock held at a London working-day moment,
// and a fake Bot Connector for the sends. Every directory person has installed the bot, so each message the
// bot owes has a conversation to go to. Also: escalations made through the application's own use cases, to
// be copied in bulk into the store.
import { randomUUID } from "node:crypto";

import type { Container } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { DIRECTORY, ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../../src/adapters/cosmos/cosmos-directory-store";
import { toDocument } from "../../src/adapters/cosmos/escalation-document";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { withRetries } from "../../src/adapters/cosmos/retry";
import { type ConnectorStandIn, startConnectorStandIn } from "../../src/adapters/local/connector-stand-in";
import { performAction } from "../../src/application/perform-action";
import { raiseEscalation } from "../../src/application/raise-escalation";
import type { DirectoryData } from "../../src/domain/directory";
import type { Escalation } from "../../src/domain/escalation";
import { markSent } from "../../src/domain/outbox";
import { type Bot, createBot } from "../../src/main";
import { SetClock } from "./clock";
import { type CountingCosmos, startCountingCosmos } from "./cosmos";
import { type CountingLogger, countingLogger } from "./logger";
import {
  caseIdFor,
  everyone,
  installActivity,
  IRO,
  person,
  RAISED_AT,
  raiseForm,
  SAMPLE_DIRECTORY,
  TENANT_ID,
} from "./sample";

export interface Stack {
  readonly bot: Bot;
  readonly cosmos: CountingCosmos;
  readonly connector: ConnectorStandIn;
  readonly clock: SetClock;
  readonly logger: CountingLogger;
  readonly database: string;
  /** The escalations container, for bulk inserts. */
  readonly escalations: Container;
  /** Closes the bot and its client, then the connector and the Cosmos server. */
  close(): Promise<void>;
}

export async function startStack(
  database: string,
  directory: DirectoryData = SAMPLE_DIRECTORY,
): Promise<Stack> {
  const cosmos = await startCountingCosmos();
  const connector = await startConnectorStandIn();
  const logger = countingLogger();
  const client = createCosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    allowSelfSignedCertificate: true,
  });
  const db = await ensureContainers(client, database);
  await new CosmosDirectoryStore(db.container(DIRECTORY.id), logger).replaceAll(directory);
  const clock = new SetClock(RAISED_AT);
  const bot = await createBot({
    env: {
      LOCAL_MODE: "true",
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: database,
      ALLOWED_TENANT_IDS: TENANT_ID,
    },
    logger,
    clock,
  });
  for (const user of everyone()) {
    const answer = await bot.handleMessages({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(installActivity(connector.serviceUrl, user)),
    });
    if (answer.status !== 200)
      throw new Error(`installing the bot for ${user.name} answered ${answer.status}`);
  }
  await bot.idle();
  return {
    bot,
    cosmos,
    connector,
    clock,
    logger,
    database,
    escalations: db.container(ESCALATIONS.id),
    close: async () => {
      await bot.close();
      client.dispose();
      await connector.close();
      await cosmos.stop();
    },
  };
}

/**
 * An escalation the sample QARO raised through the raise use case at `at` (Level 1, North Children in Care
 * Team), with every message it owed marked sent; taken out of the store, to be copied.
 */
export async function raisedTemplate(stack: Stack, at: string): Promise<Escalation> {
  stack.clock.set(at);
  const outcome = await raiseEscalation(stack.bot.services, person(IRO).aadObjectId, raiseForm(randomUUID()));
  if (outcome.kind !== "raised") throw new Error(`the sample concern was not raised: ${outcome.kind}`);
  return takeOut(stack, outcome.escalation.id, at);
}

/** The same concern, raised at `raisedAt` and resolved by the QARO at `resolvedAt`: a concluded record. */
export async function resolvedTemplate(
  stack: Stack,
  raisedAt: string,
  resolvedAt: string,
): Promise<Escalation> {
  stack.clock.set(raisedAt);
  const iro = person(IRO).aadObjectId;
  const raised = await raiseEscalation(stack.bot.services, iro, raiseForm(randomUUID()));
  if (raised.kind !== "raised") throw new Error(`the sample concern was not raised: ${raised.kind}`);
  stack.clock.set(resolvedAt);
  const resolved = await performAction(stack.bot.services, iro, {
    verb: "resolve",
    escalationId: raised.escalation.id,
    stageId: "stage-1",
    resolvedOn: resolvedAt.slice(0, 10),
    outcomeConfirmed: "childs-plan-on-track",
  });
  if (resolved.kind !== "applied") throw new Error(`the sample concern was not resolved: ${resolved.kind}`);
  return takeOut(stack, raised.escalation.id, resolvedAt);
}

async function takeOut(stack: Stack, id: string, at: string): Promise<Escalation> {
  const stored = await stack.bot.services.store.get(id);
  if (!stored) throw new Error(`escalation ${id} is not stored`);
  await stack.escalations.item(id, id).delete();
  return stored.value.outbox.reduce((escalation, item) => markSent(escalation, item.id, at), stored.value);
}

/**
 * Copies of `template` under these ids, `concurrency` creates at a time; stops early once `performance.now()`
 * passes `until`. Returns how many were created.
 */
export async function insertCopies(
  container: Container,
  template: Escalation,
  ids: readonly string[],
  options: { readonly concurrency?: number; readonly until?: number } = {},
): Promise<number> {
  const { concurrency = 32, until = Number.POSITIVE_INFINITY } = options;
  let next = 0;
  let created = 0;
  const worker = async () => {
    for (let id = ids[next++]; id !== undefined && performance.now() < until; id = ids[next++]) {
      // A reset connection is retried; an upsert landing twice leaves the same copy.
      await withRetries(() => container.items.upsert(toDocument(copyOf(template, id))));
      created += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return created;
}

/** The template under `id`, for a child of its own (a case ID drawn from the id), as every record is. */
export function copyOf(template: Escalation, id: string): Escalation {
  return { ...template, id, child: { ...template.child, caseId: caseIdFor(id) } };
}

/** Writes the copies back as they were (the reminders run changes them). */
export async function restoreCopies(
  container: Container,
  template: Escalation,
  ids: readonly string[],
  concurrency = 32,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let id = ids[next++]; id !== undefined; id = ids[next++]) {
      await withRetries(() => container.items.upsert(toDocument(copyOf(template, id))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
}

export function documentBytes(template: Escalation): number {
  return Buffer.byteLength(JSON.stringify(toDocument(template)), "utf8");
}
