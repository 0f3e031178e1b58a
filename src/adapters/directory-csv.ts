// Reads a directory from a CSV file, the shape most HR and identity exports can produce: one row per
// person with the columns id, name, email, jobTitle, team, teamName, managerId and roles, and for a partner
// agency's people organisation and teamsAccount ("false": no Teams account, reached by e-mail). Roles are
// separated by ";". A team role applies to the person's own team unless it names its teams, as in
// "service-manager:north-cic|south-cic", and also in the agency the row names in its agency column (with
// agencyName), where a multi-agency process finds its stages' people. Council roles apply council-wide.
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
  "agency",
  "agencyName",
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
  const teams = new Holders();
  const agencies = new Holders();
  const council: Record<string, string[]> = {};
  rows.forEach((cells) => {
    const get = (column: (typeof COLUMNS)[number]) => {
      const at = names.indexOf(column);
      return at < 0 ? "" : (cells[at] ?? "").trim();
    };
    const id = get("id");
    const teamId = get("team");
    if (teamId) teams.named(teamId, get("teamName"));
    const agencyId = get("agency");
    if (agencyId) agencies.named(agencyId, get("agencyName"));
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
      if (teamIds.length === 0 && !agencyId) personRoles.push(roleName);
      for (const t of teamIds) teams.hold(t, roleName, id);
      if (agencyId) agencies.hold(agencyId, roleName, id);
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
  return {
    people,
    teams: teams.all(),
    ...(agencies.all().length > 0 ? { agencies: agencies.all() } : {}),
    council,
  };
}

/** Teams or agencies as the rows name them, each with who holds each role in it. */
class Holders {
  private readonly byId = new Map<string, { id: string; name: string; roles: Record<string, string[]> }>();

  /** The one with this id, named by the first row that gives it a name, or by its id where none does. */
  named(id: string, name = "") {
    let found = this.byId.get(id);
    if (!found) {
      found = { id, name: name || id, roles: {} };
      this.byId.set(id, found);
    } else if (name && found.name === id) {
      found.name = name;
    }
    return found;
  }

  hold(id: string, role: string, personId: string): void {
    (this.named(id).roles[role] ??= []).push(personId);
  }

  all() {
    return [...this.byId.values()];
  }
}
