// The bot as Teams users meet it: the Agents SDK application with its routes. Each route parses what Teams
// sent, calls one use case with the person Teams says is acting, and answers with a card. Messages owed by
// an action are sent after the answer, through the outbox.
import {
  AgentApplication,
  CardFactory,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from "@microsoft/agents-hosting";
import { Activity } from "@microsoft/agents-activity";
import { TeamsAgentExtension } from "@microsoft/agents-hosting-extensions-teams";
import type { CloudAdapter } from "@microsoft/agents-hosting";
import { performAction, type ActionOutcome, type ActionRequest } from "../../application/perform-action";
import { raiseEscalation, type RaiseForm, type RaiseOutcome } from "../../application/raise-escalation";
import { activePolicy, policyById, type Services } from "../../application/services";
import { myEscalations, viewEscalation } from "../../application/view-escalation";
import { digestFigures } from "../../application/send-digest";
import { digestCards } from "../cards/digest-card";
import { formatDay } from "../../domain/calendar";
import { currentStage, type Escalation } from "../../domain/escalation";
import type { FieldProblem } from "../../domain/errors";
import { delegateCandidates, isQaManager } from "../../domain/permissions";
import {
  escalationCard,
  helpCard,
  myEscalationsCard,
  raiseFormCard,
  reference,
  refusalCard,
  VERBS,
  welcomeCard,
  type AdaptiveCard,
} from "../cards";
import { commandOf } from "./commands";
import { ACTION_VERBS, escalationIdOf, parseActionRequest, parseRaiseForm } from "./action-data";

export interface TeamsAppDeps {
  readonly services: Services;
  /** Sends what an escalation owes, after the answer to the action that owed it has gone. */
  readonly afterWrite: (escalationId: string) => void;
}

const HEADLINES: Record<ActionRequest["verb"], string> = {
  respond: "Your response was recorded",
  resolve: "The escalation is resolved",
  escalate: "Escalated to the next stage",
  "refer-to-cafcass": "Referred to Cafcass",
  reassign: "Handed to your delegate",
  extend: "Deadline extended",
  "keep-waiting": "You will not be prompted again before that date",
  withdraw: "The escalation was withdrawn",
};

export function createTeamsApp(adapter: CloudAdapter, deps: TeamsAppDeps): AgentApplication<TurnState> {
  const { services } = deps;
  const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });

  // Every incoming activity refreshes the sender's conversation reference, for proactive messages.
  const written = new Map<string, string>();
  app.onTurn("beforeTurn", async (context) => {
    await rememberConversation(services, context, written);
    return true;
  });

  app.onConversationUpdate("membersAdded", async (context) => {
    const added = context.activity.membersAdded ?? [];
    // Installing the bot in personal scope, Teams names the bot itself as the member added (the Agents
    // Playground names the user too): in a 1:1 chat either is the person's first contact.
    const personal = context.activity.conversation?.conversationType === "personal";
    if (
      added.length > 0 &&
      (personal || added.some((member) => member.id !== context.activity.recipient?.id))
    ) {
      await context.sendActivity(
        cardMessage(welcomeCard(activePolicy(services)), "Welcome to the escalation bot"),
      );
    }
  });

  app.onActivity("message", async (context) => {
    const command = commandOf(context.activity.text ?? "");
    const userId = context.activity.from?.aadObjectId ?? "";
    const policy = activePolicy(services);
    if (command === "raise") {
      const directory = await services.directory.current();
      const card = raiseFormCard({ formId: services.newId(), policy, directory, raiserId: userId });
      await context.sendActivity(cardMessage(card, "Raise an escalation"));
    } else if (command === "digest") {
      const directory = await services.directory.current();
      if (!isQaManager(directory.actor(userId))) {
        await context.sendActivity(
          cardMessage(refusalCard("The digest is for QA Managers."), "The digest is for QA Managers"),
        );
        return;
      }
      for (const digest of digestCards(await digestFigures(services), services.calendar, policy.name)) {
        await context.sendActivity(cardMessage(digest, "Your escalations digest"));
      }
    } else if (command === "my escalations") {
      await context.sendActivity(cardMessage(await myEscalationsView(services, userId), "Your escalations"));
    } else {
      await context.sendActivity(cardMessage(helpCard(policy), "What the escalation bot can do"));
    }
  });

  app.adaptiveCards.actionExecute(VERBS.openRaiseForm, async (context) => {
    const directory = await services.directory.current();
    const userId = context.activity.from?.aadObjectId ?? "";
    return raiseFormCard({
      formId: services.newId(),
      policy: activePolicy(services),
      directory,
      raiserId: userId,
    });
  });

  app.adaptiveCards.actionExecute(VERBS.myEscalations, async (context) =>
    myEscalationsView(services, context.activity.from?.aadObjectId ?? ""),
  );

  app.adaptiveCards.actionExecute(VERBS.raise, async (context) => {
    const userId = context.activity.from?.aadObjectId ?? "";
    const form = parseRaiseForm(actionData(context));
    if (!form) return refusalCard("The form could not be read. Open a new one with the command raise.");
    const outcome = await raiseEscalation(services, userId, form);
    return raiseResult(services, deps, userId, form, outcome);
  });

  app.adaptiveCards.actionExecute(VERBS.refresh, async (context) => {
    const userId = context.activity.from?.aadObjectId ?? "";
    const data = escalationIdOf.safeParse(actionData(context));
    if (!data.success) return refusalCard("This card could not be read.");
    const view = await viewEscalation(services, userId, data.data.escalationId);
    if (view.kind === "not-found")
      return refusalCard("This escalation could not be found.", reference(data.data.escalationId));
    if (view.kind === "refused")
      return refusalCard("Only the people on this escalation can see it.", reference(data.data.escalationId));
    return card(services, view.escalation, userId, { isQaManager: view.isQaManager });
  });

  for (const verb of ACTION_VERBS) {
    app.adaptiveCards.actionExecute(verb, async (context) => {
      const userId = context.activity.from?.aadObjectId ?? "";
      const request = parseActionRequest(verb, actionData(context));
      if (!request) return refusalCard("This card's data could not be read: nothing was changed.");
      const outcome = await performAction(services, userId, request);
      return actionResult(services, deps, userId, request, outcome);
    });
  }

  const teams = new TeamsAgentExtension(app);
  app.registerExtension(teams, (extension) => {
    extension.messageExtension.onFetchTask(async (context) => {
      const userId = context.activity.from?.aadObjectId ?? "";
      const directory = await services.directory.current();
      const summary = messageText(context);
      const form = raiseFormCard({
        formId: services.newId(),
        policy: activePolicy(services),
        directory,
        raiserId: userId,
        values: summary ? { summary } : {},
      });
      return dialog(form);
    });
    extension.messageExtension.onSubmitAction(async (context) => {
      const userId = context.activity.from?.aadObjectId ?? "";
      const value = context.activity.value as { data?: unknown } | undefined;
      const form = parseRaiseForm(value?.data);
      if (!form)
        return {
          task: { type: "message" as const, value: "The form could not be read: nothing was raised." },
        };
      const outcome = await raiseEscalation(services, userId, form);
      if (outcome.kind === "invalid")
        return dialog(await formAgain(services, userId, form, outcome.problems));
      if (outcome.kind === "not-permitted")
        return { task: { type: "message" as const, value: outcome.message } };
      if (outcome.kind === "raised") deps.afterWrite(outcome.escalation.id);
      return {
        task: { type: "message" as const, value: `Escalation ${reference(outcome.escalation.id)} was sent.` },
      };
    });
  });

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

function actionData(context: TurnContext): unknown {
  const value = context.activity.value as { action?: { data?: unknown } } | undefined;
  return value?.action?.data;
}

/** The text of the message the "Raise escalation" message action was used on, without its markup. */
function messageText(context: TurnContext): string {
  const value = context.activity.value as { messagePayload?: { body?: { content?: string } } } | undefined;
  const html = value?.messagePayload?.body?.content ?? "";
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim()
    .slice(0, 4000);
}

function cardMessage(card: AdaptiveCard, summary: string) {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary;
  return activity;
}

/** A card inside a Teams dialog answers with Action.Submit; Universal Actions are for cards in chats. */
function dialog(card: AdaptiveCard) {
  return {
    task: {
      type: "continue" as const,
      value: {
        title: "Raise an escalation",
        height: "large" as const,
        width: "large" as const,
        card: CardFactory.adaptiveCard(asDialogCard(card)),
      },
    },
  };
}

function asDialogCard(node: unknown): AdaptiveCard {
  return rewrite(node) as AdaptiveCard;
  function rewrite(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => [k, rewrite(v)] as const,
    );
    const object = Object.fromEntries(entries) as Record<string, unknown>;
    if (object["type"] === "Action.Execute") {
      const { verb, data, ...rest } = object;
      return {
        ...rest,
        type: "Action.Submit",
        data: { ...(data as Record<string, unknown> | undefined), verb },
      };
    }
    if (object["refresh"] !== undefined) delete object["refresh"];
    return object;
  }
}

async function myEscalationsView(services: Services, userId: string): Promise<AdaptiveCard> {
  const mine = await myEscalations(services, userId);
  return myEscalationsCard({
    ...mine,
    policy: activePolicy(services),
    now: services.clock.now(),
    calendar: services.calendar,
  });
}

async function card(
  services: Services,
  escalation: Escalation,
  viewerId: string,
  options: { headline?: string; notice?: string; isQaManager?: boolean } = {},
): Promise<AdaptiveCard> {
  const policy = policyById(services, escalation.policyId);
  return escalationCard({
    escalation,
    policy,
    viewerId,
    now: services.clock.now(),
    calendar: services.calendar,
    delegates: delegateCandidates(escalation, policy, await services.directory.current()),
    ...options,
  });
}

async function raiseResult(
  services: Services,
  deps: TeamsAppDeps,
  userId: string,
  form: RaiseForm,
  outcome: RaiseOutcome,
): Promise<AdaptiveCard> {
  switch (outcome.kind) {
    case "invalid":
      return formAgain(services, userId, form, outcome.problems);
    case "not-permitted":
      return refusalCard(outcome.message);
    case "raised":
      deps.afterWrite(outcome.escalation.id);
      return card(services, outcome.escalation, userId, { headline: raisedHeadline(outcome.escalation) });
    case "already-raised":
      return card(services, outcome.escalation, userId, { headline: raisedHeadline(outcome.escalation) });
  }
}

/** The raise form as submitted, with each problem beside its field: nothing was saved. */
async function formAgain(
  services: Services,
  userId: string,
  form: RaiseForm,
  problems: readonly FieldProblem[],
): Promise<AdaptiveCard> {
  const directory = await services.directory.current();
  return raiseFormCard({
    formId: form.formId,
    policy: activePolicy(services),
    directory,
    raiserId: userId,
    values: form,
    problems,
  });
}

function raisedHeadline(escalation: Escalation): string {
  const stage = currentStage(escalation);
  return `Sent to ${stage.responsible.name}: ${stage.name} response due ${formatDay(stage.due.due)}`;
}

async function actionResult(
  services: Services,
  deps: TeamsAppDeps,
  userId: string,
  request: ActionRequest,
  outcome: ActionOutcome,
): Promise<AdaptiveCard> {
  switch (outcome.kind) {
    case "unknown-actor":
      return refusalCard(
        "You are not in the council's directory for this bot. Ask your administrator to add you.",
      );
    case "not-found":
      return refusalCard("This escalation could not be found.", reference(request.escalationId));
    case "applied":
      deps.afterWrite(outcome.escalation.id);
      return card(services, outcome.escalation, userId, {
        headline: HEADLINES[request.verb],
        isQaManager: await viewerIsQaManager(services, userId),
      });
    case "unchanged":
      return card(services, outcome.escalation, userId, {
        headline: HEADLINES[request.verb],
        isQaManager: await viewerIsQaManager(services, userId),
      });
    case "refused": {
      const { error, escalation } = outcome;
      if (error.code === "not-permitted") return refusalCard(error.message, reference(escalation.id));
      const notice =
        error.code === "invalid-input" ? error.problems.map((p) => p.message).join(" ") : error.message;
      return card(services, escalation, userId, {
        notice,
        isQaManager: await viewerIsQaManager(services, userId),
      });
    }
  }
}

async function viewerIsQaManager(services: Services, userId: string): Promise<boolean> {
  const directory = await services.directory.current();
  return isQaManager(directory.actor(userId));
}
