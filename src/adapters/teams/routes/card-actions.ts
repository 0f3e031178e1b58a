// The Universal Actions (Action.Execute) the cards carry: open the raise form, list my escalations, submit
// the form, refresh a card for its viewer, and every action on an escalation. Each parses the card's data,
// calls one use case as the person Teams says is acting, and answers with a card.
import type { AgentApplication, TurnContext, TurnState } from "@microsoft/agents-hosting";

import { performAction } from "../../../application/perform-action";
import { raiseEscalation } from "../../../application/raise-escalation";
import { viewEscalation } from "../../../application/view-escalation";
import { reference, refusalCard, VERBS } from "../../cards";
import { ACTION_VERBS, escalationIdOf, parseActionRequest, parseRaiseForm, processOf } from "../action-data";
import {
  actionResult,
  cardMessage,
  escalationView,
  myEscalationsView,
  privateChatCard,
  raiseForm,
  raiseResult,
} from "../presentation";
import type { TeamsAppDeps } from "../teams-app";

/** The Action.Execute the SDK hands a route: its verb, and the card's data with the inputs merged in. */
interface ExecutedAction {
  readonly verb?: string;
  readonly data?: unknown;
}

export function cardActionRoutes(app: AgentApplication<TurnState>, deps: TeamsAppDeps): void {
  const { services, afterWrite } = deps;

  app.adaptiveCards.actionExecute<ExecutedAction>(VERBS.openRaiseForm, async (context, _state, action) => {
    if (!isPrivateChat(context)) return privateChatCard(context.activity.recipient?.id);
    // The process chosen on the choice of processes, where the council runs several.
    const chosen = processOf.safeParse(action.data);
    return raiseForm(services, actorOf(context), {
      formId: services.newId(),
      ...(chosen.success && chosen.data.policyId !== undefined ? { policyId: chosen.data.policyId } : {}),
    });
  });

  app.adaptiveCards.actionExecute(VERBS.myEscalations, async (context) =>
    isPrivateChat(context)
      ? myEscalationsView(services, actorOf(context))
      : privateChatCard(context.activity.recipient?.id),
  );

  app.adaptiveCards.actionExecute<ExecutedAction>(VERBS.raise, async (context, _state, action) => {
    if (!isPrivateChat(context)) return privateChatCard(context.activity.recipient?.id);
    const userId = actorOf(context);
    const form = parseRaiseForm(action.data);
    if (!form) return refusalCard("The form could not be read. Open a new one with the command raise.");
    const outcome = await raiseEscalation(services, userId, form);
    if (outcome.kind === "raised" || outcome.kind === "already-raised")
      afterWrite(outcome.escalation, outcome.claimed);
    return raiseResult(services, userId, form, outcome);
  });

  app.adaptiveCards.actionExecute<ExecutedAction>(VERBS.refresh, async (context, _state, action) => {
    if (!isPrivateChat(context)) return privateChatCard(context.activity.recipient?.id);
    const userId = actorOf(context);
    const parsed = escalationIdOf.safeParse(action.data);
    if (!parsed.success) return refusalCard("This card could not be read.");
    const { escalationId } = parsed.data;
    const view = await viewEscalation(services, userId, escalationId);
    if (view.kind === "not-found")
      return refusalCard("This escalation could not be found.", reference(escalationId));
    if (view.kind === "refused")
      return refusalCard("Only the people on this escalation can see it.", reference(escalationId));
    // Opened from the person's list: the card offers the way back to it.
    const fromList = (action.data as { from?: unknown } | undefined)?.from === "my-escalations";
    return escalationView(services, view.escalation, userId, fromList ? { backToList: true } : {});
  });

  app.adaptiveCards.actionExecute<ExecutedAction>(VERBS.open, async (context, _state, action) => {
    if (!isPrivateChat(context)) return privateChatCard(context.activity.recipient?.id);
    const userId = actorOf(context);
    const parsed = escalationIdOf.safeParse(action.data);
    if (!parsed.success) return "This button could not be read.";
    const ref = reference(parsed.data.escalationId);
    const view = await viewEscalation(services, userId, parsed.data.escalationId);
    if (view.kind !== "visible") return `There is no escalation ${ref} for you to see.`;
    await context.sendActivity(cardMessage(await escalationView(services, view.escalation, userId), ref));
    // A message answer leaves the card that was pressed unchanged.
    return `${ref} is opened below.`;
  });

  for (const verb of ACTION_VERBS) {
    app.adaptiveCards.actionExecute<ExecutedAction>(verb, async (context, _state, action) => {
      if (!isPrivateChat(context)) return privateChatCard(context.activity.recipient?.id);
      const userId = actorOf(context);
      const request = parseActionRequest(verb, action.data);
      if (!request) return refusalCard("This card's data could not be read: nothing was changed.");
      const outcome = await performAction(services, userId, request);
      if (outcome.kind === "applied" || outcome.kind === "unchanged")
        afterWrite(outcome.escalation, outcome.claimed);
      return actionResult(services, userId, request, outcome);
    });
  }
}

/**
 * True in a 1:1 chat with the bot, or in the person's own mailbox (a card in an e-mail, through the Outlook
 * channel): the only places case details are shown or raised.
 */
export function isPrivateChat(context: TurnContext): boolean {
  return (
    context.activity.conversation?.conversationType === "personal" || context.activity.channelId === "outlook"
  );
}

/** Who acts is the person Teams says sent the activity, never anything the card carries. */
export function actorOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? "";
}
