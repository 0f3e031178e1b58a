// The card an e-mail carries as an Outlook Actionable Message: the person's own Teams card, made to the rules
// Outlook keeps. Adaptive Cards 1.4 with the provider's `originator`; Action.Execute for everything that
// sends (no Action.Submit, no Input.Time); a refresh with no Teams user ids, since Outlook refreshes the card
// for whoever opens the e-mail; and no Teams typeahead, so handing over a stage stays a Teams action.
import type { AdaptiveCard } from "../cards";

export const OUTLOOK_CARD_VERSION = "1.4";

/** Actions Outlook runs: Action.Execute sends to the bot; Action.ShowCard only opens a form of them. */
const KEPT_ACTIONS = new Set(["Action.Execute", "Action.ShowCard"]);

export function forOutlook(card: AdaptiveCard, originator: string): AdaptiveCard {
  const copy = structuredClone(card) as Record<string, unknown>;
  delete copy["msteams"];
  const refresh = copy["refresh"] as Record<string, unknown> | undefined;
  if (refresh) delete refresh["userIds"];
  const outlook = tidy(copy) as Record<string, unknown>;
  return { ...outlook, type: "AdaptiveCard", version: OUTLOOK_CARD_VERSION, originator };
}

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter(keep).map(tidy);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // Adaptive Cards 1.5's text styles and filtered choice lists: Outlook 1.4 draws the plain kind.
    if (key === "style" && (value === "heading" || value === "filtered")) continue;
    out[key] = tidy(value);
  }
  return out;
}

function keep(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return true;
  const type = (node as { type?: unknown }).type;
  if (typeof type !== "string") return true;
  if (type === "Input.Time") return false;
  if (type.startsWith("Action.") && !KEPT_ACTIONS.has(type)) return false;
  // The form holding a typeahead goes (or the input itself, outside a form); the actions beside it stay.
  return !((type === "Action.ShowCard" || type.startsWith("Input.")) && usesTeamsTypeahead(node));
}

/** An input searching as the person types (`Data.Query`), or a form holding one: Teams alone runs them. */
function usesTeamsTypeahead(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const query = (node as Record<string, unknown>)["choices.data"] as { type?: unknown } | undefined;
  if (query?.type === "Data.Query") return true;
  return Object.values(node).some((value) =>
    Array.isArray(value) ? value.some(usesTeamsTypeahead) : usesTeamsTypeahead(value),
  );
}
