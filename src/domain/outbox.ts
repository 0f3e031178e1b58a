// The outbox's life: a message owed is claimed by one dispatcher for a short lease, sent, and marked sent.
// A dispatcher that dies after claiming lets the lease run out, and a later run sends it. A message that
// cannot be delivered stays owed, with the reason, and is tried again later: nothing is dropped.
import type { Instant } from "./calendar";
import type { Escalation, OutboxItem } from "./escalation";

/** Items that are owed and not held by a live claim at `now`. */
export function claimable(
  escalation: Escalation,
  now: Instant,
  accept: (item: OutboxItem) => boolean = () => true,
): OutboxItem[] {
  return escalation.outbox.filter(
    (item) =>
      item.status === "pending" &&
      (item.claimedUntil === undefined || item.claimedUntil <= now) &&
      accept(item),
  );
}

/** Claims every claimable item until `until`; the caller writes the result with its ETag, so one claimer wins. */
export function claim(
  escalation: Escalation,
  now: Instant,
  until: Instant,
  accept: (item: OutboxItem) => boolean = () => true,
): { readonly escalation: Escalation; readonly claimed: readonly OutboxItem[] } {
  const ids = new Set(claimable(escalation, now, accept).map((item) => item.id));
  if (ids.size === 0) return { escalation, claimed: [] };
  const outbox = escalation.outbox.map((item) =>
    ids.has(item.id) ? { ...item, claimedUntil: until, attempts: item.attempts + 1 } : item,
  );
  return { escalation: { ...escalation, outbox }, claimed: outbox.filter((item) => ids.has(item.id)) };
}

export function markSent(escalation: Escalation, itemId: string, at: Instant): Escalation {
  return update(escalation, itemId, (item) => {
    const { claimedUntil: _released, lastError: _cleared, ...rest } = item;
    return { ...rest, status: "sent", sentAt: at };
  });
}

/** The delivery failed: the item stays owed, with the reason, and is not tried again before `retryAt`. */
export function markFailed(
  escalation: Escalation,
  itemId: string,
  code: string,
  retryAt: Instant,
): Escalation {
  return update(escalation, itemId, (item) =>
    item.status === "pending" ? { ...item, lastError: code, claimedUntil: retryAt } : item,
  );
}

function update(
  escalation: Escalation,
  itemId: string,
  change: (item: OutboxItem) => OutboxItem,
): Escalation {
  if (!escalation.outbox.some((item) => item.id === itemId)) return escalation;
  return {
    ...escalation,
    outbox: escalation.outbox.map((item) => (item.id === itemId ? change(item) : item)),
  };
}
