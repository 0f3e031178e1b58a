// The store floor: what a minimal design of the bot's card actions costs on the same stack. An
// AgentApplication with one Action.Execute route that reads the escalation's document (one point read),
// replaces it with its ETag (one write, the owed messages claimed in it), answers with the bot's card, and
// after the answer sends the messages the bot sent for one such action (their cards and previews) through
// the same SDK path (`continueConversation` to a fake Bot Connector) and marks them sent with one more
// write. The embedded Cosmos DB–compatible server, the real @azure/cosmos client and the fake connector run
// in this process, as they run in the bot server's, so CPU per action is comparable.
import type { Container } from "@azure/cosmos";
import type { Activity, Attachment, ConversationReference } from "@microsoft/agents-activity";
import {
  type AdaptiveCard,
  AgentApplication,
  CloudAdapter,
  MessageFactory,
  type TurnState,
} from "@microsoft/agents-hosting";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { type ConnectorStandIn, startConnectorStandIn } from "../../src/adapters/local/connector-stand-in";
import type { NodeHost } from "../../src/adapters/local/node-host";
import { serveBare } from "../support/bare-host";
import { type CountingCosmos, startCountingCosmos } from "../support/cosmos";
import { cpuSince, type Handlers, peakRssMiB, serve } from "../support/ipc";
import { RequestProfiler } from "../support/profile";
import { BOT, TENANT_ID } from "../support/sample";

interface Document {
  readonly id: string;
  readonly outbox: readonly object[];
}

let host: NodeHost | undefined;
let cosmos: CountingCosmos | undefined;
let connector: ConnectorStandIn | undefined;
let template: Document | undefined;
let escalations: Container | undefined;
let cards: Readonly<Record<string, AdaptiveCard>> = {};
/** The messages the bot sent for one action of each verb: each one's attachment and preview. */
let messages: Readonly<Record<string, readonly Message[]>> = {};
let cpu = process.cpuUsage();
const running = new Set<Promise<unknown>>();
let failedSends = 0;
const profiler = new RequestProfiler();

const handlers = {
  start: async (document: Document) => {
    template = document;
    cosmos = await startCountingCosmos();
    connector = await startConnectorStandIn();
    const client = createCosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      allowSelfSignedCertificate: true,
    });
    const container = (await ensureContainers(client, "bench-floor")).container(ESCALATIONS.id);
    escalations = container;
    const reference: ConversationReference = {
      serviceUrl: connector.serviceUrl,
      channelId: "msteams",
      conversation: { id: "a:floor-chat", conversationType: "personal", tenantId: TENANT_ID },
      agent: { id: BOT.id, name: BOT.name },
      user: { id: "29:floor-user", name: "" },
    };
    const adapter = new CloudAdapter({});
    const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });

    /** The owed messages sent, then marked sent with one ETag-guarded write. */
    const sendOwed = async (verb: string, written: Document, etag: string) => {
      for (const { attachment, summary } of messages[verb] ?? []) {
        const activity: Activity = MessageFactory.attachment(attachment);
        activity.summary = summary;
        await adapter.continueConversation(BOT.id, reference, async (context) => {
          await context.sendActivity(activity);
        });
      }
      const marked = {
        ...written,
        outbox: written.outbox.map((item) => ({ ...item, status: "sent", claimedUntil: undefined })),
      };
      await container
        .item(written.id, written.id)
        .replace(marked, { accessCondition: { type: "IfMatch", condition: etag } });
    };

    app.adaptiveCards.actionExecute(/^(respond|resolve|escalate|raise)$/, async (context) => {
      const value = context.activity.value as
        { action?: { verb?: string; data?: { escalationId?: string; formId?: string } } } | undefined;
      const verb = value?.action?.verb ?? "";
      const id = value?.action?.data?.escalationId ?? value?.action?.data?.formId ?? "";
      const owed = Array.from({ length: messages[verb]?.length ?? 0 }, (_, i) => ({
        id: `${verb}:${i}`,
        status: "pending",
        claimedUntil: new Date(Date.now() + 60_000).toISOString(),
      }));
      let written: Document;
      let etag: string;
      if (verb === "raise") {
        // The raise: a read that finds no form of that id, and the create.
        await container.item(id, id).read();
        const created = await container.items.create({ ...template, id, outbox: owed });
        written = created.resource as unknown as Document;
        etag = created.etag;
      } else {
        const read = await container.item(id, id).read<Document>();
        if (!read.resource) throw new Error(`no document ${id}`);
        const next = { ...read.resource, outbox: [...read.resource.outbox, ...owed] };
        const replaced = await container
          .item(id, id)
          .replace(next, { accessCondition: { type: "IfMatch", condition: read.etag } });
        written = replaced.resource as unknown as Document;
        etag = replaced.etag;
      }
      // As the bot does, the sends start once the answer is on its way.
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => sendOwed(verb, written, etag))
        .catch(() => (failedSends += 1))
        .finally(() => running.delete(job));
      running.add(job);
      return cards[verb] ?? { type: "AdaptiveCard", version: "1.5", body: [] };
    });
    host = await serveBare(adapter, app, (handle) => profiler.handler(handle));
    return { url: host.url, serviceUrl: connector.serviceUrl };
  },
  /** The card to answer each verb with, and the messages the bot sent after one (as it posted them). */
  configure: (args: { cards: Record<string, AdaptiveCard>; messages: Record<string, readonly string[]> }) => {
    cards = args.cards;
    messages = Object.fromEntries(
      Object.entries(args.messages).map(([verb, posted]) => [verb, posted.map(messageOf)]),
    );
    return Promise.resolve();
  },
  /** Fresh copies of the bot's Level 1 document under these ids. */
  prepare: async (ids: readonly string[]) => {
    if (!escalations || !template) throw new Error("the floor server has not started");
    for (const id of ids) await escalations.items.create({ ...template, id });
    cosmos?.reset();
    cpu = process.cpuUsage();
    return ids.length;
  },
  /** Waits for the sends; what the run cost. */
  settle: async () => {
    while (running.size > 0) await Promise.all([...running]);
    const counts = cosmos?.counts();
    cosmos?.reset();
    const cpuMs = cpuSince(cpu);
    cpu = process.cpuUsage();
    return {
      cosmos: counts,
      cpuMs,
      posted: connector?.posted() ?? 0,
      failedSends,
      peakRssMiB: peakRssMiB(),
    };
  },
  /** Waits for the sends the last request started. */
  idle: async () => {
    while (running.size > 0) await Promise.all([...running]);
    profiler.settled();
  },
  /** Profiles each request from now on, the answer and the whole action apart. */
  profile: () => profiler.start(),
  /** Where the requests since `profile` spent their CPU. */
  breakdown: () => profiler.stop(),
  stop: async () => {
    await host?.close();
    await connector?.close();
    await cosmos?.stop();
  },
} satisfies Handlers;

/** A message as the bot posted it: what it carried (a card, or a file offered) and its preview. */
interface Message {
  readonly attachment: Attachment;
  readonly summary: string;
}

function messageOf(posted: string): Message {
  const activity = JSON.parse(posted) as { attachments?: Attachment[]; summary?: string };
  const attachment = activity.attachments?.[0];
  if (!attachment) throw new Error("a message the bot posted carried nothing");
  return { attachment, summary: activity.summary ?? "" };
}

export type FloorServer = typeof handlers;

serve(handlers);
