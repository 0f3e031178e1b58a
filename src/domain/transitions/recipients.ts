// Who a stage involves: the role holders for this child (case roles from the escalation itself, team and
// council roles from the directory), the person chosen to answer, and the people a stage copies.
import {
  type Agencies,
  type AgencyParty,
  type Due,
  type PersonRef,
  type StageRecord,
  uniquePeople,
} from "../escalation";
import { whyNotAnswerer } from "../permissions";
import { type AnsweredStage, answeringRoles, nextAnsweredStage } from "../policy";
import { type Role, roleLabel, roleScope } from "../roles";
import type { Problems } from "../validation";
import type { RoleHolders, TransitionContext } from "./context";

/** The case's people, for the roles the escalation itself names. */
export interface CasePeople {
  readonly socialWorker: PersonRef | undefined;
  readonly iro: PersonRef;
  readonly iroManager: PersonRef | undefined;
  /** The team manager the form names: the card shows them, so the stage for that role goes to them. */
  readonly teamManager: PersonRef | undefined;
}

/**
 * Case roles come from the escalation itself, and so does the team manager it names; the other team and
 * council roles come from the directory.
 */
export function caseHolders(ctx: TransitionContext, people: CasePeople): RoleHolders {
  return (role) => {
    switch (role) {
      case "social-worker":
        return people.socialWorker ? [people.socialWorker] : [];
      case "iro":
        return [people.iro];
      case "iro-manager":
        return people.iroManager ? [people.iroManager] : [];
      case "team-manager":
        return people.teamManager ? [people.teamManager] : ctx.holders(role);
      default:
        return ctx.holders(role);
    }
  };
}

export function rolePeople(roles: readonly Role[], holdersFor: RoleHolders): PersonRef[] {
  return uniquePeople(roles.flatMap((role) => holdersFor(role)));
}

export function without(people: readonly PersonRef[], excluded: readonly PersonRef[]): PersonRef[] {
  const ids = new Set(excluded.map((x) => x.id));
  return uniquePeople(people.filter((x) => !ids.has(x.id)));
}

/**
 * Each agency's people at the stage, lead agency first: the holders of the stage's answering roles there,
 * where the policy's people come from the agencies taking part (undefined otherwise, or for a stage whose
 * role is not held in agencies, such as the partnership's executive). The raiser and the child's social
 * worker are never among them.
 */
export function partiesAt(
  stage: AnsweredStage,
  agencies: Agencies | undefined,
  people: CasePeople,
  ctx: TransitionContext,
): AgencyParty[] | undefined {
  if (!ctx.policy.partiesFromAgencies || !agencies) return undefined;
  const roles = answeringRoles(stage).filter((r) => roleScope(r) === "team");
  if (roles.length === 0) return undefined;
  const excluded = [people.iro, ...(people.socialWorker ? [people.socialWorker] : [])];
  return agencies.involved
    .map((agency) => ({
      agency,
      people: without(
        roles.flatMap((r) => ctx.people.agencyHolders(agency.id, r)),
        excluded,
      ),
    }))
    .filter((party) => party.people.length > 0);
}

/** Each agency's people at the stage and at the one after it (whose lead is the next manager up). */
export function stageParties(
  stage: AnsweredStage,
  agencies: Agencies | undefined,
  people: CasePeople,
  ctx: TransitionContext,
): { parties?: AgencyParty[]; nextParties?: AgencyParty[] } {
  const next = nextAnsweredStage(ctx.policy, stage.id);
  const parties = partiesAt(stage, agencies, people, ctx);
  const nextParties = next ? partiesAt(next, agencies, people, ctx) : undefined;
  return { ...(parties ? { parties } : {}), ...(nextParties ? { nextParties } : {}) };
}

/**
 * The person who will answer the stage: the one the form names, or the directory's holder of the stage's
 * role for this child (the lead agency's, where agencies take part). A problem when there is nobody, or
 * when it is the raiser or the child's social worker.
 */
export function chooseResponsible(
  p: Problems,
  stage: AnsweredStage,
  named: PersonRef | undefined,
  people: CasePeople,
  holdersFor: RoleHolders,
  raiserTitle: string,
  parties?: readonly AgencyParty[],
): PersonRef | undefined {
  const chosen = named ? p.person("responsible", "The person who should answer", named) : undefined;
  if (named && !chosen) return undefined;
  const responsible =
    chosen ?? (parties ? parties[0]?.people[0] : undefined) ?? holdersFor(stage.responsibleRole)[0];
  if (!responsible) {
    p.add(
      "responsible",
      parties
        ? `No agency taking part has a ${answeringRoles(stage).map(roleLabel).join(" or ")} in the directory: choose who should answer.`
        : `No ${roleLabel(stage.responsibleRole)} is recorded for this team: choose who should answer.`,
    );
    return undefined;
  }
  const refusal = whyNotAnswerer(responsible, people.iro, people.socialWorker, raiserTitle);
  if (refusal) {
    p.add("responsible", refusal);
    return undefined;
  }
  return responsible;
}

/**
 * A new stage record: sent now, due as counted, with the people the policy copies, each agency's people
 * where agencies take part, and the next manager up.
 */
export function newStage(
  stage: AnsweredStage,
  responsible: PersonRef,
  due: Due,
  holdersFor: RoleHolders,
  ctx: TransitionContext,
  { parties, nextParties }: { parties?: readonly AgencyParty[]; nextParties?: readonly AgencyParty[] } = {},
): StageRecord {
  const next = nextAnsweredStage(ctx.policy, stage.id);
  const nextManagerUp = next
    ? ((nextParties ? nextParties[0]?.people[0] : undefined) ?? holdersFor(next.responsibleRole)[0])
    : undefined;
  const answering = uniquePeople([responsible, ...(parties ?? []).flatMap((party) => party.people)]);
  return {
    stageId: stage.id,
    name: stage.name,
    sentAt: ctx.now,
    due,
    responsible,
    copied: without(rolePeople(stage.copiedRoles, holdersFor), answering),
    ...(parties && parties.length > 0 ? { parties } : {}),
    ...(nextManagerUp && nextManagerUp.id !== responsible.id ? { nextManagerUp } : {}),
    extensions: [],
  };
}
