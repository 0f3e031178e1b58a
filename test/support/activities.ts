// Real Teams activities, as Teams posts them to /api/messages for a user's 1:1 chat with the bot: a message,
// the conversationUpdate of an install, a card's Universal Action (`invoke` `adaptiveCard/action`) and the
// message action's dialog (`composeExtension/fetchTask`, `composeExtension/submitAction`) and the answer to a
// file offered (`fileConsent/invoke`). Every activity
// has a fresh id, the msteams channel, the fake connector's serviceUrl and the tenant twice, as Teams sends it.
import { randomUUID } from "node:crypto";

export interface TeamsChannel {
  /** The fake Bot Connector's URL. */
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

function base(
  channel: TeamsChannel,
  user: TeamsUser,
  type: string,
  overrides: ActivityOverrides = {},
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
    ...overrides,
  };
}

export function messageActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  text: string,
  overrides: ActivityOverrides = {},
): Activity {
  return base(channel, user, "message", { text, textFormat: "plain", ...overrides });
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
  return base(channel, user, "conversationUpdate", {
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
  return base(channel, user, "invoke", {
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    replyToId: `1:${randomUUID()}`,
    channelData: { tenant: { id: channel.tenantId }, source: { name: "message" } },
    ...overrides,
  });
}

/**
 * What Teams sends when the person answers a file the bot offered (a FileConsentCard): the offer's context
 * back, and on accept the upload session Teams opened in their OneDrive. `replyToId` is the offer's activity.
 */
export function fileConsentActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  value: { action: "accept" | "decline"; context: unknown; uploadInfo?: unknown },
  replyToId: string,
): Activity {
  return base(channel, user, "invoke", {
    name: "fileConsent/invoke",
    value: { type: "fileUpload", ...value },
    replyToId,
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
  return base(channel, user, "invoke", {
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

/** The Teams message another person posted, as a message action receives it. */
export interface MessagePayload {
  readonly id: string;
  readonly createdDateTime: string;
  readonly messageType: "message";
  readonly from: { readonly user: { readonly id: string; readonly displayName: string } };
  readonly body: { readonly contentType: "html" | "text"; readonly content: string };
  readonly attachments: readonly unknown[];
  readonly mentions: readonly unknown[];
}

export function messagePayload(html: string, author: { id: string; name: string }): MessagePayload {
  return {
    id: String(Date.now()),
    createdDateTime: new Date().toISOString(),
    messageType: "message",
    from: { user: { id: author.id, displayName: author.name } },
    body: { contentType: "html", content: html },
    attachments: [],
    mentions: [],
  };
}

/** The message action "Raise escalation" opening its dialog. */
export function fetchTaskActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  payload: MessagePayload,
  commandId = "raiseEscalation",
  overrides: ActivityOverrides = {},
): Activity {
  return base(channel, user, "invoke", {
    name: "composeExtension/fetchTask",
    value: { commandId, commandContext: "message", context: { theme: "default" }, messagePayload: payload },
    channelData: { tenant: { id: channel.tenantId }, source: { name: "compose" } },
    ...overrides,
  });
}

/** The dialog's form submitted (its Action.Submit data). */
export function submitActionActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  data: unknown,
  payload?: MessagePayload,
  commandId = "raiseEscalation",
  overrides: ActivityOverrides = {},
): Activity {
  return base(channel, user, "invoke", {
    name: "composeExtension/submitAction",
    value: {
      commandId,
      commandContext: "message",
      context: { theme: "default" },
      data,
      ...(payload ? { messagePayload: payload } : {}),
    },
    channelData: { tenant: { id: channel.tenantId }, source: { name: "compose" } },
    ...overrides,
  });
}

/**
 * What makes an activity one from Outlook: an Action.Execute on the card in an e-mail reaches the bot through
 * the Azure Bot's Outlook channel, naming the person by their Entra object id, in no Teams chat.
 */
export function fromOutlook(channel: TeamsChannel, user: TeamsUser): ActivityOverrides {
  return {
    channelId: "outlook",
    from: { id: user.aadObjectId, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { id: `outlook:${user.aadObjectId}`, tenantId: channel.tenantId },
    channelData: { tenant: { id: channel.tenantId } },
  };
}
