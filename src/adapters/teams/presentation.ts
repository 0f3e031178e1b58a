// What the bot answers with: the escalation card for the person acting, the outcome of an action or a raise
// as a card, the raise form again with its problems, and messages and dialogs that carry cards.
import { CardFactory, MessageFactory } from "@microsoft/agents-hosting";

import type { ActionOutcome, ActionRequest } from "../../application/perform-action";
import type { RaiseForm, RaiseOutcome } from "../../application/raise-escalation";
import {
  activePolicy,
  policyById,
  raisablePolicies,
  raisePolicy,
  type Services,
} from "../../application/services";
import { myEscalations } from "../../application/view-escalation";
import { formatDay } from "../../domain/calendar";
import type { FieldProblem } from "../../domain/errors";
import { currentStage, type Escalation } from "../../domain/escalation";
import { audience, isQaManager, overseenTeamIds } from "../../domain/permissions";
import type { Policy } from "../../domain/policy";
import {
  type AdaptiveCard,
  escalationCard,
  handOverFor,
  myEscalationsCard,
  processChoiceCard,
  raiseFormCard,
  reference,
  refusalCard,
} from "../cards";
import { fitsTeams } from "../cards/teams-limit";
import { teamsUserIds } from "./teams-user-ids";

const HEADLINES: Record<ActionRequest["verb"], string> = {
  respond: "Your response was recorded",
  "correct-response": "Your correction was recorded; the original is kept beside it",
  resolve: "The escalation is resolved",
  escalate: "Escalated to the next stage",
  "refer-to-cafcass": "Referred to Cafcass",
  "consider-cafcass": "Recorded: the people to inform were told you are considering a referral",
  reassign: "Handed to your delegate",
  extend: "Deadline extended",
  "keep-waiting": "You will not be prompted again before that date",
  withdraw: "The escalation was withdrawn",
  reopen: "The escalation is open again",
  "notification-form": "The Escalation Notification Form was sent to the partnership",
};

/** A message carrying one card; the summary is what a pop-up shows, so it never names a child. */
export function cardMessage(card: AdaptiveCard, summary: string) {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.summary = summary;
  return activity;
}

/** A card inside a Teams dialog answers with Action.Submit; Universal Actions are for cards in chats. */
export function dialog(card: AdaptiveCard) {
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

/** The one line a group chat, meeting or channel gets: case details belong in the 1:1 chat only. */
export const PRIVATE_CHAT_LINE =
  "Escalations are handled in your private chat with the escalation bot, so nothing about a child is posted here.";

/** The line above, and a button that opens the person's 1:1 chat with the bot (a Teams deep link). */
export function privateChatCard(botId: string | undefined): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    version: "1.5",
    body: [{ type: "TextBlock", text: PRIVATE_CHAT_LINE, wrap: true }],
    actions: botId
      ? [
          {
            type: "Action.OpenUrl",
            title: "Open my chat with the bot",
            url: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}`,
          },
        ]
      : [],
  };
}

/** A one-line answer in a dialog. */
export function dialogMessage(text: string) {
  return { task: { type: "message" as const, value: text } };
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

export async function myEscalationsView(services: Services, userId: string): Promise<AdaptiveCard> {
  const mine = await myEscalations(services, userId);
  return myEscalationsCard({
    ...mine,
    policy: activePolicy(services),
    now: services.clock.now(),
    calendar: services.calendar,
  });
}

/**
 * The raise form, new or as submitted with each problem beside its field, for the process it names. Where
 * the council runs several processes this person may start and none is named, the choice of process comes
 * first, carrying on any summary prefilled (from the message a dialog was opened on) and the note about it.
 */
export async function raiseForm(
  services: Services,
  userId: string,
  form: {
    formId: string;
    policyId?: string;
    values?: Partial<RaiseForm>;
    problems?: readonly FieldProblem[];
    note?: string;
  },
): Promise<AdaptiveCard> {
  const directory = await services.directory.current();
  const named = form.policyId ?? form.values?.policyId;
  let policy: Policy | undefined;
  if (named) {
    policy = raisePolicy(services, named);
  } else {
    const open = raisablePolicies(services, directory.actor(userId));
    if (open.length > 1) {
      const summary = form.values?.summary;
      return processChoiceCard(open, {
        ...(summary ? { summary } : {}),
        ...(form.note ? { note: form.note } : {}),
      });
    }
    policy = open[0] ?? activePolicy(services);
  }
  if (!policy) return refusalCard("The council does not run that process. Type raise to open a new form.");
  return raiseFormCard({
    formId: form.formId,
    policy,
    directory,
    raiserId: userId,
    ...(form.values ? { values: form.values } : {}),
    ...(form.problems ? { problems: form.problems } : {}),
    ...(form.note ? { note: form.note } : {}),
  });
}

/** The escalation as this viewer may see it, with the actions the permission rule offers them. */
export async function escalationView(
  services: Services,
  escalation: Escalation,
  viewerId: string,
  options: { headline?: string; notice?: string; backToList?: boolean } = {},
): Promise<AdaptiveCard> {
  const policy = policyById(services, escalation.policyId);
  const directory = await services.directory.current();
  const mris = await teamsUserIds(services.conversations, audience(escalation));
  return escalationCard({
    escalation,
    policy,
    viewerId,
    now: services.clock.now(),
    calendar: services.calendar,
    handOver: handOverFor(escalation, policy, directory),
    isQaManager: isQaManager(directory.actor(viewerId)),
    teamsUserIdOf: (id) => mris.get(id),
    overseenTeamIds: overseenTeamIds(directory.allTeams(), viewerId),
    ...options,
  });
}

/**
 * What the IRO sees after submitting the raise form: the form again with its problems, or the escalation.
 * A form sent back with every long text near its limit can be too big for Teams; then the answer is a
 * message naming the problems, which Teams shows above the form while keeping everything typed in it.
 */
export async function raiseResult(
  services: Services,
  userId: string,
  form: RaiseForm,
  outcome: RaiseOutcome,
): Promise<AdaptiveCard | string> {
  switch (outcome.kind) {
    case "invalid": {
      const again = await raiseForm(services, userId, {
        formId: form.formId,
        values: form,
        problems: outcome.problems,
      });
      if (fitsTeams(again)) return again;
      return `The concern was not sent. ${outcome.problems.map((p) => p.message).join(" ")} What you typed is still in the form: correct it and send again.`;
    }
    case "not-permitted":
      return refusalCard(outcome.message);
    case "raised":
    case "already-raised":
      return escalationView(services, outcome.escalation, userId, {
        headline: raisedHeadline(outcome.escalation),
      });
  }
}

export function raisedHeadline(escalation: Escalation): string {
  const stage = currentStage(escalation);
  return `Sent to ${stage.responsible.name}: ${stage.name} response due ${formatDay(stage.due.due)}`;
}

/** What the person acting sees after pressing an action on a card. */
export async function actionResult(
  services: Services,
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
    case "unchanged":
      return escalationView(services, outcome.escalation, userId, { headline: HEADLINES[request.verb] });
    case "refused": {
      const { error, escalation } = outcome;
      if (error.code === "not-permitted") return refusalCard(error.message, reference(escalation.id));
      const notice =
        error.code === "invalid-input" ? error.problems.map((p) => p.message).join(" ") : error.message;
      return escalationView(services, escalation, userId, { notice });
    }
  }
}

/** The text of the message the "Raise escalation" message action was used on, without its markup. */
export function messageText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}
