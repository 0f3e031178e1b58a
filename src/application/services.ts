// What the use cases are given: the stores, the council's directory and policy, the calendar and the clock.
// Built once by the composition root (src/main.ts); tests build it with fakes.
import type { WorkingCalendar } from "../domain/calendar";
import type { DirectoryIndex } from "../domain/directory";
import type { Escalation } from "../domain/escalation";
import type { Policy } from "../domain/policy";
import type { Clock, ConversationReferenceStore, EscalationStore, Logger } from "../domain/ports";
import type { WorkingHours } from "../domain/reminders";
import type { TransitionContext } from "../domain/transitions";

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
  /** The council's policy for new escalations. */
  readonly policyId: string;
  readonly calendar: WorkingCalendar;
  readonly hours: WorkingHours;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
}

export function activePolicy(services: Services): Policy {
  return policyById(services, services.policyId);
}

export function policyById(services: Services, id: string): Policy {
  const policy = services.policies.get(id);
  if (!policy) throw new Error(`policy ${id} is not loaded`);
  return policy;
}

export function contextFor(
  services: Services,
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
  };
}

export function contextForEscalation(
  services: Services,
  directory: DirectoryIndex,
  escalation: Escalation,
  now: string,
): TransitionContext {
  return contextFor(services, directory, policyById(services, escalation.policyId), escalation.team.id, now);
}
