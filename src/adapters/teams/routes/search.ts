// The pickers' typeahead: Teams sends an `application/search` invoke as a person types into a people or
// team field, naming the field's dataset; the bot answers with at most 15 choices from the directory.
// Only names and job titles are returned, never anything about a child, so it answers in any chat.
import type { AgentApplication, TurnContext, TurnState } from "@microsoft/agents-hosting";

import { searchPeople } from "../../../application/people-search";
import { MAX_PICKER_RESULTS } from "../../../domain/people-search";
import { parseDataset } from "../../cards";
import type { TeamsAppDeps } from "../teams-app";
import { actorOf } from "./card-actions";

export const SEARCH_INVOKE = "application/search";

/** The parts of the invoke's value the bot reads; `data` holds the card's other inputs when asked for. */
interface SearchValue {
  readonly queryText?: unknown;
  readonly dataset?: unknown;
  readonly queryOptions?: { readonly skip?: unknown; readonly top?: unknown };
  readonly data?: Readonly<Record<string, unknown>>;
}

export function searchRoutes(app: AgentApplication<TurnState>, { services }: TeamsAppDeps): void {
  const isSearch = (context: TurnContext) =>
    Promise.resolve(context.activity.type === "invoke" && context.activity.name === SEARCH_INVOKE);
  app.adaptiveCards.search(isSearch, async (context) => {
    const value = (context.activity.value ?? {}) as SearchValue;
    const asked = typeof value.dataset === "string" ? parseDataset(value.dataset) : undefined;
    if (!asked) return [];
    const teamId = value.data?.["teamId"];
    const results = await searchPeople(services, {
      field: asked.field,
      text: typeof value.queryText === "string" ? value.queryText.slice(0, 200) : "",
      searcherId: actorOf(context),
      ...(typeof teamId === "string" ? { teamId } : {}),
      ...(asked.handOver ? { handOver: asked.handOver } : {}),
      skip: numberOr(value.queryOptions?.skip, 0),
      top: numberOr(value.queryOptions?.top, MAX_PICKER_RESULTS),
    });
    return results.map((r) => ({ title: r.title, value: r.value }));
  });
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
