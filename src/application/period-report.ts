// The QA Manager's report for a period: every escalation open at any time in it, read by the indexed dates
// (so the cost follows the period's escalations, not the store's size), and the figures over them.
import type { Escalation } from "../domain/escalation";
import { type PeriodReport, periodReport } from "../domain/period-report";
import { type Period, periodBounds } from "../domain/periods";
import type { DigestDeps } from "./services";

export async function reportFor(
  services: Pick<DigestDeps, "store" | "policies" | "calendar" | "logger">,
  period: Period,
  /** One process only, where the council runs several: its policy id. */
  policyId?: string,
): Promise<PeriodReport> {
  const { calendar } = services;
  const { start, end } = periodBounds(period, calendar);
  const escalations: Escalation[] = [];
  let unreadable = 0;
  for await (const escalation of services.store.openDuring(start, end, () => (unreadable += 1))) {
    if (policyId === undefined || escalation.policyId === policyId) escalations.push(escalation);
  }
  const report = periodReport(escalations, services.policies, calendar, period, unreadable);
  services.logger.info("period report", {
    from: period.from,
    to: period.to,
    escalations: escalations.length,
    ...(policyId !== undefined ? { policyId } : {}),
    unreadable,
  });
  return report;
}
