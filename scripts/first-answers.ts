// Part of `npm run build`, run by scripts/bundle-functions.ts in a Node process of its own: loads the
// Functions bundle as the Functions host does, has it answer the first card actions a worker answers, then
// keeps the code V8 compiled as the bundle's code cache (docs/adr/0013). A cache made when the bundle has only
// loaded holds its top level; one made after these answers also holds every function they ran (the Agents
// SDK's turn, the Cosmos DB client's requests, the use cases, the cards, the sends after a write), which a
// worker would otherwise compile during its first request. The answers are the sample directory's
// (examples/directory.json): its QARO raises a concern and its Team Manager responds, on the in-process
// Cosmos DB server, with the sends after each write answered by a stand-in for the Bot Connector.
//
// Usage: node dist/scripts/first-answers.js <bundle> <cache folder>
import { randomUUID } from "node:crypto";
import path from "node:path";

import { HttpRequest, InvocationContext } from "@azure/functions";

import { createCosmosClient } from "../src/adapters/cosmos/client";
import { DIRECTORY, ESCALATIONS } from "../src/adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../src/adapters/cosmos/cosmos-directory-store";
import { CosmosEscalationStore } from "../src/adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../src/adapters/cosmos/provision";
import { checkDirectoryFile } from "../src/adapters/directory-files";
import { startConnectorStandIn } from "../src/adapters/local/connector-stand-in";
import { startEmbeddedCosmos } from "../src/adapters/local/embedded-cosmos";
import {
  actionActivity,
  type Activity,
  APPLIED_HEADLINE,
  cardAction,
  installActivity,
  IRO,
  personIn,
  raiseForm,
  TEAM_MANAGER,
  TENANT_ID,
} from "../src/adapters/local/sample-activities";
import { loadPolicies } from "../src/adapters/policies/policy-files";
import type { Logger } from "../src/domain/ports";
import { loadWithCodeCache } from "../src/hosts/code-cache";
import type * as Entry from "../src/hosts/functions";
import { projectRoot } from "./project-root";

const DATABASE = "first-answers";

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** What the answers were, for the build's log: each is applied, or the cache is not kept. */
export interface FirstAnswers {
  readonly answered: readonly string[];
  readonly cache: string;
}

export async function answerFirstAndKeep(bundle: string, folder: string): Promise<FirstAnswers> {
  const root = projectRoot();
  const policy = loadPolicies().get("dorset-qaro");
  if (!policy) throw new Error("the Dorset QARO policy is not in policies/");
  const directoryCheck = checkDirectoryFile(path.join(root, "examples/directory.json"), policy);
  if (!directoryCheck.ok) throw new Error("the sample directory does not fit the Dorset QARO policy");
  const { directory } = directoryCheck;
  const cosmos = await startEmbeddedCosmos();
  const connector = await startConnectorStandIn();
  const client = createCosmosClient({ endpoint: cosmos.endpoint, allowSelfSignedCertificate: true });
  try {
    const database = await ensureContainers(client, DATABASE);
    await new CosmosDirectoryStore(database.container(DIRECTORY.id), quiet).replaceAll(directory);
    // The bundle reads its configuration as it loads, as on a Function App.
    Object.assign(process.env, {
      LOCAL_MODE: "true",
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_DATABASE: DATABASE,
      POLICY: policy.id,
      ALLOWED_TENANT_IDS: TENANT_ID,
    });
    const loaded = loadWithCodeCache(bundle, []);
    const entry = loaded.exports as typeof Entry;
    const iro = personIn(directory, IRO);
    const teamManager = personIn(directory, TEAM_MANAGER);
    const answered: string[] = [];
    const answer = async (what: string, activity: Activity, applied?: string) => {
      const response = await entry.messages(
        new HttpRequest({
          method: "POST",
          url: "http://127.0.0.1:7071/api/messages",
          headers: { "content-type": "application/json" },
          body: { string: JSON.stringify(activity) },
        }),
        new InvocationContext({ functionName: "messages", logHandler: () => undefined }),
      );
      const body = typeof response.body === "string" ? response.body : "";
      if (response.status !== 200 || (applied !== undefined && !body.includes(applied)))
        throw new Error(`${what} was answered ${String(response.status)}, not applied`);
      answered.push(what);
    };
    for (const user of [iro, teamManager])
      await answer(`the bot installed by ${user.name}`, installActivity(connector.serviceUrl, user));
    // The bundle runs on the real clock: the days the forms give are today and after.
    const today = new Date().toISOString().slice(0, 10);
    await answer(
      "a concern raised",
      cardAction(connector.serviceUrl, iro, "raise", raiseForm(directory, randomUUID(), today)),
      APPLIED_HEADLINE.raise,
    );
    const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), quiet);
    const [raised] = (await database.container(ESCALATIONS.id).items.readAll<{ id: string }>().fetchAll())
      .resources;
    const stored = raised ? await store.get(raised.id) : undefined;
    if (!stored) throw new Error("the concern raised is not in the store");
    await answer(
      "a response",
      actionActivity(
        directory,
        connector.serviceUrl,
        "respond",
        stored.value.id,
        stored.value.version,
        today,
      ),
      APPLIED_HEADLINE.respond,
    );
    await sendsDone(() => connector.posted());
    return { answered, cache: loaded.keep(folder) };
  } finally {
    client.dispose();
    await connector.close();
    await cosmos.stop();
  }
}

/** Resolves once no message has been posted for a while (the sends after each write are done), or at most 10 s. */
async function sendsDone(posted: () => number): Promise<void> {
  const quietFor = 300;
  const until = Date.now() + 10_000;
  let last = -1;
  while (Date.now() < until && posted() !== last) {
    last = posted();
    await new Promise((resolve) => setTimeout(resolve, quietFor));
  }
}

if (require.main === module) {
  const [bundle, folder] = process.argv.slice(2);
  if (bundle === undefined || folder === undefined) {
    process.stderr.write("usage: node dist/scripts/first-answers.js <bundle> <cache folder>\n");
    process.exit(2);
  }
  answerFirstAndKeep(bundle, folder).then(
    (done) => {
      process.stdout.write(`${JSON.stringify(done)}\n`);
      // The bundle's timers (the directory cache, the cache kept later) are not waited for.
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
