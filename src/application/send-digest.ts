// The QA Manager's digest: the figures for the last seven days, sent to every QA Manager by the weekly
// timer (once each, whatever the timer does), or shown at once to a QA Manager who asks with "digest".
import type { Escalation, PersonRef } from "../domain/escalation";
import type { DeliveryLog } from "../domain/ports";
import { type Figures, figures } from "../domain/report";
import type { Delivery } from "./delivery";
import type { DigestDeps } from "./services";

export const DIGEST_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

/** The last seven days' figures: of every process, or of one (its policy id) where the council runs several. */
export async function digestFigures(services: DigestDeps, policyId?: string): Promise<Figures> {
  const to = services.clock.now();
  const from = new Date(Date.parse(to) - DIGEST_PERIOD_MS).toISOString();
  const escalations: Escalation[] = [];
  let unreadable = 0;
  for await (const escalation of services.store.openDuring(from, to, () => (unreadable += 1))) {
    if (policyId === undefined || escalation.policyId === policyId) escalations.push(escalation);
  }
  const counted = figures(escalations, services.policies, services.calendar, from, to);
  return unreadable > 0 ? { ...counted, unreadable } : counted;
}

export interface DigestRun {
  readonly qaManagers: number;
  readonly sent: number;
  readonly skipped: number;
  readonly undelivered: number;
}

export async function sendDigests(
  services: DigestDeps,
  log: DeliveryLog,
  deliver: (to: PersonRef, digest: Figures) => Promise<Delivery>,
): Promise<DigestRun> {
  const directory = await services.directory.current();
  const qaManagers = directory.data.council["qa-manager"] ?? [];
  const digest = await digestFigures(services);
  const now = services.clock.now();
  const day = services.calendar.localDate(now);
  let sent = 0;
  let skipped = 0;
  let undelivered = 0;
  for (const id of qaManagers) {
    const person = directory.ref(id);
    if (!person) continue;
    const key = `digest:${id}:${day}`;
    const leaseUntil = new Date(Date.parse(now) + 10 * 60_000).toISOString();
    if ((await log.claim(key, now, leaseUntil)) !== "claimed") {
      skipped += 1;
      continue;
    }
    const delivery = await deliver(person, digest);
    if (delivery.status === "sent") {
      await log.markSent(key, services.clock.now());
      sent += 1;
    } else {
      undelivered += 1;
      services.logger.warn("digest not delivered", {
        recipientId: id,
        code: delivery.reason,
      });
    }
  }
  const run = { qaManagers: qaManagers.length, sent, skipped, undelivered };
  services.logger.info("digest run", { ...run });
  return run;
}
