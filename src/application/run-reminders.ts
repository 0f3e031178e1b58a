// The reminders run: for every escalation whose next action time has passed, add what the reminder schedule
// owes now to its outbox and claim it (one ETag-guarded write, so two runs at once add it once), and send it
// from the record just written; then send what every other escalation still owes. A run after a long gap
// owes only what is owed now, not one message per missed run.
import { errorName } from "../domain/log-fields";
import type { ReachOf } from "../domain/outbox";
import type { Logger } from "../domain/ports";
import { applyReminders } from "../domain/reminders";
import { type Claimed, type DispatchDeps, dispatchOutbox, owedClaim } from "./dispatch-outbox";
import { policyById, reachIn, type ReminderDeps } from "./services";
import { updateEscalation } from "./update-escalation";

export interface ReminderRunSummary {
  readonly isPastDue: boolean;
  /** Escalations whose next action time had passed. */
  readonly due: number;
  /** Reminders added to outboxes by this run. */
  readonly remindersOwed: number;
  /** Escalations whose owed messages were dispatched. */
  readonly dispatched: number;
  readonly sent: number;
  readonly undelivered: number;
  readonly failed: number;
}

export interface ReminderRunOptions {
  readonly isPastDue: boolean;
  /** Escalations taken per query; the run repeats the query until none is due. */
  readonly batchSize?: number;
  /** Escalations worked on at once: each is its own record, so they do not contend. */
  readonly concurrency?: number;
}

export async function runReminders(
  services: ReminderDeps,
  dispatch: DispatchDeps,
  options: ReminderRunOptions,
): Promise<ReminderRunSummary> {
  const { store, logger } = services;
  const now = services.clock.now();
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 8;
  const seen = new Set<string>();
  const dispatched = new Set<string>();
  let remindersOwed = 0;
  let failed = 0;
  let sent = 0;
  let undelivered = 0;
  /** A failure with one escalation is logged by its id and the error's name, counted, and the run goes on. */
  const failure = (message: string, id: string, error: unknown) => {
    failed += 1;
    logger.error(message, { escalationId: id, error: errorName(error) });
  };
  const send = async (id: string, claimed?: Claimed) => {
    try {
      const result = await dispatchOutbox(dispatch, id, claimed);
      sent += result.sent;
      undelivered += result.undelivered;
    } catch (error) {
      failure("dispatch failed", id, error);
    }
  };
  // Who is reached by e-mail matters only where the council sends it.
  const reach = services.sendsEmail ? reachIn(services, await services.directory.current()) : undefined;
  for (;;) {
    // Escalations already taken this run (one whose write failed is still due) are skipped, not re-read.
    const ids = (await store.due(now, seen.size + batchSize)).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    for (const id of ids) seen.add(id);
    await inParallel(ids, concurrency, async (id) => {
      let scheduled: Scheduled;
      try {
        scheduled = await schedule(services, dispatch, id, now, logger, reach);
        remindersOwed += scheduled.owed;
      } catch (error) {
        failure("reminder schedule failed", id, error);
        return;
      }
      if (scheduled.claimed) {
        dispatched.add(id);
        await send(id, scheduled.claimed);
      }
    });
  }
  // What else is owed: messages whose send failed and are due again, a dispatcher's that died.
  const owing = (await store.withPendingMessages(10_000)).filter((id) => !dispatched.has(id));
  await inParallel(owing, concurrency, (id) => send(id));
  const summary: ReminderRunSummary = {
    isPastDue: options.isPastDue,
    due: seen.size,
    remindersOwed,
    dispatched: dispatched.size + owing.length,
    sent,
    undelivered,
    failed,
  };
  logger.info("reminders run", { ...summary });
  return summary;
}

interface Scheduled {
  /** Reminders added. */
  readonly owed: number;
  /** The claim the schedule's write made on what the escalation owes now, when it wrote. */
  readonly claimed?: Claimed;
}

/** Applies the schedule to one escalation, claiming in the same write what it owes now. */
async function schedule(
  services: ReminderDeps,
  dispatch: DispatchDeps,
  id: string,
  now: string,
  logger: Logger,
  reach: ReachOf | undefined,
): Promise<Scheduled> {
  const owedNow = owedClaim(dispatch);
  const updated = await updateEscalation(
    services.store,
    id,
    (escalation) => {
      const result = applyReminders(escalation, {
        now,
        policy: policyById(services, escalation.policyId),
        calendar: services.calendar,
        hours: services.hours,
        ...(reach ? { reach } : {}),
      });
      return result.escalation === escalation
        ? { outcome: 0 }
        : { write: owedNow.apply(result.escalation), outcome: result.owed.length };
    },
    {
      onConflict: (attempt) =>
        logger.info("reminder write conflict, scheduling again", { escalationId: id, attempt }),
    },
  );
  if (!updated) return { owed: 0 };
  return updated.written
    ? { owed: updated.outcome, claimed: { stored: updated.stored, by: owedNow.by, until: owedNow.until } }
    : { owed: updated.outcome };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
