// The people and team pickers on cards: Teams' dynamic typeahead (`choices.data` of type Data.Query), which
// asks the bot with an `application/search` invoke naming the card's dataset. The dataset says which
// picker it is; the hand-over's also carries who may take the stage over, as ids, so answering it needs
// no store read. Whatever a search offers, the action that follows is checked again by the domain.
import type { PickerField } from "../../domain/people-search";
import type { HandOverQuery } from "../../domain/permissions";
import { isRole } from "../../domain/roles";

const PREFIX = "escalations.";
const FIELDS: readonly PickerField[] = [
  "team",
  "socialWorker",
  "teamManager",
  "iroManager",
  "responsible",
  "delegate",
];

/** The `choices.data` of a picker: Teams sends the card's other inputs along when `associated` is set. */
export function pickerQuery(dataset: string, associated = false) {
  return { type: "Data.Query", dataset, associatedInputs: associated ? "auto" : "none" } as const;
}

export function datasetOf(field: Exclude<PickerField, "delegate">): string {
  return `${PREFIX}${field}`;
}

export function handOverDataset(query: HandOverQuery): string {
  const ids = [query.teamId, query.role ?? "", query.reportsOf, query.excluded];
  return `${PREFIX}delegate:${Buffer.from(JSON.stringify(ids)).toString("base64url")}`;
}

/** What a search invoke's dataset asks for, or undefined when it is none of the bot's pickers. */
export function parseDataset(
  dataset: string,
): { readonly field: PickerField; readonly handOver?: HandOverQuery } | undefined {
  if (!dataset.startsWith(PREFIX)) return undefined;
  const [name, token] = dataset.slice(PREFIX.length).split(":", 2);
  const field = FIELDS.find((f) => f === name);
  if (field === undefined) return undefined;
  if (field !== "delegate") return token === undefined ? { field } : undefined;
  const handOver = token === undefined ? undefined : decodeHandOver(token);
  return handOver ? { field, handOver } : undefined;
}

function decodeHandOver(token: string): HandOverQuery | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
  const [teamId, role, reportsOf, excluded] = parsed as unknown[];
  if (typeof teamId !== "string" || teamId === "" || typeof role !== "string") return undefined;
  if (!isIdList(reportsOf) || !isIdList(excluded)) return undefined;
  if (role !== "" && !isRole(role)) return undefined;
  return { teamId, reportsOf, ...(isRole(role) ? { role } : {}), excluded };
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" && v !== "");
}
