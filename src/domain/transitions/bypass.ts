// Bypassing stages: which formal stages a start or an escalation skips, and the reason (and, where the
// policy asks, the consultation with the people it names) that must go with it.
import type { Bypass, Due, PersonRef } from "../escalation";
import { bypassConsultees, findStage, isFormal, type Policy } from "../policy";
import { type Problems, TEXT_LIMITS } from "../validation";

export function skippedFormalStages(
  policy: Policy,
  fromStageId: string | undefined,
  toStageId: string,
): string[] {
  const formal = policy.stages.filter(isFormal).map((s) => s.id);
  const toAt = formal.indexOf(toStageId);
  const fromAt = fromStageId === undefined ? -1 : formal.indexOf(fromStageId);
  return formal.slice(fromAt + 1, Math.max(fromAt + 1, toAt));
}

export function bypassOf(
  p: Problems,
  policy: Policy,
  fromStageId: string | null,
  toStageId: string,
  skipped: readonly string[],
  reasonText: string | undefined,
  qaManagerConsulted: boolean | undefined,
): Bypass {
  const names = skipped.map((id) => findStage(policy, id)?.name ?? id).join(", ");
  const label = `The reason for bypassing ${names}`;
  const reason = policy.bypass.requiresReason
    ? p.text("bypassReason", label, reasonText, TEXT_LIMITS.long)
    : p.optionalText("bypassReason", label, reasonText, TEXT_LIMITS.long);
  if (policy.bypass.requiresQaManagerConsultation && qaManagerConsulted !== true) {
    p.add(
      "qaManagerConsulted",
      `Under ${policy.name}, bypassing a stage needs consultation with ${bypassConsultees(policy)}: confirm it took place.`,
    );
  }
  return { fromStageId, toStageId, reason, qaManagerConsulted: qaManagerConsulted === true };
}

/** What the log says of a stage being sent: when it is due, who answers, and any bypass with its reason. */
export function sentData(
  due: Due,
  responsible: PersonRef,
  bypass: Bypass | undefined,
): Record<string, unknown> {
  return {
    due: due.due,
    responsible: responsible.id,
    ...(bypass ? { bypassReason: bypass.reason, qaManagerConsulted: bypass.qaManagerConsulted } : {}),
  };
}
