// A refused attempt is part of the record too: who tried what, and when. It changes nothing else.
import type { Instant } from "../calendar";
import { type Actor, currentStage, type Escalation, type EscalationEvent } from "../escalation";

/** An attempt someone was not allowed to make is part of the record too. It changes nothing else. */
export function recordRefusal(
  escalation: Escalation,
  actor: Actor,
  action: string,
  code: string,
  now: Instant,
  /** Identifies the attempt, so a retried write records it once. */
  attempt?: string,
): Escalation {
  const event: EscalationEvent = {
    seq: escalation.events.length + 1,
    at: now,
    actor: actor.person,
    kind: "refused",
    stageId: currentStage(escalation).stageId,
    data: attempt === undefined ? { action, code } : { action, code, attempt },
  };
  return { ...escalation, events: [...escalation.events, event] };
}
