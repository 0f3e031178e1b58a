// The composition root: configuration → adapters → use cases → the handlers both hosts serve. Nothing else
// builds clients or wires dependencies. The Azure Functions host (src/hosts/functions.ts) and the local host
// (src/hosts/local) both call `createBot`; no adapter imports this module.
import { randomUUID } from "node:crypto";

import { type AuthConfiguration, AuthType, CloudAdapter } from "@microsoft/agents-hosting";
import { DateTime } from "luxon";

import { CachedConversationStore } from "./adapters/cached-conversations";
import { cachedDirectory } from "./adapters/cached-directory";
import { digestCards } from "./adapters/cards/digest-card";
import { systemClock } from "./adapters/clock";
import { cosmosAuth, createCosmosClient } from "./adapters/cosmos/client";
import { CONVERSATIONS, DELIVERIES, DIRECTORY, ESCALATIONS } from "./adapters/cosmos/containers";
import { CosmosConversationStore } from "./adapters/cosmos/cosmos-conversation-store";
import { CosmosDeliveryLog } from "./adapters/cosmos/cosmos-delivery-log";
import { CosmosDirectoryStore } from "./adapters/cosmos/cosmos-directory-store";
import { CosmosEscalationStore } from "./adapters/cosmos/cosmos-escalation-store";
import { checkContainers, ensureContainers } from "./adapters/cosmos/provision";
import { GraphClient, managedIdentityGraphToken } from "./adapters/graph/graph-client";
import { GraphMailer } from "./adapters/mail/graph-mailer";
import { MailChannel } from "./adapters/mail/mail-channel";
import { loadPolicies } from "./adapters/policies/policy-files";
import { BotTokenValidator } from "./adapters/teams/bot-token";
import {
  createMessagesHandler,
  type HttpRequestLike,
  type HttpResponseLike,
  type InboundAuth,
} from "./adapters/teams/http-handler";
import { TeamsInstaller } from "./adapters/teams/proactive-install";
import { createTeamsApp } from "./adapters/teams/teams-app";
import { TeamsNotifier } from "./adapters/teams/teams-notifier";
import { byChannel } from "./application/delivery";
import {
  type ClaimDeps,
  type Claimed,
  type DispatchDeps,
  dispatchOutbox,
  owedClaim,
} from "./application/dispatch-outbox";
import { type ReminderRunSummary, runReminders } from "./application/run-reminders";
import { type DigestRun, sendDigests } from "./application/send-digest";
import type { Services } from "./application/services";
import { type Config, isLocalEndpoint, loadConfig } from "./config";
import { createCalendar, LONDON } from "./domain/calendar";
import type { Escalation } from "./domain/escalation";
import { errorName } from "./domain/log-fields";
import { holdsClaim, owesUnclaimed } from "./domain/outbox";
import type { Policy } from "./domain/policy";
import type { Clock, Logger } from "./domain/ports";
import { withinWorkingHours } from "./domain/reminders";

export interface Bot {
  readonly config: Config;
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
  /** Replaces how Microsoft Graph tokens are obtained (tests serve their own). */
  readonly graphToken?: () => Promise<string>;
  /** The configuration and policies, where the host has read them from `env` already. */
  readonly loaded?: { readonly config: Config; readonly policies: ReadonlyMap<string, Policy> };
}

export async function createBot(options: BotOptions): Promise<Bot> {
  const { logger } = options;
  const policies = options.loaded?.policies ?? loadPolicies();
  const config = options.loaded?.config ?? loadConfig(options.env, policies.keys());
  const { endpoint } = config.cosmos;
  const client = createCosmosClient({
    endpoint,
    ...cosmosAuth(endpoint, config.cosmos.key, config.cosmos.managedIdentityClientId),
    // A Cosmos DB endpoint on this machine (the emulator, the in-process server) has a self-signed
    // certificate whatever the bot's auth mode; the client refuses this for any remote endpoint.
    allowSelfSignedCertificate: isLocalEndpoint(endpoint),
  });
  // On this machine the containers are made when missing; in Azure the templates made them.
  const database = await (isLocalEndpoint(endpoint) ? ensureContainers : checkContainers)(
    client,
    config.cosmos.database,
  );
  const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), logger);
  const directoryStore = new CosmosDirectoryStore(database.container(DIRECTORY.id), logger);
  const clock = options.clock ?? systemClock;
  const calendar = createCalendar(config.calendar);
  // Reminders go within working hours; what an action causes goes at once.
  const claims: ClaimDeps = {
    now: () => clock.now(),
    remindersMayGo: (now) => withinWorkingHours(now, calendar, config.hours),
  };
  const services: Services = {
    store,
    conversations: new CachedConversationStore(
      new CosmosConversationStore(database.container(CONVERSATIONS.id)),
    ),
    directory: cachedDirectory(directoryStore, config.directoryCacheMs),
    policies,
    policyId: config.policyId,
    policyIds: config.policyIds,
    councilName: config.councilName,
    calendar,
    hours: config.hours,
    sendsEmail: config.mail !== undefined,
    clock,
    logger,
    newId: randomUUID,
    claimOwed: () => owedClaim(claims),
  };

  const adapter = new CloudAdapter(authConfiguration(config));
  if (options.outboundToken) useTokenSource(adapter, options.outboundToken);
  const notifier = new TeamsNotifier(adapter, services, {
    botId: config.bot.id,
    ...(config.install ? { installer: installer(config, config.install, options.graphToken) } : {}),
  });
  const mail = config.mail
    ? new MailChannel(
        services,
        new GraphMailer(
          new GraphClient({
            baseUrl: config.mail.graphBaseUrl,
            token: graphTokenFor(config, options.graphToken),
          }),
          config.mail.sender,
        ),
        { botId: config.bot.id, originatorId: config.mail.originatorId },
      )
    : undefined;
  const dispatch: DispatchDeps = {
    ...claims,
    store,
    channel: byChannel({ teams: notifier, ...(mail ? { email: mail } : {}) }),
    logger,
  };
  const running = new Set<Promise<unknown>>();
  const afterWrite = (escalation: Escalation, claimed?: Claimed) => {
    // Nothing to send, or another dispatcher holds it: no dispatch, no store call.
    const owes = claimed
      ? holdsClaim(claimed.stored.value, claimed.by)
      : owesUnclaimed(escalation, clock.now());
    if (!owes) return;
    const escalationId = escalation.id;
    // The sends start once the answer to the action is on its way: drawing their cards would otherwise
    // share the CPU with drawing the answer's.
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => dispatchOutbox(dispatch, escalationId, claimed))
      .catch((error: unknown) => {
        // What was not sent stays owed; the reminders timer sends it.
        logger.warn("dispatch after write failed", {
          escalationId,
          error: errorName(error),
        });
      })
      .finally(() => running.delete(job));
    running.add(job);
  };
  const app = createTeamsApp(adapter, {
    services,
    afterWrite,
    outlookOriginatorId: config.mail?.originatorId,
  });
  const deliveries = new CosmosDeliveryLog(database.container(DELIVERIES.id));
  const policyName = policies.get(config.policyId)?.name ?? config.policyId;
  const auth: InboundAuth =
    config.bot.mode === "local"
      ? { mode: "local" }
      : {
          mode: "bot-framework",
          clientId: config.bot.id,
          validator: new BotTokenValidator({
            clientId: config.bot.id,
            ...(config.bot.openIdMetadataUrl ? { openIdMetadataUrl: config.bot.openIdMetadataUrl } : {}),
          }),
        };
  const handleMessages = createMessagesHandler({
    adapter,
    app,
    auth,
    allowedTenants: new Set(config.allowedTenants),
    logger,
  });
  logger.info("bot started", {
    policyId: config.policyId,
    localMode: config.bot.mode === "local",
    database: config.cosmos.database,
  });
  return {
    config,
    services,
    handleMessages,
    dispatch,
    runReminders: (isPastDue) => runReminders(services, dispatch, { isPastDue }),
    sendDigests: async (digestOptions = {}) => {
      const london = DateTime.fromISO(clock.now(), { zone: LONDON });
      const due =
        london.toFormat("cccc") === config.digest.day &&
        london.toFormat("HH") === config.digest.time.slice(0, 2);
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

function authConfiguration({ bot }: Config): AuthConfiguration {
  if (bot.mode === "local") return {};
  return {
    clientId: bot.id,
    ...(bot.tenantId ? { tenantId: bot.tenantId } : {}),
    ...(bot.clientSecret ? { clientSecret: bot.clientSecret } : {}),
    authType: bot.authType === "UserManagedIdentity" ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
  };
}

/** Proactive install as the bot's managed identity, which holds TeamsAppInstallation.ReadWriteSelfForUser.All. */
function installer(
  config: Config,
  install: NonNullable<Config["install"]>,
  graphToken: (() => Promise<string>) | undefined,
): TeamsInstaller {
  const token = graphTokenFor(config, graphToken);
  const tenantId =
    (config.bot.mode === "bot-framework" ? config.bot.tenantId : undefined) ?? config.allowedTenants[0] ?? "";
  return new TeamsInstaller(new GraphClient({ baseUrl: install.graphBaseUrl, token }), {
    catalogAppId: install.catalogAppId,
    serviceUrl: install.serviceUrl,
    tenantId,
    botId: `28:${config.bot.id}`,
  });
}

/** One Graph token source for the whole process (install and mail), so both share its cache. */
const graphTokens = new WeakMap<Config, () => Promise<string>>();
function graphTokenFor(config: Config, given: (() => Promise<string>) | undefined): () => Promise<string> {
  if (given) return given;
  let token = graphTokens.get(config);
  if (!token) {
    token = managedIdentityGraphToken(config.cosmos.managedIdentityClientId);
    graphTokens.set(config, token);
  }
  return token;
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
