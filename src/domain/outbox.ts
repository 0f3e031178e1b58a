// The outbox's life: a message owed is claimed by one dispatcher for a short lease, sent, and marked sent.
// A dispatcher that dies after claiming lets the lease run out, and a later run sends it. A message that
// cannot be delivered stays owed, with the reason, and is tried again later: nothing is dropped.
import type { Instant } from "./calendar";
import type { Escalation, OutboxItem, PersonRef } from "./escalation";
import type { Policy } from "./policy";

/** How a person can be reached: in Teams (they are in the council's tenant), by e-mail (the council sends it and has their address). */
export interface Reach {
  readonly teams: boolean;
  readonly email: boolean;
}
export type ReachOf = (personId: string) => Reach;
/** Where the council sends no e-mail: everyone in Teams. */
export const TEAMS_ONLY: ReachOf = () => ({ teams: true, email: false });

/**
 * The one rule for how owed messages go. Everyone is sent every message in Teams; the messages the policy
 * e-mails go by e-mail as well, as their own owed item, to people with an address; someone with no Teams
 * account (a partner agency's manager) gets every message by e-mail only, under the message's own id.
 */
export function onChannels(
  items: readonly OutboxItem[],
  policy: Pick<Policy, "email">,
  reach: ReachOf = TEAMS_ONLY,
): OutboxItem[] {
  return items.flatMap((item): OutboxItem[] => {
    const { teams, email } = reach(item.to.id);
    if (!email) return [item];
    if (!teams) return [{ ...item, channel: "email" }];
    return policy.email.kinds.includes(item.kind)
      ? [item, { ...item, id: `${item.id}:email`, channel: "email" }]
      : [item];
  });
}

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

/**
 * Claims every claimable item until `until` for the claim `by` (an id drawn for it); the caller writes the
 * result with its ETag, so one claimer wins.
 */
export function claim(
  escalation: Escalation,
  now: Instant,
  held: { readonly until: Instant; readonly by: string },
  accept: (item: OutboxItem) => boolean = () => true,
): { readonly escalation: Escalation; readonly claimed: readonly OutboxItem[] } {
  const ids = new Set(claimable(escalation, now, accept).map((item) => item.id));
  if (ids.size === 0) return { escalation, claimed: [] };
  const outbox = escalation.outbox.map((item) =>
    ids.has(item.id)
      ? { ...item, claimedUntil: held.until, claimedBy: held.by, attempts: item.attempts + 1 }
      : item,
  );
  return { escalation: { ...escalation, outbox }, claimed: outbox.filter((item) => ids.has(item.id)) };
}

/**
 * Extends the claim on the given items, but only where it is still the claim `by`: a claim that has run
 * out and been taken by another dispatcher is theirs.
 */
export function renewClaim(
  escalation: Escalation,
  itemIds: ReadonlySet<string>,
  by: string,
  until: Instant,
): Escalation {
  const outbox = escalation.outbox.map((item) =>
    itemIds.has(item.id) && item.status === "pending" && item.claimedBy === by
      ? { ...item, claimedUntil: until }
      : item,
  );
  return { ...escalation, outbox };
}

/** True when messages are owed under the claim `by`: what the write that made it claimed is still to be sent. */
export function holdsClaim(escalation: Escalation, by: string): boolean {
  return escalation.outbox.some((item) => item.status === "pending" && item.claimedBy === by);
}

/** True when the escalation owes a message no dispatcher holds: a dispatch now would send something. */
export function owesUnclaimed(escalation: Escalation, now: Instant): boolean {
  return claimable(escalation, now).length > 0;
}

export function markSent(escalation: Escalation, itemId: string, at: Instant): Escalation {
  return update(escalation, itemId, (item) => {
    const { claimedUntil: _released, claimedBy: _holder, lastError: _cleared, ...rest } = item;
    return { ...rest, status: "sent", sentAt: at };
  });
}

function withoutHolder(item: OutboxItem): OutboxItem {
  const { claimedBy: _holder, ...rest } = item;
  return rest;
}

/** The delivery failed: the item stays owed, with the reason, and is not tried again before `retryAt`. */
export function markFailed(
  escalation: Escalation,
  itemId: string,
  code: string,
  retryAt: Instant,
): Escalation {
  return update(escalation, itemId, (item) =>
    item.status === "pending" ? { ...withoutHolder(item), lastError: code, claimedUntil: retryAt } : item,
  );
}

/**
 * Someone on the escalation cannot be reached: the IRO is owed a message saying who and why, once for each
 * person on the escalation however often, and for whatever message, it fails again; her card keeps saying
 * it while anything to them is owed. Nothing is owed when the IRO herself is
 * the one out of reach, nor for a notice that could not reach her.
 */
export function oweUnreachableNotice(
  escalation: Escalation,
  failed: OutboxItem,
  code: string,
  at: Instant,
): Escalation {
  if (failed.to.id === escalation.iro.id || failed.kind === "unreachable-notice") return escalation;
  const id = `unreachable:${failed.to.id}`;
  if (escalation.outbox.some((item) => item.id === id)) return escalation;
  const notice: OutboxItem = {
    id,
    kind: "unreachable-notice",
    to: escalation.iro,
    stageId: failed.stageId,
    createdAt: at,
    status: "pending",
    attempts: 0,
    data: { personId: failed.to.id, personName: failed.to.name, reason: code },
  };
  return { ...escalation, outbox: [...escalation.outbox, notice] };
}

/** The people a message to has failed and is still owed, with the last reason, one entry per person. */
export function unreached(escalation: Escalation): { readonly person: PersonRef; readonly reason: string }[] {
  const found = new Map<string, { person: PersonRef; reason: string }>();
  for (const item of escalation.outbox) {
    if (item.status === "pending" && item.lastError !== undefined && item.to.id !== escalation.iro.id)
      found.set(item.to.id, { person: item.to, reason: item.lastError });
  }
  return [...found.values()];
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
