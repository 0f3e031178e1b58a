// The pickers' searches: what a person has typed into a people or team field, answered from the council's
// directory. The finder is built once for each directory the cache loads (and each policy), so a keystroke
// costs no store query; only people in the directory may search it.
import type { DirectoryIndex } from "../domain/directory";
import { PeopleFinder, type PickerChoice, type PickerQuery } from "../domain/people-search";
import type { Policy } from "../domain/policy";
import { activePolicy, type PolicyDeps, type Services } from "./services";

export type SearchDeps = PolicyDeps & Pick<Services, "directory">;

const finders = new WeakMap<DirectoryIndex, Map<string, PeopleFinder>>();

/** The finder for this directory and policy, built on first use and kept as long as the directory is. */
export function peopleFinder(directory: DirectoryIndex, policy: Policy): PeopleFinder {
  let byPolicy = finders.get(directory);
  if (!byPolicy) {
    byPolicy = new Map();
    finders.set(directory, byPolicy);
  }
  let finder = byPolicy.get(policy.id);
  if (!finder) {
    finder = new PeopleFinder(directory, policy);
    byPolicy.set(policy.id, finder);
  }
  return finder;
}

export async function searchPeople(deps: SearchDeps, query: PickerQuery): Promise<PickerChoice[]> {
  const directory = await deps.directory.current();
  if (!directory.person(query.searcherId)) return [];
  return peopleFinder(directory, activePolicy(deps)).find(query);
}
