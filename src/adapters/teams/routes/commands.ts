// What the bot answers in a chat: the welcome on first contact, and the typed commands (raise, my
// escalations, digest, help).
import { type AgentApplication, MessageFactory, type TurnState } from "@microsoft/agents-hosting";

import { digestFigures } from "../../../application/send-digest";
import { activePolicy, runProcess } from "../../../application/services";
import { viewByReference } from "../../../application/view-escalation";
import { isQaManager } from "../../../domain/permissions";
import { helpCard, refusalCard, welcomeCard } from "../../cards";
import { digestCards } from "../../cards/digest-card";
import { parseCommand } from "../commands";
import {
  cardMessage,
  escalationView,
  myEscalationsView,
  PRIVATE_CHAT_LINE,
  privateChatCard,
  raiseForm,
} from "../presentation";
import type { TeamsAppDeps } from "../teams-app";

/** What any other text gets: one line with the commands, rather than the whole help card. */
export const HINT =
  "Type raise, my escalations, record ESC-…, report 2026-Q3, digest or help, or an escalation's reference such as ESC-3F2A9C1B to open it.";

/** A typed escalation reference, in capitals, when the message is one and nothing else. */
function referenceIn(text: string): string | undefined {
  const words = text.replace(/<at>.*?<\/at>/g, "").trim();
  return /^ESC-[0-9A-Z]{8}$/i.test(words) ? words.toUpperCase() : undefined;
}
import { isPrivateChat } from "./card-actions";
import { offerRecord, offerReport, processUsage } from "./files";

export function commandRoutes(app: AgentApplication<TurnState>, { services }: TeamsAppDeps): void {
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
    if (!isPrivateChat(context)) {
      await context.sendActivity(
        cardMessage(privateChatCard(context.activity.recipient?.id), PRIVATE_CHAT_LINE),
      );
      return;
    }
    const userId = context.activity.from?.aadObjectId ?? "";
    const policy = activePolicy(services);
    const asked = parseCommand(context.activity.text ?? "");
    switch (asked?.command) {
      case "raise": {
        const card = await raiseForm(services, userId, { formId: services.newId() });
        await context.sendActivity(cardMessage(card, "Raise an escalation"));
        return;
      }
      case "digest": {
        const directory = await services.directory.current();
        if (!isQaManager(directory.actor(userId))) {
          await context.sendActivity(
            cardMessage(refusalCard("The digest is for QA Managers."), "The digest is for QA Managers"),
          );
          return;
        }
        const process = asked.argument === "" ? undefined : runProcess(services, asked.argument);
        if (asked.argument !== "" && !process) {
          await context.sendActivity(MessageFactory.text(processUsage(services, "digest")));
          return;
        }
        const figures = await digestFigures(services, process?.id);
        for (const digest of digestCards(figures, services.calendar, (process ?? policy).name)) {
          await context.sendActivity(cardMessage(digest, "Your escalations digest"));
        }
        return;
      }
      case "record":
        await offerRecord(context, services, userId, asked.argument);
        return;
      case "report":
        await offerReport(context, services, userId, asked.argument);
        return;
      case "my escalations":
        await context.sendActivity(
          cardMessage(await myEscalationsView(services, userId), "Your escalations"),
        );
        return;
      case "help":
        await context.sendActivity(cardMessage(helpCard(policy), "What the escalation bot can do"));
        return;
      case undefined: {
        const typed = referenceIn(context.activity.text ?? "");
        if (typed === undefined) {
          await context.sendActivity(MessageFactory.text(HINT));
          return;
        }
        const view = await viewByReference(services, userId, typed);
        // Someone who may not see it is told what someone with a wrong reference is told.
        if (view.kind !== "visible") {
          await context.sendActivity(MessageFactory.text(`There is no escalation ${typed} for you to see.`));
          return;
        }
        await context.sendActivity(
          cardMessage(await escalationView(services, view.escalation, userId), typed),
        );
      }
    }
  });
}
