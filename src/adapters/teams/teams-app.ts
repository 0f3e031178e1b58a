// The bot as Teams users meet it: the Agents SDK application with its routes (typed commands, card actions,
// the message action, the pickers' searches). Every turn first keeps the sender's conversation reference for proactive messages;
// a turn that fails is logged by ids and, for an invoke, answered with an error Teams can show.
import { Activity } from "@microsoft/agents-activity";
import {
  AgentApplication,
  type CloudAdapter,
  type TurnContext,
  type TurnState,
} from "@microsoft/agents-hosting";

import type { Claimed } from "../../application/dispatch-outbox";
import type { Services } from "../../application/services";
import type { Escalation } from "../../domain/escalation";
import type { AdaptiveCard } from "../cards";
import { forOutlook } from "../mail/outlook-card";
import { cardActionRoutes } from "./routes/card-actions";
import { commandRoutes } from "./routes/commands";
import { fileRoutes } from "./routes/files";
import { messageExtensionRoutes } from "./routes/message-extension";
import { notAvailableRoute } from "./routes/not-available";
import { searchRoutes } from "./routes/search";

export interface TeamsAppDeps {
  readonly services: Services;
  /**
   * Sends what an escalation owes, after the answer to the action that owed it has gone. Given the record
   * after every action, recorded now or found already recorded (a retry whose first answer was lost), so
   * what that action owes goes at once either way; with the claim the write made, when it made one.
   */
  readonly afterWrite: (escalation: Escalation, claimed?: Claimed) => void;
  /** The council's Outlook provider id: cards answered to an action from an e-mail are Outlook's cards. */
  readonly outlookOriginatorId?: string | undefined;
}

export function createTeamsApp(adapter: CloudAdapter, deps: TeamsAppDeps): AgentApplication<TurnState> {
  const { services } = deps;
  const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });

  const written = new Map<string, string>();
  app.onTurn("beforeTurn", async (context) => {
    await rememberConversation(services, context, written);
    if (isOutlook(context)) answerAsOutlook(context, deps.outlookOriginatorId);
    return true;
  });

  commandRoutes(app, deps);
  cardActionRoutes(app, deps);
  messageExtensionRoutes(app, deps);
  searchRoutes(app, deps);
  fileRoutes(app, deps);
  notAvailableRoute(app);

  app.onError(async (context, error) => {
    services.logger.error("turn failed", {
      activityType: context.activity.type,
      activityName: context.activity.name ?? null,
      error: error.name,
    });
    if (context.activity.type === "invoke") {
      await context.sendActivity(
        Activity.fromObject({
          type: "invokeResponse",
          value: {
            status: 200,
            body: {
              statusCode: 500,
              type: "application/vnd.microsoft.error",
              value: {
                code: "InternalError",
                message: "Something went wrong. Please try again in a moment.",
              },
            },
          },
        }),
      );
    }
  });

  return app;
}

/** An action from a card in an e-mail, through the Azure Bot's Outlook channel. */
export function isOutlook(context: TurnContext): boolean {
  return context.activity.channelId === "outlook";
}

/** Every card the turn answers with is made an Outlook card: the one the e-mail showed is replaced by it. */
function answerAsOutlook(context: TurnContext, originatorId: string | undefined): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) {
      const body = (activity.value as { body?: { type?: unknown; value?: unknown } } | undefined)?.body;
      if (activity.type === "invokeResponse" && body?.type === ADAPTIVE_CARD && isCard(body.value))
        body.value = originatorId ? forOutlook(body.value, originatorId) : body.value;
    }
    return next();
  });
}

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

function isCard(value: unknown): value is AdaptiveCard {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "AdaptiveCard";
}

/**
 * Keeps the user's 1:1 conversation reference. It is written when it differs from the one this process last
 * wrote (a new conversation, a new service URL), not on every activity.
 */
async function rememberConversation(
  services: Services,
  context: TurnContext,
  written: Map<string, string>,
): Promise<void> {
  const activity = context.activity;
  const userId = activity.from?.aadObjectId;
  if (!userId || activity.conversation?.conversationType !== "personal") return;
  // The id of the activity it came with says nothing about where to send; proactive messages start anew.
  const { activityId: _activityId, ...reference } = activity.getConversationReference();
  const json = JSON.stringify(reference);
  if (written.get(userId) === json) return;
  await services.conversations.put(userId, JSON.parse(json) as Record<string, unknown>);
  written.set(userId, json);
}
