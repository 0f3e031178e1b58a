// Every invoke gets an answer Teams can draw. An invoke no route takes (a card from an older version of the
// bot with a verb it no longer has, an invoke with no value, an invoke name the bot does not serve) would
// otherwise be answered 501 with no body, and Teams shows a broken card.
import { Activity } from "@microsoft/agents-activity";
import { type AgentApplication, RouteRank, type TurnState } from "@microsoft/agents-hosting";

import { refusalCard } from "../../cards";
import { dialogMessage } from "../presentation";

export const NOT_AVAILABLE = "This action is not available. Nothing was changed.";

export function notAvailableRoute(app: AgentApplication<TurnState>): void {
  app.addRoute(
    (context) => Promise.resolve(context.activity.type === "invoke"),
    async (context) => {
      const name = context.activity.name ?? "";
      // Dialogs (message actions, task modules) are answered with a dialog message; everything else a card.
      const body =
        name.startsWith("composeExtension/") || name.startsWith("task/")
          ? dialogMessage(NOT_AVAILABLE)
          : {
              statusCode: 200,
              type: "application/vnd.microsoft.card.adaptive",
              value: refusalCard(NOT_AVAILABLE),
            };
      await context.sendActivity(
        Activity.fromObject({ type: "invokeResponse", value: { status: 200, body } }),
      );
    },
    true,
    RouteRank.Last,
  );
}
