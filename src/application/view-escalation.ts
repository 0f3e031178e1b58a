// Who may see an escalation's card, with the child's details: the people on it (the IRO, every stage's
// manager, delegate and copied people, the QA Managers), anyone the record has sent a message to, the
// council's QA Managers and the senior managers overseeing the child's team. Everyone else is refused, and the attempt is recorded.
import type { Escalation } from "../domain/escalation";
import { isQaManager, mayView, overseenTeamIds } from "../domain/permissions";
import type { EscalationSummary } from "../domain/ports";
import { recordRefusedAttempt } from "./act-on-escalation";
import type { ViewDeps } from "./services";

export type ViewOutcome =
  | { readonly kind: "visible"; readonly escalation: Escalation; readonly isQaManager: boolean }
  | { readonly kind: "refused" }
  | { readonly kind: "not-found" };

export async function viewEscalation(
  services: ViewDeps,
  viewerId: string,
  escalationId: string,
): Promise<ViewOutcome> {
  const directory = await services.directory.current();
  const stored = await services.store.get(escalationId);
  if (!stored) return { kind: "not-found" };
  const actor = directory.actor(viewerId);
  if (actor && mayView(stored.value, actor, overseenTeamIds(directory.allTeams(), viewerId))) {
    return { kind: "visible", escalation: stored.value, isQaManager: isQaManager(actor) };
  }
  services.logger.warn("view refused", { escalationId, viewerId });
  if (actor) {
    await recordRefusedAttempt(escalationId, {
      store: services.store,
      actor,
      action: "view",
      now: services.clock.now(),
    });
  }
  return { kind: "refused" };
}

export interface MyEscalations {
  readonly waiting: readonly EscalationSummary[];
  readonly raised: readonly EscalationSummary[];
  /**
   * For those who oversee: every open escalation (a QA Manager), or the open ones in the teams a senior
   * manager oversees, with the teams' names.
   */
  readonly overseen?: {
    readonly scope: "all" | "teams";
    readonly open: readonly EscalationSummary[];
    readonly teamNames: ReadonlyMap<string, string>;
  };
}

/** What waits on me as a manager, what I raised as an IRO, and what is open where I oversee. */
export async function myEscalations(
  services: Pick<ViewDeps, "store" | "directory">,
  personId: string,
): Promise<MyEscalations> {
  const directory = await services.directory.current();
  const scope: readonly string[] | "all" = isQaManager(directory.actor(personId))
    ? "all"
    : overseenTeamIds(directory.allTeams(), personId);
  const oversees = scope === "all" || scope.length > 0;
  const [waiting, raised, open] = await Promise.all([
    services.store.waitingOn(personId),
    services.store.raisedBy(personId),
    oversees ? services.store.openIn(scope) : Promise.resolve([]),
  ]);
  if (!oversees) return { waiting, raised };
  const teamNames = new Map(directory.allTeams().map((t) => [t.id, t.name]));
  return { waiting, raised, overseen: { scope: scope === "all" ? "all" : "teams", open, teamNames } };
}

/**
 * The escalation a typed reference ("ESC-" and the first 8 characters of its id) names, as this viewer may
 * see it. References are short, so more than one escalation may share one: the first the viewer may see
 * is shown. Someone who may see none of them is told only that there is none for them.
 */
export async function viewByReference(
  services: ViewDeps,
  viewerId: string,
  reference: string,
): Promise<ViewOutcome> {
  const prefix = /^ESC-([0-9A-Z]{8})$/i.exec(reference.trim())?.[1]?.toLowerCase();
  if (!prefix) return { kind: "not-found" };
  const directory = await services.directory.current();
  const actor = directory.actor(viewerId);
  const ids = await services.store.idsStartingWith(prefix, 10);
  const overseen = overseenTeamIds(directory.allTeams(), viewerId);
  for (const id of ids) {
    const stored = await services.store.get(id);
    if (stored && actor && mayView(stored.value, actor, overseen))
      return { kind: "visible", escalation: stored.value, isQaManager: isQaManager(actor) };
  }
  if (ids.length > 0) services.logger.warn("view by reference refused", { viewerId, matches: ids.length });
  return ids.length > 0 ? { kind: "refused" } : { kind: "not-found" };
}
