// Reads a directory from a CSV file, the shape most HR and identity exports can produce: one row per
// person with the columns id, name, email, jobTitle, team, teamName, managerId and roles, and for a partner
// agency's people organisation and teamsAccount ("false": no Teams account, reached by e-mail). Roles are
// separated by ";". A team role applies to the person's own team unless it names its teams, as in
// "service-manager:north-cic|south-cic". Council roles apply council-wide.
import { parse } from "csv-parse/sync";

import { isRole, roleScope } from "../domain/roles";

export class CsvError extends Error {}

const COLUMNS = [
  "id",
  "name",
  "email",
  "jobTitle",
  "team",
  "teamName",
  "managerId",
  "roles",
  "organisation",
  "teamsAccount",
] as const;

/** The rows of a CSV file: a byte-order mark, quoted fields with commas and line breaks, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    });
  } catch (error) {
    throw new CsvError(error instanceof Error ? error.message : "the file could not be read as CSV");
  }
}

/** Turns the CSV into the same shape as a JSON directory file, for the same checks. */
export function directoryFromCsv(text: string): unknown {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CsvError("the file is empty");
  const names = header.map((h) => h.trim());
  const missing = ["id", "name"].filter((c) => !names.includes(c));
  if (missing.length > 0)
    throw new CsvError(`missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new CsvError(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`);

  const people: Record<string, unknown>[] = [];
  const teams = new Map<string, { id: string; name: string; roles: Record<string, string[]> }>();
  const council: Record<string, string[]> = {};
  const team = (id: string, name?: string) => {
    let found = teams.get(id);
    if (!found) {
      found = { id, name: name ?? id, roles: {} };
      teams.set(id, found);
    } else if (name && found.name === id) {
      found.name = name;
    }
    return found;
  };
  rows.forEach((cells) => {
    const get = (column: (typeof COLUMNS)[number]) => {
      const at = names.indexOf(column);
      return at < 0 ? "" : (cells[at] ?? "").trim();
    };
    const id = get("id");
    const teamId = get("team");
    if (teamId) team(teamId, get("teamName") || undefined);
    const personRoles: string[] = [];
    for (const entry of get("roles")
      .split(";")
      .map((r) => r.trim())
      .filter((r) => r !== "")) {
      const [roleName = "", scope] = entry.split(":").map((x) => x.trim());
      if (!isRole(roleName) || roleScope(roleName) === "case") {
        personRoles.push(roleName);
        continue;
      }
      if (roleScope(roleName) === "council") {
        (council[roleName] ??= []).push(id);
        continue;
      }
      const teamIds = scope ? scope.split("|").map((t) => t.trim()) : teamId ? [teamId] : [];
      if (teamIds.length === 0) personRoles.push(roleName);
      for (const t of teamIds) (team(t).roles[roleName] ??= []).push(id);
    }
    const person: Record<string, unknown> = { id, name: get("name"), roles: personRoles };
    if (get("email")) person["email"] = get("email");
    if (get("jobTitle")) person["jobTitle"] = get("jobTitle");
    if (teamId) person["teamId"] = teamId;
    if (get("managerId")) person["managerId"] = get("managerId");
    if (get("organisation")) person["organisation"] = get("organisation");
    // Anything but true or false is kept as written, for the directory's check to name.
    const teamsAccount = get("teamsAccount").toLowerCase();
    if (teamsAccount !== "")
      person["teamsAccount"] = { true: true, false: false }[teamsAccount] ?? teamsAccount;
    people.push(person);
  });
  return { people, teams: [...teams.values()], council };
}
