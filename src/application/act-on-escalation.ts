// Applies one action to a stored escalation through the retrying update, and records a refusal of
// permission as an audit event: the second of two people acting at once gets the answer the domain gives on
// the new record (e.g. "already answered by X at T"), and a replayed action records nothing.
import { randomUUID } from "node:crypto";

import type { EscalationError, Result } from "../domain/errors";
import type { Actor, Escalation } from "../domain/escalation";
import { holdsClaim } from "../domain/outbox";
import type { EscalationStore, Logger } from "../domain/ports";
import { recordRefusal, type Transition } from "../domain/transitions";
import type { Claimed, OwedClaim } from "./dispatch-outbox";
import { type Decision, updateEscalation } from "./update-escalation";

export type ActOutcome =
  | {
      readonly kind: "applied";
      readonly escalation: Escalation;
      readonly etag: string;
      readonly transition: Transition;
      /** The claim the write made on the messages it owes, for the dispatcher that follows it. */
      readonly claimed?: Claimed;
    }
  | {
      readonly kind: "unchanged";
      readonly escalation: Escalation;
      readonly etag: string;
      /** Where this very call's write landed but its answer was lost: the claim it made, still to be sent. */
      readonly claimed?: Claimed;
    }
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
  /** Claims the messages the action owes in its own write (see dispatch-outbox). */
  readonly claimOwed?: () => OwedClaim;
}

export async function actOnEscalation(
  id: string,
  decide: (escalation: Escalation) => Result<Transition>,
  options: ActOptions,
): Promise<ActOutcome> {
  const { store, logger, action } = options;
  const owed = options.claimOwed?.();
  const updated = await updateEscalation(
    store,
    id,
    (current): Decision<Result<Transition>> => {
      const result = decide(current);
      if (!result.ok || !result.value.changed) return { outcome: result };
      const { escalation } = result.value;
      return { write: owed ? owed.apply(escalation) : escalation, outcome: result };
    },
    {
      onConflict: (attempt) =>
        logger.info("write conflict, deciding again", { escalationId: id, action, attempt }),
    },
  );
  if (!updated) return { kind: "not-found", id };
  const { outcome: result, stored } = updated;
  if (!result.ok) {
    if (result.error.code === "not-permitted") await recordRefusedAttempt(id, options);
    logger.info("action refused", { escalationId: id, action, code: result.error.code });
    return { kind: "refused", escalation: stored.value, error: result.error };
  }
  if (!updated.written) {
    logger.info("action already recorded", { escalationId: id, action });
    // A write that landed although its answer was lost, retried within this call, holds this call's claim.
    const ours = owed && holdsClaim(stored.value, owed.by);
    return {
      kind: "unchanged",
      escalation: stored.value,
      etag: stored.etag,
      ...(owed && ours ? { claimed: { stored, by: owed.by, until: owed.until } } : {}),
    };
  }
  logger.info("action recorded", { escalationId: id, action, version: stored.value.version });
  return {
    kind: "applied",
    escalation: stored.value,
    etag: stored.etag,
    transition: result.value,
    ...(owed ? { claimed: { stored, by: owed.by, until: owed.until } } : {}),
  };
}

/** Records a refused attempt as an audit event, once however often the write is retried. */
export async function recordRefusedAttempt(
  id: string,
  options: Pick<ActOptions, "store" | "actor" | "action" | "now">,
): Promise<void> {
  const { store, actor, action, now } = options;
  const attemptId = randomUUID();
  await updateEscalation(store, id, (current) => {
    // A retried write whose first answer was lost may already have recorded this very attempt.
    const next = recordRefusal(current, actor, action, "not-permitted", now, attemptId);
    return next === current ? { outcome: undefined } : { write: next, outcome: undefined };
  });
}
