// Sends what an escalation owes: claim the owed messages with one ETag-guarded write (so two dispatchers
// never both send), send each, and mark each sent as soon as it is, renewing the claim on the rest in the
// same write. Used right after every action and by the timer, which finds what is still owed after a
// failure or a crash.
import { type Escalation, isReminder, type OutboxItem } from "../domain/escalation";
import { claim, markFailed, markSent, oweUnreachableNotice, renewClaim } from "../domain/outbox";
import type { EscalationStore, Logger, Stored } from "../domain/ports";
import type { Delivery, DeliveryChannel } from "./delivery";
import { updateEscalation } from "./update-escalation";

export interface DispatchDeps {
  readonly store: EscalationStore;
  /** The channel the owed messages go out on. */
  readonly channel: DeliveryChannel;
  readonly logger: Logger;
  readonly now: () => string;
  /** How long a claim holds (`LEASE_MS` unless given); a dispatcher that dies lets it run out and a later run sends. */
  readonly leaseMs?: number;
  /** How long an undeliverable message waits before it is tried again. */
  readonly retryAfterMs?: number;
  /** True when reminders may go out now (working days, in working hours); other messages go at any time. */
  readonly remindersMayGo?: (now: string) => boolean;
}

export interface DispatchResult {
  readonly sent: number;
  readonly undelivered: number;
}

/**
 * How long a claim holds. Every write the dispatcher makes renews the claim on what it has still to send,
 * so the lease need only outlast one send (with its waits on throttling); it is also how long a message
 * whose send succeeded, but whose "sent" mark was lost to a crash, waits before it is sent again.
 */
export const LEASE_MS = 60_000;
const DEFAULT_RETRY_MS = 15 * 60_000;

export async function dispatchOutbox(deps: DispatchDeps, escalationId: string): Promise<DispatchResult> {
  let sent = 0;
  let undelivered = 0;
  // A message that cannot reach someone owes the IRO a notice; it goes out in the same dispatch.
  for (let round = 0; round < 2; round++) {
    const result = await dispatchRound(deps, escalationId);
    sent += result.sent;
    undelivered += result.undelivered;
    if (!result.noticesOwed) break;
  }
  deps.logger.info("outbox dispatched", { escalationId, sent, undelivered });
  return { sent, undelivered };
}

async function dispatchRound(
  deps: DispatchDeps,
  escalationId: string,
): Promise<DispatchResult & { readonly noticesOwed: boolean }> {
  const { store, channel, logger } = deps;
  const claimed = await claimOwed(deps, escalationId);
  if (!claimed) return { sent: 0, undelivered: 0, noticesOwed: false };
  const lease = deps.leaseMs ?? LEASE_MS;
  let current: Stored<Escalation> = claimed.stored;
  let heldUntil = claimed.until;
  const toSend = new Set(claimed.items.map((item) => item.id));
  let sent = 0;
  let undelivered = 0;
  let noticesOwed = false;
  for (const { id } of claimed.items) {
    // Sends slowed by throttling can outlast the lease; once it has run out, another dispatcher may have
    // claimed what is left, so it is theirs to send (or the next run's): sending it here would send it twice.
    const item = current.value.outbox.find((o) => o.id === id);
    if (item?.status !== "pending" || item.claimedUntil !== heldUntil || deps.now() >= heldUntil) break;
    toSend.delete(id);
    let delivery: Delivery;
    try {
      delivery = await channel.deliver(item, current.value);
    } catch (error) {
      delivery = {
        status: "undeliverable",
        reason: error instanceof Error ? error.name : "error",
        passing: true,
      };
    }
    const at = deps.now();
    const held = heldUntil;
    const renewed = new Date(Date.parse(at) + lease).toISOString();
    const renew = (e: Escalation) => renewClaim(e, toSend, held, renewed);
    if (delivery.status === "sent") {
      sent += 1;
      current = await update(store, current, (e) => renew(markSent(e, id, at)));
    } else {
      undelivered += 1;
      const code = delivery.reason;
      const tell = delivery.passing !== true;
      const retryAt = new Date(Date.parse(at) + (deps.retryAfterMs ?? DEFAULT_RETRY_MS)).toISOString();
      current = await update(store, current, (e) => {
        const failed = markFailed(e, id, code, retryAt);
        return renew(tell ? oweUnreachableNotice(failed, item, code, at) : failed);
      });
      noticesOwed ||= current.value.outbox.some(
        (o) => o.kind === "unreachable-notice" && o.status === "pending" && o.attempts === 0,
      );
      logger.warn("message not delivered", {
        escalationId,
        messageKind: item.kind,
        recipientId: item.to.id,
        code,
      });
    }
    heldUntil = renewed;
  }
  return { sent, undelivered, noticesOwed };
}

async function claimOwed(
  deps: DispatchDeps,
  escalationId: string,
): Promise<
  | { readonly stored: Stored<Escalation>; readonly items: readonly OutboxItem[]; readonly until: string }
  | undefined
> {
  let until = "";
  const claimed = await updateEscalation(deps.store, escalationId, (current) => {
    const now = deps.now();
    until = new Date(Date.parse(now) + (deps.leaseMs ?? LEASE_MS)).toISOString();
    const remindersNow = deps.remindersMayGo?.(now) ?? true;
    const { escalation, claimed } = claim(
      current,
      now,
      until,
      (item) => remindersNow || !isReminder(item.kind),
    );
    return claimed.length === 0 ? { outcome: claimed } : { write: escalation, outcome: claimed };
  });
  if (!claimed?.written) return undefined;
  return { stored: claimed.stored, items: claimed.outcome, until };
}

/** Applies an outbox change to the record last written, re-reading on a conflict: someone else's action must not undo a "sent". */
async function update(
  store: EscalationStore,
  current: Stored<Escalation>,
  change: (escalation: Escalation) => Escalation,
): Promise<Stored<Escalation>> {
  const updated = await updateEscalation(
    store,
    current.value.id,
    (escalation) => ({ write: change(escalation), outcome: undefined }),
    { from: current },
  );
  if (!updated) throw new Error(`escalation ${current.value.id} is no longer stored`);
  return updated.stored;
}
