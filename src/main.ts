// The composition root: configuration → adapters → use cases → the handlers both hosts serve. Nothing else
// builds clients or wires dependencies. The Azure Functions entry (src/adapters/functions) and the local
// host (src/adapters/local) both call `createBot`.
import { randomUUID } from "node:crypto";
import { AuthType, CloudAdapter, type AuthConfiguration } from "@microsoft/agents-hosting";
import { cosmosAuth, createCosmosClient, isLocalEndpoint } from "./adapters/cosmos/client";
import { CONVERSATIONS, DELIVERIES, DIRECTORY, ESCALATIONS } from "./adapters/cosmos/containers";
import { CosmosConversationStore } from "./adapters/cosmos/cosmos-conversation-store";
import { CosmosDirectoryStore } from "./adapters/cosmos/cosmos-directory-store";
import { CosmosEscalationStore } from "./adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "./adapters/cosmos/provision";
import { loadPolicies } from "./adapters/policies/policy-files";
import { BotTokenValidator } from "./adapters/teams/bot-token";
import {
  createMessagesHandler,
  type HttpRequestLike,
  type HttpResponseLike,
  type InboundAuth,
} from "./adapters/teams/http-handler";
import { createTeamsApp } from "./adapters/teams/teams-app";
import { TeamsNotifier } from "./adapters/teams/teams-notifier";
import { dispatchOutbox, type DispatchDeps } from "./application/dispatch-outbox";
import { runReminders, type ReminderRunSummary } from "./application/run-reminders";
import { sendDigests, type DigestRun } from "./application/send-digest";
import { digestCards } from "./adapters/cards/digest-card";
import { CosmosDeliveryLog } from "./adapters/cosmos/cosmos-delivery-log";
import type { DirectorySource, Services } from "./application/services";
import { ConfigError, parseSettings, settingsSchema, type Settings } from "./config";
import { DateTime } from "luxon";
import { createCalendar, LONDON, type Region } from "./domain/calendar";
import { DirectoryIndex } from "./domain/directory";
import type { Clock, Logger } from "./domain/ports";
import { withinWorkingHours } from "./domain/reminders";

export interface Bot {
  readonly settings: Settings;
  readonly services: Services;
  readonly handleMessages: (request: HttpRequestLike) => Promise<HttpResponseLike>;
  readonly dispatch: DispatchDeps;
  /** One reminders run: what is owed now is added to outboxes, and everything owed is sent. */
  runReminders(isPastDue: boolean): Promise<ReminderRunSummary>;
  /** The weekly digest to every QA Manager, if it is the digest's day and hour in London (or `force`). */
  sendDigests(options?: { force?: boolean }): Promise<DigestRun | undefined>;
  /** Resolves when every message dispatch started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface BotOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Replaces how outbound Bot Connector tokens are obtained (tests serve their own). */
  readonly outboundToken?: () => Promise<string>;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export async function createBot(options: BotOptions): Promise<Bot> {
  const settings = parseSettings(settingsSchema, options.env);
  const { logger } = options;
  const policies = loadPolicies();
  if (!policies.has(settings.POLICY)) {
    throw new ConfigError([`POLICY: "${settings.POLICY}" is not one of ${[...policies.keys()].join(", ")}`]);
  }
  const endpoint = settings.COSMOS_ENDPOINT;
  if (!endpoint) throw new ConfigError(["COSMOS_ENDPOINT: is required"]);
  const client = createCosmosClient({
    endpoint,
    ...cosmosAuth(endpoint, settings.COSMOS_KEY, settings.MANAGED_IDENTITY_CLIENT_ID),
    // A Cosmos DB endpoint on this machine (the emulator, the in-process server) has a self-signed
    // certificate whatever the bot's auth mode; the client refuses this for any remote endpoint.
    allowSelfSignedCertificate: isLocalEndpoint(endpoint),
  });
  const database = await ensureContainers(client, settings.COSMOS_DATABASE);
  const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), logger);
  const directoryStore = new CosmosDirectoryStore(database.container(DIRECTORY.id), logger);
  const clock = options.clock ?? systemClock;
  const services: Services = {
    store,
    conversations: new CosmosConversationStore(database.container(CONVERSATIONS.id)),
    directory: cachedDirectory(directoryStore, settings.DIRECTORY_CACHE_SECONDS * 1000),
    policies,
    policyId: settings.POLICY,
    calendar: createCalendar({
      region: settings.CALENDAR_REGION as Region,
      closureDays: settings.CLOSURE_DAYS,
      cutOff: settings.RECEIPT_CUT_OFF,
    }),
    hours: { start: settings.WORKING_HOURS_START, end: settings.WORKING_HOURS_END },
    clock,
    logger,
    newId: randomUUID,
  };

  const adapter = new CloudAdapter(authConfiguration(settings));
  if (options.outboundToken) useTokenSource(adapter, options.outboundToken);
  const notifier = new TeamsNotifier(adapter, services, { botId: settings.BOT_CLIENT_ID ?? "local-bot" });
  const dispatch: DispatchDeps = {
    store,
    notifier,
    logger,
    now: () => clock.now(),
    remindersMayGo: (now) => withinWorkingHours(now, services.calendar, services.hours),
  };
  const running = new Set<Promise<unknown>>();
  const afterWrite = (escalationId: string) => {
    const job = dispatchOutbox(dispatch, escalationId)
      .catch((error: unknown) => {
        // What was not sent stays owed; the reminders timer sends it.
        logger.warn("dispatch after write failed", {
          escalationId,
          error: error instanceof Error ? error.name : "error",
        });
      })
      .finally(() => running.delete(job));
    running.add(job);
  };
  const app = createTeamsApp(adapter, { services, afterWrite });
  const deliveries = new CosmosDeliveryLog(database.container(DELIVERIES.id));
  const policyName = policies.get(settings.POLICY)?.name ?? settings.POLICY;
  const auth: InboundAuth =
    settings.LOCAL_MODE || !settings.BOT_CLIENT_ID
      ? { mode: "local" }
      : {
          mode: "bot-framework",
          clientId: settings.BOT_CLIENT_ID,
          validator: new BotTokenValidator({
            clientId: settings.BOT_CLIENT_ID,
            ...(settings.BOT_OPENID_METADATA_URL
              ? { openIdMetadataUrl: settings.BOT_OPENID_METADATA_URL }
              : {}),
          }),
        };
  const handleMessages = createMessagesHandler({
    adapter,
    app,
    auth,
    allowedTenants: new Set(settings.ALLOWED_TENANT_IDS),
    logger,
  });
  logger.info("bot started", {
    policyId: settings.POLICY,
    localMode: settings.LOCAL_MODE,
    database: settings.COSMOS_DATABASE,
  });
  return {
    settings,
    services,
    handleMessages,
    dispatch,
    runReminders: (isPastDue) => runReminders(services, dispatch, { isPastDue }),
    sendDigests: async (digestOptions = {}) => {
      const london = DateTime.fromISO(clock.now(), { zone: LONDON });
      const due =
        london.toFormat("cccc") === settings.DIGEST_DAY &&
        london.toFormat("HH") === settings.DIGEST_TIME.slice(0, 2);
      if (!digestOptions.force && !due) return undefined;
      return sendDigests(services, deliveries, (to, digest) =>
        notifier.sendCards(
          to.id,
          digestCards(digest, services.calendar, policyName),
          "Your weekly escalations digest",
        ),
      );
    },
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    close: async () => {
      while (running.size > 0) await Promise.all([...running]);
      client.dispose();
    },
  };
}

function authConfiguration(settings: Settings): AuthConfiguration {
  if (settings.LOCAL_MODE || !settings.BOT_CLIENT_ID) return {};
  return {
    clientId: settings.BOT_CLIENT_ID,
    ...(settings.BOT_TENANT_ID ? { tenantId: settings.BOT_TENANT_ID } : {}),
    ...(settings.BOT_CLIENT_SECRET ? { clientSecret: settings.BOT_CLIENT_SECRET } : {}),
    authType:
      settings.BOT_AUTH_TYPE === "UserManagedIdentity" ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
  };
}

/** Swaps the SDK's token acquisition for another source of Bot Connector tokens. */
function useTokenSource(adapter: CloudAdapter, token: () => Promise<string>): void {
  const provider = {
    getAccessToken: token,
    acquireTokenOnBehalfOf: () => Promise.reject(new Error("not supported")),
    getAgenticApplicationToken: () => Promise.resolve(""),
    getAgenticInstanceToken: () => Promise.resolve(""),
    getAgenticUserToken: () => Promise.resolve(""),
  };
  const manager = {
    getConnection: () => provider,
    getDefaultConnection: () => provider,
    getTokenProvider: () => provider,
    getTokenProviderFromActivity: () => provider,
    getDefaultConnectionConfiguration: () => (adapter as unknown as { authConfig: unknown }).authConfig,
  };
  (adapter as unknown as { connectionManager: unknown }).connectionManager = manager;
}

/** The directory, read from the store at most once per `ttlMs`. */
function cachedDirectory(store: CosmosDirectoryStore, ttlMs: number): DirectorySource {
  let cached: { index: DirectoryIndex; at: number } | undefined;
  let loading: Promise<DirectoryIndex> | undefined;
  return {
    current: () => {
      if (cached && Date.now() - cached.at < ttlMs) return Promise.resolve(cached.index);
      loading ??= store
        .load()
        .then((data) => {
          cached = { index: new DirectoryIndex(data), at: Date.now() };
          return cached.index;
        })
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
  };
}
