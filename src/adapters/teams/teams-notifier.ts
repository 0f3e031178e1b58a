// Sends an owed message to one person as a card in their 1:1 chat with the bot, using the conversation
// reference kept when they last spoke to it. Throttling by the Bot Connector (429) is retried after the
// wait it asks for. The pop-up preview names the escalation's reference, never the child.
import type { Activity, ConversationReference as SdkConversationReference } from "@microsoft/agents-activity";
import { CardFactory, type CloudAdapter, MessageFactory } from "@microsoft/agents-hosting";

import type { Delivery, DeliveryChannel } from "../../application/delivery";
import type { Services } from "../../application/services";
import type { Escalation, OutboxItem } from "../../domain/escalation";
import { audience } from "../../domain/permissions";
import type { ConversationReference } from "../../domain/ports";
import type { AdaptiveCard } from "../cards";
import { messageCard } from "../cards/message-card";
import { previewFor } from "../cards/previews";
import { retryAfterMs, sleep } from "../retry-after";
import { recordOffer } from "./file-offers";
import type { TeamsInstaller } from "./proactive-install";
import { teamsUserIds } from "./teams-user-ids";

export interface TeamsNotifierOptions {
  /** The bot's client id, or any name in local mode, to continue conversations as. */
  readonly botId: string;
  readonly maxThrottledRetries?: number;
  /** Upper bound on one wait, whatever the Retry-After says. */
  readonly maxRetryAfterMs?: number;
  /** Installs the app for someone who never opened the bot; without it, they wait until they do. */
  readonly installer?: TeamsInstaller;
}

export class TeamsNotifier implements DeliveryChannel {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly services: Services,
    private readonly options: TeamsNotifierOptions,
  ) {}

  async deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery> {
    const preview = previewFor(item, escalation.id);
    // The record for the child's file is offered as a file to save (Teams' file consent), on its own to the
    // IRO, and after the card to the people the policy copies the concluded record to.
    if (item.kind === "record-for-file")
      return this.send(item.to.id, [recordOffer(this.services, escalation)]);
    const mris = await teamsUserIds(this.services.conversations, audience(escalation));
    const card = await messageCard(this.services, item, escalation, (id) => mris.get(id));
    const message = cardActivity(card, preview);
    return this.send(
      item.to.id,
      item.kind === "concluded-copy" ? [message, recordOffer(this.services, escalation)] : [message],
    );
  }

  /** Sends cards to one person's 1:1 chat, one message each; the summary is the pop-up preview. */
  async sendCards(personId: string, cards: readonly AdaptiveCard[], summary: string): Promise<Delivery> {
    return this.send(
      personId,
      cards.map((card) => cardActivity(card, summary)),
    );
  }

  private conversationWith(personId: string): Promise<ConversationReference | string> {
    return conversationOf(this.services.conversations, this.options.installer, personId);
  }

  private async send(personId: string, activities: readonly Activity[]): Promise<Delivery> {
    const reference = await this.conversationWith(personId);
    if (typeof reference === "string")
      return {
        status: "undeliverable",
        reason: reference,
        ...(reference === "teams-unavailable" ? { passing: true } : {}),
      };
    const retries = this.options.maxThrottledRetries ?? 3;
    // After a throttled send, carry on from the message that was refused: those before it arrived.
    let next = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        // The adapter hands an error thrown in the turn to the app's turn-error handler, which logs it and
        // carries on: a refused send is caught here instead, so it is retried or stays owed, never "sent".
        const failures: unknown[] = [];
        await this.adapter.continueConversation(
          this.options.botId,
          reference as unknown as SdkConversationReference,
          async (context) => {
            // A proactive message starts a new thread of its own rather than replying to the last one.
            context.onSendActivities(async (_context, sending, next) => {
              for (const a of sending) delete a.replyToId;
              return next();
            });
            try {
              for (; next < activities.length; next++) {
                const activity = activities[next];
                if (activity) await context.sendActivity(activity);
              }
            } catch (error) {
              failures.push(error);
            }
          },
        );
        if (failures.length > 0) throw failures[0];
        return { status: "sent" };
      } catch (error) {
        const status = statusOf(error);
        // The chat the reference names is gone (the app was removed, or reinstalled in a new chat): the next
        // attempt looks the person's reference up again rather than use the one held.
        if (status === 403 || status === 404) this.services.conversations.forget?.(personId);
        if (status === 429 && attempt < retries) {
          await sleep(
            Math.min(retryAfterOf(error) ?? 1000 * 2 ** attempt, this.options.maxRetryAfterMs ?? 10_000),
          );
          continue;
        }
        return {
          status: "undeliverable",
          reason: status === undefined ? "send-error" : `http-${status}`,
          ...(status === undefined || status === 429 || status >= 500 ? { passing: true } : {}),
        };
      }
    }
  }
}

function cardActivity(card: AdaptiveCard, summary: string): Activity {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary;
  return activity;
}

/** The person's 1:1 chat: the one they opened, or one the app's proactive install opens now. */
async function conversationOf(
  conversations: Services["conversations"],
  installer: TeamsInstaller | undefined,
  personId: string,
): Promise<ConversationReference | string> {
  const known = await conversations.get(personId);
  if (known) return known;
  if (!installer) return "no-conversation-reference";
  const reach = await installer.reach(personId);
  if (reach.kind === "unreachable") return reach.reason;
  await conversations.put(personId, reach.reference);
  return reach.reference;
}

function statusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  if (typeof response?.status === "number") return response.status;
  const match = /status (\d{3})/.exec(error instanceof Error ? error.message : "");
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The Retry-After of a throttled send, from the error the SDK threw. */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (headers instanceof Headers) return retryAfterMs(headers.get("retry-after"));
  if (typeof headers === "object" && headers !== null) {
    const raw = (headers as Record<string, unknown>)["retry-after"];
    return retryAfterMs(typeof raw === "string" ? raw : undefined);
  }
  return undefined;
}
