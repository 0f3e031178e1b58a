// What the use cases are given: the stores, the council's directory and policy, the calendar and the clock.
// Built once by the composition root (src/main.ts); tests build it with fakes. Each use case names the part
// it uses (the Deps types below), so its signature shows what it reads and writes.
import type { WorkingCalendar } from "../domain/calendar";
import type { DirectoryIndex } from "../domain/directory";
import type { Actor, Escalation } from "../domain/escalation";
import type { ReachOf } from "../domain/outbox";
import { mayRaiseUnder, type Policy } from "../domain/policy";
import type { Clock, ConversationReferenceStore, EscalationStore, Logger } from "../domain/ports";
import type { WorkingHours } from "../domain/reminders";
import type { TransitionContext } from "../domain/transitions";
import type { OwedClaim } from "./dispatch-outbox";

/** The directory as loaded now; implementations may cache it for a short while. */
export interface DirectorySource {
  current(): Promise<DirectoryIndex>;
}

export interface Services {
  readonly store: EscalationStore;
  readonly conversations: ConversationReferenceStore;
  readonly directory: DirectorySource;
  /** Every policy an escalation may have been raised under, by id. */
  readonly policies: ReadonlyMap<string, Policy>;
  /** The council's policy for new escalations, where the raiser is not offered a choice. */
  readonly policyId: string;
  /** Every process the council runs for new escalations, `policyId` first; just it unless given. */
  readonly policyIds?: readonly string[];
  /** The council's name, as its reports are headed. */
  readonly councilName: string;
  readonly calendar: WorkingCalendar;
  readonly hours: WorkingHours;
  /** True when the council sends e-mail (`MAIL_SENDER`): the messages its policy e-mails are owed by e-mail too. */
  readonly sendsEmail?: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  /**
   * Where the host sends what a write owes straight after it (src/main.ts): the claim on those messages,
   * made in that write, so the dispatcher starts from the record written and needs no claim of its own.
   */
  readonly claimOwed?: () => OwedClaim;
}

/** The policies, and which ones new escalations are raised under. */
export type PolicyDeps = Pick<Services, "policies" | "policyId" | "policyIds">;
/** What the domain is given to decide: the policies, the calendar and the working hours. */
export type DecisionDeps = PolicyDeps & Pick<Services, "calendar" | "hours" | "sendsEmail">;
/** Raising a concern, or acting on one: decide, then write through the store. */
export type ActionDeps = DecisionDeps &
  Pick<Services, "store" | "directory" | "clock" | "logger" | "claimOwed">;
/** Reading an escalation or a list of them. */
export type ViewDeps = Pick<Services, "store" | "directory" | "clock" | "logger">;
/** The reminders run: the schedule over every due escalation. */
export type ReminderDeps = Pick<
  Services,
  "store" | "directory" | "policies" | "calendar" | "hours" | "sendsEmail" | "clock" | "logger"
>;
/** The digest: figures over what was open, to every QA Manager. */
export type DigestDeps = Pick<Services, "store" | "directory" | "policies" | "calendar" | "clock" | "logger">;

export function activePolicy(services: PolicyDeps): Policy {
  return policyById(services, services.policyId);
}

/** The ids of the processes the council runs, in its order (POLICIES), or its one process. */
export function runProcessIds(services: PolicyDeps): readonly string[] {
  return services.policyIds ?? [services.policyId];
}

/** The processes this person may start, in the council's order: those whose raisers include one of their roles. */
export function raisablePolicies(services: PolicyDeps, actor: Actor | undefined): Policy[] {
  return runProcessIds(services)
    .map((id) => policyById(services, id))
    .filter((policy) => actor !== undefined && mayRaiseUnder(policy, actor.roles));
}

/** The process a raise form is for: the one it names, if the council runs it, or the council's default. */
export function raisePolicy(services: PolicyDeps, policyId: string | undefined): Policy | undefined {
  if (policyId === undefined || policyId === "") return activePolicy(services);
  return runProcessIds(services).includes(policyId) ? policyById(services, policyId) : undefined;
}

/** A process the council runs, named by its id as a QA Manager types it ("multi-agency"); undefined otherwise. */
export function runProcess(services: PolicyDeps, word: string): Policy | undefined {
  const id = word.trim().toLowerCase();
  return runProcessIds(services).includes(id) ? policyById(services, id) : undefined;
}

export function policyById(services: Pick<Services, "policies">, id: string): Policy {
  const policy = services.policies.get(id);
  if (!policy) throw new Error(`policy ${id} is not loaded`);
  return policy;
}

export function contextFor(
  services: DecisionDeps,
  directory: DirectoryIndex,
  policy: Policy,
  teamId: string,
  now: string,
): TransitionContext {
  return {
    now,
    policy,
    calendar: services.calendar,
    holders: directory.holders(teamId),
    people: directory,
    hours: services.hours,
    reach: reachIn(services, directory),
  };
}

/** How each person is reached, by the directory as it is now and whether the council sends e-mail. */
export function reachIn(services: Pick<Services, "sendsEmail">, directory: DirectoryIndex): ReachOf {
  return (personId) => directory.reach(personId, services.sendsEmail === true);
}

export function contextForEscalation(
  services: DecisionDeps,
  directory: DirectoryIndex,
  escalation: Escalation,
  now: string,
): TransitionContext {
  return contextFor(services, directory, policyById(services, escalation.policyId), escalation.team.id, now);
}
