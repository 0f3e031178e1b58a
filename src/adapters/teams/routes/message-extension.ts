// The "Raise escalation" message action: a dialog with the raise form, the summary taken from the message
// it was used on; the result goes to the people on the escalation in their 1:1 chats.
import type { AgentApplication, TurnState } from "@microsoft/agents-hosting";
import { TeamsAgentExtension } from "@microsoft/agents-hosting-extensions-teams";

import { raiseEscalation } from "../../../application/raise-escalation";
import { TEXT_LIMITS } from "../../../domain/validation";
import { reference } from "../../cards";
import { dialogProcessOf, parseRaiseForm } from "../action-data";
import { dialog, dialogMessage, messageText, raiseForm } from "../presentation";
import type { TeamsAppDeps } from "../teams-app";
import { actorOf } from "./card-actions";
import { NOT_AVAILABLE } from "./not-available";

/** The message action's command, as the app manifest names it. */
export const RAISE_COMMAND_ID = "raiseEscalation";

function commandIdOf(value: unknown): unknown {
  return typeof value === "object" && value !== null
    ? (value as { commandId?: unknown }).commandId
    : undefined;
}

export function messageExtensionRoutes(app: AgentApplication<TurnState>, deps: TeamsAppDeps): void {
  const { services, afterWrite } = deps;
  const teams = new TeamsAgentExtension(app);
  app.registerExtension(teams, (extension) => {
    extension.messageExtension.onFetchTask(async (context) => {
      if (commandIdOf(context.activity.value) !== RAISE_COMMAND_ID) return dialogMessage(NOT_AVAILABLE);
      const value = context.activity.value as
        { messagePayload?: { body?: { content?: string } } } | undefined;
      const text = messageText(value?.messagePayload?.body?.content ?? "");
      // A message longer than the summary's limit is shortened to it, and the form says so.
      const limit = TEXT_LIMITS.long;
      const summary = text.length > limit ? text.slice(0, limit) : text;
      return dialog(
        await raiseForm(services, actorOf(context), {
          formId: services.newId(),
          values: summary ? { summary } : {},
          ...(text.length > limit
            ? {
                note: `The message is ${text.length.toLocaleString("en-GB")} characters long and a summary may be ${limit.toLocaleString("en-GB")}: only its first ${limit.toLocaleString("en-GB")} are in the summary below. Check it still says what you mean.`,
              }
            : {}),
        }),
      );
    });
    extension.messageExtension.onSubmitAction(async (context) => {
      if (commandIdOf(context.activity.value) !== RAISE_COMMAND_ID) return dialogMessage(NOT_AVAILABLE);
      const userId = actorOf(context);
      const value = context.activity.value as { data?: unknown } | undefined;
      // The process chosen, where the council runs several: its form, with the message carried on.
      const chosen = dialogProcessOf.safeParse(value?.data);
      if (chosen.success) {
        const { policyId, summary, note } = chosen.data;
        return dialog(
          await raiseForm(services, userId, {
            formId: services.newId(),
            policyId,
            values: summary ? { summary } : {},
            ...(note ? { note } : {}),
          }),
        );
      }
      const form = parseRaiseForm(value?.data);
      if (!form) return dialogMessage("The form could not be read: nothing was raised.");
      const outcome = await raiseEscalation(services, userId, form);
      switch (outcome.kind) {
        case "invalid":
          return dialog(
            await raiseForm(services, userId, {
              formId: form.formId,
              values: form,
              problems: outcome.problems,
            }),
          );
        case "not-permitted":
          return dialogMessage(outcome.message);
        case "raised":
        case "already-raised":
          afterWrite(outcome.escalation, outcome.claimed);
          return dialogMessage(`Escalation ${reference(outcome.escalation.id)} was sent.`);
      }
    });
  });
}
