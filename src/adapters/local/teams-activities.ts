// Teams activities as Teams posts them to /api/messages for a user's 1:1 chat with the bot: the install of
// the bot, a card's Universal Action (`invoke` `adaptiveCard/action`) and a typeahead picker's search
// (`application/search`). Every activity has a fresh id, the msteams channel, the Bot Connector's serviceUrl
// and the tenant twice, as Teams sends it. The build's first answers and the benchmarks send them for the
// sample directory (sample-activities.ts); the tests send them for theirs.
import { randomUUID } from "node:crypto";

export interface TeamsChannel {
  /** The Bot Connector's URL (locally, a stand-in's). */
  readonly serviceUrl: string;
  readonly tenantId: string;
  /** The bot's channel account: `28:<client id>`. */
  readonly bot: { readonly id: string; readonly name: string };
}

export interface TeamsUser {
  /** The user's Teams id for this bot, `29:…`. */
  readonly id: string;
  readonly name: string;
  /** The Entra object id: the directory's person id. */
  readonly aadObjectId: string;
  /** Their 1:1 conversation with the bot. */
  readonly conversationId: string;
}

export type Activity = Record<string, unknown>;

/** Overrides applied last, e.g. another tenant or a chosen activity id. */
export type ActivityOverrides = Readonly<Record<string, unknown>>;

/** An activity of `type` from the user in their 1:1 chat, with `fields` of its own. */
export function teamsActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  type: string,
  fields: ActivityOverrides = {},
): Activity {
  const now = new Date().toISOString();
  return {
    type,
    id: randomUUID(),
    timestamp: now,
    localTimestamp: now,
    localTimezone: "Europe/London",
    channelId: "msteams",
    serviceUrl: channel.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { id: user.conversationId, conversationType: "personal", tenantId: channel.tenantId },
    recipient: { id: channel.bot.id, name: channel.bot.name },
    channelData: { tenant: { id: channel.tenantId } },
    locale: "en-GB",
    entities: [
      { type: "clientInfo", locale: "en-GB", country: "GB", platform: "Web", timezone: "Europe/London" },
    ],
    ...fields,
  };
}

/**
 * The install of the bot in the user's personal scope. Teams names the bot itself as the member added;
 * the Agents Playground names the user and the bot (`includeUser`).
 */
export function installActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  options: { readonly includeUser?: boolean } = {},
  overrides: ActivityOverrides = {},
): Activity {
  const bot = { id: channel.bot.id };
  const membersAdded = options.includeUser ? [{ id: user.id, aadObjectId: user.aadObjectId }, bot] : [bot];
  return teamsActivity(channel, user, "conversationUpdate", {
    membersAdded,
    channelData: { tenant: { id: channel.tenantId }, eventType: "teamMemberAdded" },
    ...overrides,
  });
}

/** A card's Action.Execute, as Teams sends it when a button is pressed. */
export function cardActionActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  verb: string,
  data: unknown,
  overrides: ActivityOverrides = {},
): Activity {
  return teamsActivity(channel, user, "invoke", {
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    replyToId: `1:${randomUUID()}`,
    channelData: { tenant: { id: channel.tenantId }, source: { name: "message" } },
    ...overrides,
  });
}

/**
 * What Teams sends as someone types into a typeahead picker (`choices.data` of type Data.Query): the text
 * so far, the page asked for, the picker's dataset and, when it asks for them, the card's other inputs.
 */
export function searchActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  query: { dataset: string; text: string; inputs?: Readonly<Record<string, string>> },
  overrides: ActivityOverrides = {},
): Activity {
  return teamsActivity(channel, user, "invoke", {
    name: "application/search",
    value: {
      queryText: query.text,
      queryOptions: { skip: 0, top: 15 },
      dataset: query.dataset,
      ...(query.inputs ? { data: query.inputs } : {}),
    },
    channelData: { tenant: { id: channel.tenantId }, source: { name: "message" } },
    ...overrides,
  });
}
