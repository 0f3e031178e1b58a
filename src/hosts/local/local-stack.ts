// The whole product on one machine with no Azure account: the in-process Cosmos DB–compatible server, the
// sample directory, the bot on the same handler as Azure Functions, the timers on their schedules, and an
// Agents Playground for each sample person. Data can be kept across restarts in a local file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { CosmosClient } from "@azure/cosmos";

import { createCosmosClient } from "../../adapters/cosmos/client";
import { CONTAINERS, DIRECTORY } from "../../adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../../adapters/cosmos/cosmos-directory-store";
import { ensureContainers } from "../../adapters/cosmos/provision";
import { checkDirectoryFile } from "../../adapters/directory-files";
import { type EmbeddedCosmos, startEmbeddedCosmos } from "../../adapters/local/embedded-cosmos";
import { type MailCatcher, startMailCatcher } from "../../adapters/local/mail-catcher";
import { type NodeHost, serveMessages } from "../../adapters/local/node-host";
import {
  LOCAL_TENANT_ID,
  type Playground,
  type PlaygroundUser,
  startPlayground,
} from "../../adapters/local/playground";
import { loadPolicies } from "../../adapters/policies/policy-files";
import { errorName } from "../../domain/log-fields";
import type { Clock, Logger } from "../../domain/ports";
import { type Bot, createBot } from "../../main";

export interface LocalOptions {
  readonly botPort: number;
  readonly playgroundPort: number;
  readonly policy: string;
  readonly directoryFile: string;
  /** Where kept data and the playgrounds' files live. */
  readonly dataDir: string;
  /** Load the store saved by the last run, and save it on stop. */
  readonly keepData: boolean;
  readonly clock: Clock;
  /** Real milliseconds between reminder runs. */
  readonly reminderIntervalMs: number;
  /**
   * Names from the directory to open a playground for, the first at `playgroundPort` and the next on the
   * following ports (0: each on any free port); none: no playground.
   */
  readonly playgroundPeople: readonly string[];
  /** The local inbox's web and SMTP ports: the bot's e-mails go there. None: no e-mail. */
  readonly mail?: { readonly webPort: number; readonly smtpPort: number };
  /** Settings passed to the bot as environment (calendar, working hours...). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface LocalStack {
  readonly bot: Bot;
  readonly host: NodeHost;
  readonly cosmos: EmbeddedCosmos;
  readonly playgrounds: readonly Playground[];
  /** The local inbox, when the run sends e-mail. */
  readonly mail: MailCatcher | undefined;
  stop(): Promise<void>;
}

const DATABASE = "escalation-bot-local";
/** The council's mailbox in the local run, and an Outlook provider id so e-mails carry the live card. */
export const LOCAL_MAIL_SENDER = "escalations@council.localhost";
const LOCAL_ORIGINATOR_ID = "00000000-0000-4000-8000-0000000a11ce";

export async function startLocal(options: LocalOptions, logger: Logger): Promise<LocalStack> {
  const policies = loadPolicies();
  const policy = policies.get(options.policy);
  if (!policy)
    throw new Error(`unknown policy "${options.policy}"; known: ${[...policies.keys()].join(", ")}`);
  const directoryCheck = checkDirectoryFile(options.directoryFile, policy);
  if (!directoryCheck.ok) {
    throw new Error(
      `the directory ${options.directoryFile} does not fit ${policy.id}:\n${directoryCheck.problems.map((p) => `  ${p.where}: ${p.message}`).join("\n")}`,
    );
  }
  const cosmos = await startEmbeddedCosmos();
  const client = createCosmosClient({ endpoint: cosmos.endpoint, allowSelfSignedCertificate: true });
  const database = await ensureContainers(client, DATABASE);
  const savedStore = path.join(options.dataDir, "store.json");
  if (options.keepData && existsSync(savedStore)) await loadStore(client, savedStore);
  await new CosmosDirectoryStore(database.container(DIRECTORY.id), logger).replaceAll(
    directoryCheck.directory,
  );

  const mail = options.mail ? await startMailCatcher(options.mail) : undefined;
  const bot = await createBot({
    env: {
      ...options.env,
      ...(mail
        ? {
            MAIL_SENDER: LOCAL_MAIL_SENDER,
            OUTLOOK_ORIGINATOR_ID: LOCAL_ORIGINATOR_ID,
            GRAPH_BASE_URL: mail.graphBaseUrl,
          }
        : {}),
      LOCAL_MODE: "true",
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_DATABASE: DATABASE,
      POLICY: policy.id,
      ALLOWED_TENANT_IDS: LOCAL_TENANT_ID,
      DIRECTORY_CACHE_SECONDS: "0",
    },
    logger,
    clock: options.clock,
    // The stand-in takes any token: there is no Entra ID on this machine.
    ...(mail ? { graphToken: () => Promise.resolve("local") } : {}),
  });
  const host = await serveMessages(bot.handleMessages, options.botPort);

  let running = Promise.resolve();
  const tick = (work: () => Promise<unknown>) => {
    running = running.then(work).then(
      () => undefined,
      (error: unknown) => logger.error("timer run failed", { error: errorName(error) }),
    );
  };
  const reminders = setInterval(() => tick(() => bot.runReminders(false)), options.reminderIntervalMs);
  const digests = setInterval(
    () => tick(() => bot.sendDigests()),
    Math.max(options.reminderIntervalMs, 60_000),
  );

  const people = directoryCheck.directory.people;
  const users: PlaygroundUser[] = people.map((p) => ({
    aadObjectId: p.id,
    name: p.name,
    email: p.email ?? `${p.id}@example.invalid`,
  }));
  const playgrounds: Playground[] = [];
  try {
    for (const [index, name] of options.playgroundPeople.entries()) {
      const user = users.find((u) => u.name === name);
      if (!user) throw new Error(`"${name}" is not in the directory ${options.directoryFile}`);
      const others = [
        ...options.playgroundPeople
          .map((n) => users.find((u) => u.name === n))
          .filter((u): u is PlaygroundUser => !!u),
        ...users,
      ];
      playgrounds.push(
        await startPlayground({
          botUrl: host.url,
          port: options.playgroundPort === 0 ? 0 : options.playgroundPort + index,
          user,
          others: [...new Map(others.map((o) => [o.aadObjectId, o])).values()],
          workDir: path.join(options.dataDir, "playground"),
        }),
      );
    }
  } catch (error) {
    await Promise.all(playgrounds.map((p) => p.stop()));
    clearInterval(reminders);
    clearInterval(digests);
    await host.close();
    await bot.close();
    client.dispose();
    await cosmos.stop();
    await mail?.stop();
    throw error;
  }

  let stopped = false;
  return {
    bot,
    host,
    cosmos,
    playgrounds,
    mail,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(reminders);
      clearInterval(digests);
      await running;
      await Promise.all(playgrounds.map((p) => p.stop()));
      await host.close();
      await bot.close();
      if (options.keepData) await saveStore(client, savedStore);
      client.dispose();
      await cosmos.stop();
      await mail?.stop();
    },
  };
}

/** Saves every container's documents, without Cosmos DB's own fields, to a JSON file. */
async function saveStore(client: CosmosClient, file: string): Promise<void> {
  const database = client.database(DATABASE);
  const saved: Record<string, unknown[]> = {};
  for (const definition of CONTAINERS) {
    const { resources } = await database
      .container(definition.id)
      .items.readAll<Record<string, unknown>>()
      .fetchAll();
    saved[definition.id] = resources.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("_"))),
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved));
}

async function loadStore(client: CosmosClient, file: string): Promise<void> {
  const saved = JSON.parse(readFileSync(file, "utf8")) as Record<
    string,
    Record<string, unknown>[] | undefined
  >;
  const database = client.database(DATABASE);
  for (const definition of CONTAINERS) {
    for (const document of saved[definition.id] ?? [])
      await database.container(definition.id).items.upsert(document);
  }
}
