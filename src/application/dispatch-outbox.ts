// Sends what an escalation owes: claim the owed messages with an ETag-guarded write (so two dispatchers
// never both send), send them, and mark them sent with one write. The claim is made in the write that owes
// the messages where there is one (an action, a raise, a reminders run's schedule), so the dispatcher that
// follows it starts from the record just written and needs no claim of its own; otherwise (a replay, the
// timer finding what is still owed after a failure or a crash) it claims with a write of its own.
import { randomUUID } from "node:crypto";

import { type Escalation, isReminder } from "../domain/escalation";
import { errorName } from "../domain/log-fields";
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
 * How long a claim holds. The sends of one claim are marked in one write after the last of them; sends
 * slowed by throttling write what they have sent once half the lease has gone, renewing the claim on the
 * rest, so the lease need only outlast a few sends. It is also how long a message whose send succeeded,
 * but whose "sent" mark was lost to a crash, waits before it is sent again.
 */
export const LEASE_MS = 60_000;
const DEFAULT_RETRY_MS = 15 * 60_000;

/** A claim on what a record owes, made in a write: the record as written, the claim's id and its end. */
export interface Claimed {
  readonly stored: Stored<Escalation>;
  readonly by: string;
  readonly until: string;
}

/** A claim to make in a write: `apply` claims for `by`, until `until`, every message the record owes now. */
export interface OwedClaim {
  readonly by: string;
  readonly until: string;
  readonly apply: (escalation: Escalation) => Escalation;
}

export type ClaimDeps = Pick<DispatchDeps, "now" | "leaseMs" | "remindersMayGo">;

/** A claim starting now; reminders are claimed only when they may go now. */
export function owedClaim(deps: ClaimDeps): OwedClaim {
  const now = deps.now();
  const until = new Date(Date.parse(now) + (deps.leaseMs ?? LEASE_MS)).toISOString();
  const by = randomUUID();
  const remindersNow = deps.remindersMayGo?.(now) ?? true;
  return {
    by,
    until,
    apply: (escalation) =>
      claim(escalation, now, { until, by }, (item) => remindersNow || !isReminder(item.kind)).escalation,
  };
}

/**
 * Sends what the escalation owes. Given the claim its last write made, it starts from that record and
 * claims nothing more; otherwise it claims what is owed first.
 */
export async function dispatchOutbox(
  deps: DispatchDeps,
  escalationId: string,
  claimed?: Claimed,
): Promise<DispatchResult> {
  let sent = 0;
  let undelivered = 0;
  let next: Claimed | undefined = claimed ?? (await claimOwed(deps, escalationId));
  // A message that cannot reach someone owes the IRO a notice; it is claimed in the write that marks the
  // failure and goes out in the same dispatch.
  for (let round = 0; round < 2 && next; round++) {
    const result = await sendClaimed(deps, next, round === 0);
    sent += result.sent;
    undelivered += result.undelivered;
    next = result.noticesClaimed;
  }
  deps.logger.info("outbox dispatched", { escalationId, sent, undelivered });
  return { sent, undelivered };
}

async function sendClaimed(
  deps: DispatchDeps,
  claimed: Claimed,
  mayClaimNotices: boolean,
): Promise<DispatchResult & { readonly noticesClaimed?: Claimed }> {
  const { store, channel, logger } = deps;
  const lease = deps.leaseMs ?? LEASE_MS;
  const escalationId = claimed.stored.value.id;
  let current = claimed.stored;
  let heldUntil = claimed.until;
  const { by } = claimed;
  const toSend = current.value.outbox.filter((item) => item.status === "pending" && item.claimedBy === by);
  const left = new Set(toSend.map((item) => item.id));
  let marks: ((escalation: Escalation) => Escalation)[] = [];
  let sent = 0;
  let undelivered = 0;
  let noticesOwed = false;

  /**
   * Writes the marks of what was sent since the last write: mid-batch renewing the claim on what is left,
   * at the end claiming the notices the failures owe when `claimNotices`.
   */
  const write = async (last: boolean, claimNotices = false): Promise<Claimed | undefined> => {
    const at = deps.now();
    const renewed = new Date(Date.parse(at) + lease).toISOString();
    const noticeClaim = claimNotices ? owedClaim(deps) : undefined;
    const pending = marks;
    current = await update(store, current, (e) => {
      const marked = pending.reduce((acc, mark) => mark(acc), e);
      if (last) return noticeClaim ? noticeClaim.apply(marked) : marked;
      return renewClaim(marked, left, by, renewed);
    });
    marks = [];
    heldUntil = renewed;
    return noticeClaim ? { stored: current, by: noticeClaim.by, until: noticeClaim.until } : undefined;
  };

  for (const owed of toSend) {
    // Sends slowed by throttling can outlast the lease; once it has run out, another dispatcher may have
    // claimed what is left, so it is theirs to send (or the next run's): sending it here would send it twice.
    const item = current.value.outbox.find((o) => o.id === owed.id);
    if (item?.status !== "pending" || item.claimedBy !== by || deps.now() >= heldUntil) break;
    left.delete(item.id);
    let delivery: Delivery;
    try {
      delivery = await channel.deliver(item, current.value);
    } catch (error) {
      delivery = {
        status: "undeliverable",
        reason: errorName(error),
        passing: true,
      };
    }
    const at = deps.now();
    if (delivery.status === "sent") {
      sent += 1;
      marks.push((e) => markSent(e, item.id, at));
    } else {
      undelivered += 1;
      const code = delivery.reason;
      const tell = delivery.passing !== true;
      const retryAt = new Date(Date.parse(at) + (deps.retryAfterMs ?? DEFAULT_RETRY_MS)).toISOString();
      marks.push((e) => {
        const failed = markFailed(e, item.id, code, retryAt);
        return tell ? oweUnreachableNotice(failed, item, code, at) : failed;
      });
      noticesOwed ||= tell;
      logger.warn("message not delivered", {
        escalationId,
        messageKind: item.kind,
        recipientId: item.to.id,
        code,
      });
    }
    // Half the lease gone with messages still to send: what was sent is written now, and the rest kept.
    if (left.size > 0 && Date.parse(heldUntil) - Date.parse(deps.now()) < lease / 2) await write(false);
  }
  const claimNotices = noticesOwed && mayClaimNotices;
  if (marks.length === 0 && !claimNotices) return { sent, undelivered };
  const noticesClaimed = await write(true, claimNotices);
  return noticesClaimed ? { sent, undelivered, noticesClaimed } : { sent, undelivered };
}

async function claimOwed(deps: DispatchDeps, escalationId: string): Promise<Claimed | undefined> {
  let owed: OwedClaim | undefined;
  const claimed = await updateEscalation(deps.store, escalationId, (current) => {
    owed = owedClaim(deps);
    const escalation = owed.apply(current);
    return escalation === current ? { outcome: undefined } : { write: escalation, outcome: undefined };
  });
  if (!claimed?.written || !owed) return undefined;
  return { stored: claimed.stored, by: owed.by, until: owed.until };
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
