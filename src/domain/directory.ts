// The council's directory: its people, its teams with their management line, and the council-wide roles.
// The bot finds who must answer each stage here, so a directory missing a role the policy needs is refused.
import type { Actor, AgencyRef, PersonRef } from "./escalation";
import type { Reach } from "./outbox";
import { answeredStages, answeringRoles, cafcassStageOf, type Policy } from "./policy";
import { isRole, type Role, roleLabel, roleScope } from "./roles";
import { z } from "./schemas";
import type { RoleHolders } from "./transitions";

const role = z.string().refine(isRole, { error: (issue) => `unknown role "${String(issue.input)}"` });
const personIds = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((v) => (typeof v === "string" ? [v] : v));

const personSchema = z.strictObject({
  /** The person's Microsoft Entra object ID: the id Teams gives the bot with every message. */
  id: z.string().trim().min(1, { error: "must not be empty" }),
  name: z.string().trim().min(1, { error: "must not be empty" }),
  email: z.email({ error: "must be an e-mail address" }).optional(),
  /** Their agency, where it is not the council: a partner's police, health or school manager. */
  organisation: z.string().trim().min(1).optional(),
  /** False for someone with no Teams account in the council's tenant: they are reached by e-mail only. */
  teamsAccount: z.boolean().optional(),
  jobTitle: z.string().trim().optional(),
  roles: z.array(role).default([]),
  teamId: z.string().trim().min(1).optional(),
  /** Their line manager: for an IRO, the manager the escalation names as the IRO's manager. */
  managerId: z.string().trim().min(1).optional(),
});

const teamSchema = z.strictObject({
  id: z.string().trim().min(1, { error: "must not be empty" }),
  name: z.string().trim().min(1, { error: "must not be empty" }),
  /** Who holds each team role for this team: its Team Manager, Service Manager and so on up the line. */
  roles: z.record(z.string(), personIds).default({}),
});

const agencySchema = z.strictObject({
  id: z.string().trim().min(1, { error: "must not be empty" }),
  name: z.string().trim().min(1, { error: "must not be empty" }),
  /** Who holds each role in this agency: its team or operational managers, its safeguarding leads. */
  roles: z.record(z.string(), personIds).default({}),
});

export const directorySchema = z.strictObject({
  people: z.array(personSchema),
  teams: z.array(teamSchema),
  /** The agencies that take part in the partnership's multi-agency process, with who holds each role. */
  agencies: z.array(agencySchema).default([]),
  /** Council-wide roles (QA Managers, the Nominated Officer, directors) and who holds them. */
  council: z.record(z.string(), personIds).default({}),
});

export type Person = z.infer<typeof personSchema>;
export type Team = z.infer<typeof teamSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type DirectoryData = z.infer<typeof directorySchema>;

export interface DirectoryProblem {
  readonly where: string;
  readonly message: string;
}

export type DirectoryCheck =
  | { readonly ok: true; readonly directory: DirectoryData }
  | { readonly ok: false; readonly problems: readonly DirectoryProblem[] };

/**
 * Roles a policy needs someone to hold: in every team, or once for the council. Where the stages' people come
 * from the agencies taking part, the stages' team roles are held in agencies instead (`agencyRolesNeeded`).
 */
export function rolesNeeded(policy: Policy): { team: Role[]; council: Role[] } {
  const needed = new Set<Role>(["qa-manager"]);
  for (const stage of answeredStages(policy)) {
    const answering = answeringRoles(stage).filter(
      (r) => !(policy.partiesFromAgencies && roleScope(r) === "team"),
    );
    for (const r of answering) needed.add(r);
    for (const r of stage.copiedRoles) needed.add(r);
    if ("notificationForm" in stage) for (const r of stage.notificationForm?.sendTo ?? []) needed.add(r);
    if ("finalDecision" in stage) for (const r of stage.finalDecision?.notify ?? []) needed.add(r);
  }
  const cafcass = cafcassStageOf(policy);
  if (cafcass) {
    for (const r of cafcass.copiedRoles) needed.add(r);
    if (cafcass.requiresNominatedOfficerInformed) needed.add("nominated-officer");
  }
  for (const r of [...policy.copies.onRaised, ...policy.copies.onConcluded]) needed.add(r);
  const all = [...needed];
  return {
    team: all.filter((r) => roleScope(r) === "team"),
    council: all.filter((r) => roleScope(r) === "council"),
  };
}

/** Checks a directory file's content against the policy it will serve and reports every problem found. */
export function checkDirectory(input: unknown, policy: Policy): DirectoryCheck {
  const parsed = directorySchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        where: issue.path.map(String).join(".") || "(file)",
        message: issue.message,
      })),
    };
  }
  const data = parsed.data;
  const problems: DirectoryProblem[] = [];
  const people = new Map<string, number>();
  data.people.forEach((person, index) => {
    const first = people.get(person.id);
    if (first !== undefined) {
      problems.push({
        where: `people[${index}]`,
        message: `duplicate person "${person.id}" (${person.name}; also people[${first}])`,
      });
    } else {
      people.set(person.id, index);
    }
  });
  const teams = new Map<string, number>();
  data.teams.forEach((team, index) => {
    const first = teams.get(team.id);
    if (first !== undefined) {
      problems.push({
        where: `teams[${index}]`,
        message: `duplicate team "${team.id}" (also teams[${first}])`,
      });
    } else {
      teams.set(team.id, index);
    }
  });
  data.people.forEach((person, index) => {
    if (person.teamId !== undefined && !teams.has(person.teamId)) {
      problems.push({
        where: `people[${index}].teamId`,
        message: `${person.name} is in unknown team "${person.teamId}"`,
      });
    }
  });
  data.people.forEach((person, index) => {
    if (person.teamsAccount === false && person.email === undefined) {
      problems.push({
        where: `people[${index}].email`,
        message: `${person.name} has no Teams account and no e-mail address, so nothing can reach them`,
      });
    }
  });
  data.people.forEach((person, index) => {
    if (person.managerId !== undefined && !people.has(person.managerId)) {
      problems.push({
        where: `people[${index}].managerId`,
        message: `${person.name}'s manager "${person.managerId}" is not in people`,
      });
    }
  });
  const checkHolders = (
    where: string,
    roleName: string,
    ids: readonly string[],
    scope: "team" | "council",
  ) => {
    if (!isRole(roleName)) {
      problems.push({ where, message: `unknown role "${roleName}"` });
      return;
    }
    if (roleScope(roleName) !== scope) {
      problems.push({
        where,
        message: `"${roleName}" is a ${roleScope(roleName)} role, not a ${scope} role`,
      });
    }
    for (const id of ids) {
      if (!people.has(id))
        problems.push({ where, message: `${roleLabel(roleName)} "${id}" is not in people` });
    }
  };
  data.teams.forEach((team, index) => {
    for (const [roleName, ids] of Object.entries(team.roles)) {
      checkHolders(`teams[${index}].roles.${roleName}`, roleName, ids, "team");
    }
  });
  for (const [roleName, ids] of Object.entries(data.council)) {
    checkHolders(`council.${roleName}`, roleName, ids, "council");
  }
  const needed = rolesNeeded(policy);
  data.teams.forEach((team, index) => {
    for (const r of needed.team) {
      if ((team.roles[r] ?? []).length === 0) {
        problems.push({
          where: `teams[${index}].roles`,
          message: `team "${team.id}" has no ${roleLabel(r)}, which ${policy.name} needs`,
        });
      }
    }
  });
  for (const r of needed.council) {
    if ((data.council[r] ?? []).length === 0) {
      problems.push({
        where: "council",
        message: `no ${roleLabel(r)} for the council, which ${policy.name} needs`,
      });
    }
  }
  const agencies = new Map<string, number>();
  data.agencies.forEach((agency, index) => {
    const first = agencies.get(agency.id);
    if (first !== undefined) {
      problems.push({
        where: `agencies[${index}]`,
        message: `duplicate agency "${agency.id}" (also agencies[${first}])`,
      });
    } else {
      agencies.set(agency.id, index);
    }
    for (const [roleName, ids] of Object.entries(agency.roles)) {
      checkHolders(`agencies[${index}].roles.${roleName}`, roleName, ids, "team");
    }
  });
  if (policy.partiesFromAgencies) {
    if (data.agencies.length < 2) {
      problems.push({
        where: "agencies",
        message: `${policy.name} is between agencies: the directory must list at least two, with who holds each role`,
      });
    }
    data.agencies.forEach((agency, index) => {
      for (const stage of answeredStages(policy)) {
        const roles = answeringRoles(stage).filter((r) => roleScope(r) === "team");
        if (roles.length > 0 && roles.every((r) => (agency.roles[r] ?? []).length === 0)) {
          problems.push({
            where: `agencies[${index}].roles`,
            message: `agency "${agency.id}" has no ${roles.map(roleLabel).join(" or ")}, who answers ${stage.name}`,
          });
        }
      }
    });
  }
  if (data.teams.length === 0) problems.push({ where: "teams", message: "the directory has no teams" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, directory: data };
}

/** Look-ups over a loaded directory. */
export class DirectoryIndex {
  private readonly people: Map<string, Person>;
  private readonly teams: Map<string, Team>;
  private held: ReadonlyMap<string, readonly Role[]> | undefined;
  private reports: ReadonlyMap<string, readonly PersonRef[]> | undefined;
  private readonly anywhere = new Map<Role, readonly PersonRef[]>();

  constructor(readonly data: DirectoryData) {
    this.people = new Map(data.people.map((p) => [p.id, p]));
    this.teams = new Map(data.teams.map((t) => [t.id, t]));
  }

  person(id: string): Person | undefined {
    return this.people.get(id);
  }

  ref(id: string): PersonRef | undefined {
    const person = this.people.get(id);
    return person ? { id: person.id, name: person.name } : undefined;
  }

  /** How the person is reached: in Teams unless they have no account there; by e-mail where the council sends it and they have an address. */
  reach(id: string, councilSendsEmail: boolean): Reach {
    const person = this.people.get(id);
    return {
      teams: person?.teamsAccount !== false,
      email: councilSendsEmail && person?.email !== undefined,
    };
  }

  /** The people reached by e-mail only. */
  emailOnly(): readonly Person[] {
    return this.data.people.filter((p) => p.teamsAccount === false);
  }

  team(id: string): Team | undefined {
    return this.teams.get(id);
  }

  allTeams(): readonly Team[] {
    return this.data.teams;
  }

  /** The person as an actor: the roles the directory gives them and the roles they hold in teams or the council. */
  actor(id: string): Actor | undefined {
    const person = this.people.get(id);
    if (!person) return undefined;
    const roles = new Set<Role>([...person.roles, ...(this.heldRoles().get(id) ?? [])]);
    return { person: { id: person.id, name: person.name }, roles: [...roles] };
  }

  /**
   * The roles each person holds in a team, the council or an agency, in that order, found once for the
   * directory: a council's directory has hundreds of teams, and every action asks who its people are.
   */
  private heldRoles(): ReadonlyMap<string, readonly Role[]> {
    if (this.held) return this.held;
    const held = new Map<string, Role[]>();
    const hold = (roles: Partial<Record<string, readonly string[]>>) => {
      for (const [r, ids] of Object.entries(roles)) {
        if (!isRole(r)) continue;
        for (const id of ids ?? []) {
          const list = held.get(id) ?? [];
          list.push(r);
          held.set(id, list);
        }
      }
    };
    for (const team of this.data.teams) hold(team.roles);
    hold(this.data.council);
    for (const agency of this.data.agencies) hold(agency.roles);
    this.held = held;
    return held;
  }

  /** Who holds each role for a child in this team: the team's own line for team roles, the council for the rest. */
  holders(teamId: string): RoleHolders {
    const team = this.teams.get(teamId);
    return (r: Role) => {
      const ids =
        roleScope(r) === "team"
          ? (team?.roles[r] ?? [])
          : roleScope(r) === "council"
            ? (this.data.council[r] ?? [])
            : [];
      return ids.map((id) => this.ref(id)).filter((p): p is PersonRef => p !== undefined);
    };
  }

  /** True when the person is in the team, or holds one of its roles (a manager who covers it). */
  belongsTo(personId: string, teamId: string): boolean {
    if (this.people.get(personId)?.teamId === teamId) return true;
    return Object.values(this.teams.get(teamId)?.roles ?? {}).some((ids) => ids.includes(personId));
  }

  /** The agencies that take part in the multi-agency process, in the directory's order. */
  agencies(): AgencyRef[] {
    return this.data.agencies.map((a) => ({ id: a.id, name: a.name }));
  }

  /** Who holds the role in the agency. */
  agencyHolders(agencyId: string, r: Role): PersonRef[] {
    const agency = this.data.agencies.find((a) => a.id === agencyId);
    return (agency?.roles[r] ?? []).map((id) => this.ref(id)).filter((p): p is PersonRef => p !== undefined);
  }

  /** The people whose line manager this person is, in the directory's order. */
  reportsOf(personId: string): PersonRef[] {
    if (!this.reports) {
      const reports = new Map<string, PersonRef[]>();
      for (const p of this.data.people) {
        if (p.managerId === undefined) continue;
        const list = reports.get(p.managerId) ?? [];
        list.push({ id: p.id, name: p.name });
        reports.set(p.managerId, list);
      }
      this.reports = reports;
    }
    return (this.reports.get(personId) ?? []).map((p) => ({ ...p }));
  }

  /**
   * Everyone who holds the role: in any team for a team role, the council's holders for a council role. Found
   * once for each role, in the directory's order.
   */
  holdersAnywhere(r: Role): PersonRef[] {
    let holders = this.anywhere.get(r);
    if (!holders) {
      const ids =
        roleScope(r) === "team"
          ? this.data.teams.flatMap((team) => team.roles[r] ?? [])
          : roleScope(r) === "council"
            ? (this.data.council[r] ?? [])
            : [];
      holders = [...new Set(ids)].map((id) => this.ref(id)).filter((p): p is PersonRef => p !== undefined);
      this.anywhere.set(r, holders);
    }
    return holders.map((p) => ({ ...p }));
  }

  holdersFor(teamId: string, r: Role): PersonRef[] {
    return [...this.holders(teamId)(r)];
  }
}
