// The one way an escalation is written after it is raised: read it, let the domain decide, replace it with
// the ETag read. When someone else wrote first (a 412), read again and decide again on the new record, so
// the second of two people acting at once gets the domain's answer to what now stands, and a replay finds
// itself already done. Every write (actions, refused attempts, the outbox, reminders) goes through here.
import type { Escalation } from "../domain/escalation";
import { ConcurrencyConflict, type EscalationStore, type Stored } from "../domain/ports";

/** What the domain decided: the record to write, if anything changes, and what to tell the caller. */
export interface Decision<T> {
  readonly write?: Escalation;
  readonly outcome: T;
}

export interface Updated<T> {
  readonly outcome: T;
  /** The record as written, or as read when nothing was written. */
  readonly stored: Stored<Escalation>;
  /** True when the decision was written. */
  readonly written: boolean;
}

export interface UpdateOptions {
  /** A record the caller already holds, to decide on before reading: it is read again only on a conflict. */
  readonly from?: Stored<Escalation>;
  /** Told of each conflict, e.g. to log it. */
  readonly onConflict?: (attempt: number) => void;
}

/** Writers that collide try again this many times before the write is given up as failed. */
export const MAX_WRITE_ATTEMPTS = 50;

/** Returns undefined when there is no escalation with this id. */
export async function updateEscalation<T>(
  store: EscalationStore,
  id: string,
  decide: (current: Escalation) => Decision<T>,
  options: UpdateOptions = {},
): Promise<Updated<T> | undefined> {
  let stored = options.from ?? (await store.get(id));
  for (let attempt = 1; stored !== undefined; attempt++) {
    const decision = decide(stored.value);
    if (decision.write === undefined) return { outcome: decision.outcome, stored, written: false };
    try {
      const saved = await store.replace(decision.write, stored.etag);
      return { outcome: decision.outcome, stored: saved, written: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw new Error(`escalation ${id} could not be written after ${attempt} conflicting writes`, {
          cause: error,
        });
      }
      options.onConflict?.(attempt);
      await backOff(attempt);
      stored = await store.get(id);
    }
  }
  return undefined;
}

/** A random, growing wait, so writers that collided do not collide again in step. */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 2 ** Math.min(attempt, 8));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
