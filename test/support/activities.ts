// The Teams activities the tests send beside those of src/adapters/local/teams-activities.ts (the install,
// a card's Universal Action, a picker's search): a message, the message action's dialog
// (`composeExtension/fetchTask`, `composeExtension/submitAction`) and the answer to a file offered
// (`fileConsent/invoke`), shaped as Teams posts them, and what makes an activity one from Outlook.
import {
  type Activity,
  type ActivityOverrides,
  teamsActivity as base,
  type TeamsChannel,
  type TeamsUser,
} from "../../src/adapters/local/teams-activities";

export {
  type Activity,
  type ActivityOverrides,
  cardActionActivity,
  installActivity,
  searchActivity,
  type TeamsChannel,
  type TeamsUser,
} from "../../src/adapters/local/teams-activities";

export function messageActivity(
  channel: TeamsChannel,
  user: TeamsUser,
  text: string,
  overrides: ActivityOverrides = {},
): Activity {
  return base(channel, user, "message", { text, textFormat: "plain", ...overrides });
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
