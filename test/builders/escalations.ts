// Builders for escalation tests: a fixed directory of fictional people, actors, a transition context with a
// fixed moment, the shipped policies, and a valid raised escalation to start from.
import { loadPolicies } from "../../src/adapters/policies/policy-files";
import {
  addCalendarDays,
  createCalendar,
  type Instant,
  type LocalDate,
  type WorkingCalendar,
} from "../../src/domain/calendar";
import type { ErrorCode, EscalationError, Result } from "../../src/domain/errors";
import type { Actor, Escalation, PersonRef } from "../../src/domain/escalation";
import type { PeopleLookup } from "../../src/domain/permissions";
import { answeredStages, findStage, isAnswered, type Policy } from "../../src/domain/policy";
import { DEFAULT_WORKING_HOURS, type WorkingHours } from "../../src/domain/reminders";
import type { Role } from "../../src/domain/roles";
import {
  raise,
  type RaiseCommand,
  type RoleHolders,
  type TransitionContext,
} from "../../src/domain/transitions";

export { createCalendar, DEFAULT_WORKING_HOURS };

function person(id: string, name: string): PersonRef {
  return Object.freeze({ id, name });
}

/** Fictional people, one per seat; ids look like directory object ids only in being opaque. */
export const people = Object.freeze({
  iro: person("p-iro", "Imogen Reeve"),
  otherIro: person("p-iro-2", "Owen Ridley"),
  iroManager: person("p-iro-mgr", "Irene Marsh"),
  socialWorker: person("p-sw", "Sam Walsh"),
  frontLineWorker: person("p-flw", "Fern Lowe"),
  teamManager: person("p-tm", "Tariq Mann"),
  deputyTeamManager: person("p-dtm", "Dana Temple"),
  serviceManager: person("p-sm", "Sofia Marr"),
  headOfLocality: person("p-hol", "Hugo Locke"),
  headOfService: person("p-hos", "Hana Sato"),
  assistantDirector: person("p-ad", "Adam Dunn"),
  corporateDirector: person("p-cd", "Cora Dale"),
  executiveDirector: person("p-ed", "Ewan Drake"),
  chiefExecutive: person("p-ce", "Chloe Evans"),
  electedMember: person("p-em", "Eli Morgan"),
  qaManager: person("p-qa", "Quinn Abbott"),
  secondQaManager: person("p-qa-2", "Queenie Ash"),
  headOfQa: person("p-hqa", "Harriet Quayle"),
  safeguardingBusinessManager: person("p-sbm", "Simone Brant"),
  nominatedOfficer: person("p-no", "Nadia Okafor"),
  namedSafeguardingLead: person("p-nsl", "Nina Shaw"),
  designatedSafeguardingLead: person("p-dsl", "Dev Singh"),
  partnershipExecutive: person("p-pe", "Petra Ellis"),
  independentScrutineer: person("p-is", "Ivan Scott"),
  stranger: person("p-stranger", "Stella Ng"),
  policeSergeant: person("p-pol-sgt", "Pat Sergeant"),
  policeInspector: person("p-pol-insp", "Priya Inskip"),
  policeSafeguardingLead: person("p-pol-nsl", "Paul Lead"),
  policeSuperintendent: person("p-pol-supt", "Petra Super"),
  healthManager: person("p-health-mgr", "Helen Matron"),
  healthSafeguardingLead: person("p-health-nsl", "Hamid Nurse"),
  healthDesignatedLead: person("p-health-dsl", "Holly Designate"),
  partnershipOffice: person("p-cscp", "Connie Partner"),
});

/** The agencies of the partnership's multi-agency process, and who holds each role in them. */
export const AGENCIES = Object.freeze([
  {
    agency: { id: "csc", name: "Children's Social Care" },
    roles: {
      "team-manager": [people.teamManager],
      "service-manager": [people.serviceManager],
      "head-of-service": [people.headOfService],
    },
  },
  {
    agency: { id: "police", name: "Police" },
    roles: {
      "team-manager": [people.policeInspector],
      "named-safeguarding-lead": [people.policeSafeguardingLead],
      "head-of-service": [people.policeSuperintendent],
    },
  },
  {
    agency: { id: "health", name: "Health" },
    roles: {
      "team-manager": [people.healthManager],
      "named-safeguarding-lead": [people.healthSafeguardingLead],
      "designated-safeguarding-lead": [people.healthDesignatedLead],
    },
  },
] as const satisfies readonly {
  agency: { id: string; name: string };
  roles: Partial<Record<Role, readonly PersonRef[]>>;
}[]);

/** Who holds each team or council role for the child's team. Case roles come from the escalation itself. */
export const DIRECTORY: Readonly<Partial<Record<Role, readonly PersonRef[]>>> = Object.freeze({
  "front-line-worker": [people.frontLineWorker],
  "team-manager": [people.teamManager],
  "deputy-team-manager": [people.deputyTeamManager],
  "service-manager": [people.serviceManager],
  "head-of-locality": [people.headOfLocality],
  "head-of-service": [people.headOfService],
  "assistant-director": [people.assistantDirector],
  "named-safeguarding-lead": [people.namedSafeguardingLead],
  "designated-safeguarding-lead": [people.designatedSafeguardingLead],
  "corporate-director": [people.corporateDirector],
  "executive-director": [people.executiveDirector],
  "chief-executive": [people.chiefExecutive],
  "elected-member": [people.electedMember],
  "qa-manager": [people.qaManager],
  "head-of-quality-assurance": [people.headOfQa],
  "safeguarding-business-manager": [people.safeguardingBusinessManager],
  "nominated-officer": [people.nominatedOfficer],
  "partnership-executive": [people.partnershipExecutive],
  "independent-scrutineer": [people.independentScrutineer],
  partnership: [people.partnershipOffice],
});

/** A directory lookup; `overrides` replaces the holders of some roles (an empty list: nobody holds it). */
export function holders(overrides: Partial<Record<Role, readonly PersonRef[]>> = {}): RoleHolders {
  return (role) => overrides[role] ?? DIRECTORY[role] ?? [];
}

export function actor(who: PersonRef, ...roles: Role[]): Actor {
  return { person: who, roles };
}

/** The actors the tests use most, with the roles the directory gives them. */
export const actors = Object.freeze({
  iro: actor(people.iro, "iro"),
  otherIro: actor(people.otherIro, "iro"),
  teamManager: actor(people.teamManager, "team-manager"),
  deputyTeamManager: actor(people.deputyTeamManager, "deputy-team-manager"),
  serviceManager: actor(people.serviceManager, "service-manager"),
  headOfLocality: actor(people.headOfLocality, "head-of-locality"),
  corporateDirector: actor(people.corporateDirector, "corporate-director"),
  qaManager: actor(people.qaManager, "qa-manager"),
  frontLineWorker: actor(people.frontLineWorker, "front-line-worker"),
  stranger: actor(people.stranger),
});

export type PolicyId = "dorset-qaro" | "escalation-of-concern" | "professional-challenge" | "multi-agency";

let shipped: Map<string, Policy> | undefined;

export function policy(id: PolicyId): Policy {
  shipped ??= loadPolicies();
  const found = shipped.get(id);
  if (!found) throw new Error(`no shipped policy ${id}`);
  return found;
}

/** England and Wales bank holidays, no closure days, 17:00 cut-off. */
export const calendar: WorkingCalendar = createCalendar();

/** Wednesday 4 November 2026, 10:00 in London (GMT): an ordinary week with no bank holiday. */
export const NOW: Instant = "2026-11-04T10:00:00.000Z";

export interface ContextOptions {
  readonly policy?: PolicyId | Policy;
  readonly now?: Instant;
  readonly calendar?: WorkingCalendar;
  readonly holders?: RoleHolders;
  readonly hours?: WorkingHours;
}

/** The directory's people as the fixed directory has them: one team, and nobody reports to anybody. */
export function peopleOf(roleHolders: RoleHolders): PeopleLookup {
  return {
    reportsOf: () => [],
    holdersAnywhere: (role) => roleHolders(role),
    holdersFor: (_teamId, role) => roleHolders(role),
    agencies: () => AGENCIES.map((a) => a.agency),
    agencyHolders: (agencyId, role) => {
      const roles: Partial<Record<Role, readonly PersonRef[]>> | undefined = AGENCIES.find(
        (a) => a.agency.id === agencyId,
      )?.roles;
      return roles?.[role] ?? [];
    },
  };
}

export function context(options: ContextOptions = {}): TransitionContext {
  const chosen = options.policy ?? "dorset-qaro";
  const roleHolders = options.holders ?? holders();
  return {
    now: options.now ?? NOW,
    policy: typeof chosen === "string" ? policy(chosen) : chosen,
    calendar: options.calendar ?? calendar,
    holders: roleHolders,
    people: peopleOf(roleHolders),
    hours: options.hours ?? DEFAULT_WORKING_HOURS,
  };
}

/** The same context at another moment, given as a London day and wall-clock time. */
export function at(ctx: TransitionContext, day: LocalDate, time = "10:00"): TransitionContext {
  return { ...ctx, now: ctx.calendar.at(day, time) };
}

/** A complete, valid concern for the context's policy, starting at `startStageId` (Level 1 under Dorset). */
export function raiseCommand(ctx: TransitionContext, overrides: Partial<RaiseCommand> = {}): RaiseCommand {
  const { policy: p } = ctx;
  const category = p.categories.items.find((c) => c.requiresText !== true) ?? p.categories.items[0];
  const outcome = p.outcomes.items.find((c) => c.requiresText !== true) ?? p.outcomes.items[0];
  if (!category || !outcome) throw new Error(`policy ${p.id} has no categories or outcomes`);
  // Dorset's first stage is informal (by the child's need); Level 1 is the usual start there.
  const startStageId = p.id === "dorset-qaro" ? "stage-1" : undefined;
  const start = findStage(p, startStageId ?? answeredStages(p)[0]?.id ?? "");
  const needsDate = start !== undefined && isAnswered(start) && start.timescale.kind === "child-need";
  return {
    id: "esc-1",
    actor: actors.iro,
    child: { name: "Jamie Example", caseId: "MOS-100234", dateOfBirth: "2015-06-15", legalStatus: "CIC" },
    socialWorker: people.socialWorker,
    team: { id: "team-north", name: "North Children in Care Team" },
    teamManager: people.teamManager,
    iroManager: people.iroManager,
    concern: {
      categories: [{ id: category.id }],
      summary: "The care plan has not been signed off since the review in September.",
      impactOnChild: "Jamie does not know where they will live after the summer.",
      requestedAction: {
        what: "Sign off the care plan and share it with Jamie and the carers.",
        who: "Team Manager",
        byWhen: addCalendarDays(ctx.calendar.localDate(ctx.now), 28),
      },
      outcomeSought: { id: outcome.id },
    },
    ...(startStageId ? { startStageId } : {}),
    ...(needsDate ? { timescale: { kind: "working-days", workingDays: 5 } as const } : {}),
    ...(p.partiesFromAgencies ? { agencies: { lead: "csc", involved: ["police", "health"] } } : {}),
    ...overrides,
  };
}

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function refused<T>(result: Result<T>, code?: ErrorCode): EscalationError {
  if (result.ok) throw new Error(`expected a refusal${code ? ` (${code})` : ""}, got success`);
  if (code !== undefined && result.error.code !== code) {
    throw new Error(`expected ${code}, got ${result.error.code}: ${result.error.message}`);
  }
  return result.error;
}

/** A valid escalation, raised by the IRO at the context's moment (Dorset Level 1 unless told otherwise). */
export function raised(
  ctx: TransitionContext = context(),
  overrides: Partial<RaiseCommand> = {},
): Escalation {
  return ok(raise(raiseCommand(ctx, overrides), ctx)).escalation;
}
