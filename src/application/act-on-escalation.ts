// Applies one action to a stored escalation: read, let the domain decide, write back with the ETag read.
// When someone else wrote first, read again and decide again, so the second of two people acting at once
// gets the answer the domain gives on the new record (e.g. "already answered by X at T"), and a replayed
// action finds itself already done and records nothing.
import { randomUUID } from "node:crypto";
import type { Actor, Escalation } from "../domain/escalation";
import type { EscalationError, Result } from "../domain/errors";
import { ConcurrencyConflict, type EscalationStore, type Logger } from "../domain/ports";
import { recordRefusal, type Transition } from "../domain/transitions";

export type ActOutcome =
  | {
      readonly kind: "applied";
      readonly escalation: Escalation;
      readonly etag: string;
      readonly transition: Transition;
    }
  | { readonly kind: "unchanged"; readonly escalation: Escalation; readonly etag: string }
  | { readonly kind: "refused"; readonly escalation: Escalation; readonly error: EscalationError }
  | { readonly kind: "not-found"; readonly id: string };

export interface ActOptions {
  readonly store: EscalationStore;
  readonly logger: Logger;
  /** The moment, for the audit event of a refused attempt. */
  readonly now: string;
  /** Who acted, so a refusal of permission is recorded against them. */
  readonly actor: Actor;
  /** A short name of the action, for logs and the audit event. */
  readonly action: string;
  readonly maxAttempts?: number;
}

export async function actOnEscalation(
  id: string,
  decide: (escalation: Escalation) => Result<Transition>,
  options: ActOptions,
): Promise<ActOutcome> {
  const { store, logger, action } = options;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = await store.get(id);
    if (!stored) return { kind: "not-found", id };
    const result = decide(stored.value);
    if (!result.ok) {
      if (result.error.code === "not-permitted") await recordRefusedAttempt(id, options);
      logger.info("action refused", { escalationId: id, action, code: result.error.code });
      return { kind: "refused", escalation: stored.value, error: result.error };
    }
    if (!result.value.changed) {
      logger.info("action already recorded", { escalationId: id, action });
      return { kind: "unchanged", escalation: stored.value, etag: stored.etag };
    }
    try {
      const saved = await store.replace(result.value.escalation, stored.etag);
      logger.info("action recorded", { escalationId: id, action, version: saved.value.version, attempt });
      return { kind: "applied", escalation: saved.value, etag: saved.etag, transition: result.value };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      logger.info("write conflict, deciding again", { escalationId: id, action, attempt });
      await backOff(attempt);
    }
  }
  throw new Error(
    `escalation ${id}: ${action} could not be recorded after ${maxAttempts} conflicting writes`,
  );
}

/** Records a refused attempt as an audit event; a conflicting write is retried the same way. */
export async function recordRefusedAttempt(
  id: string,
  options: Pick<ActOptions, "store" | "actor" | "action" | "now" | "maxAttempts">,
): Promise<void> {
  const { store, actor, action, now } = options;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const attemptId = randomUUID();
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = await store.get(id);
    if (!stored) return;
    // A retried write whose first answer was lost may already have recorded this very attempt.
    if (stored.value.events.some((e) => e.kind === "refused" && e.data["attempt"] === attemptId)) return;
    try {
      await store.replace(
        recordRefusal(stored.value, actor, action, "not-permitted", now, attemptId),
        stored.etag,
      );
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      await backOff(attempt);
    }
  }
  throw new Error(
    `escalation ${id}: the refused ${action} could not be recorded after ${maxAttempts} conflicting writes`,
  );
}

const MAX_ATTEMPTS = 50;

/** Writers that collided wait a random, growing moment so they do not collide again in step. */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 2 ** Math.min(attempt, 8));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
