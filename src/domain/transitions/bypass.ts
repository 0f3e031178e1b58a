// Bypassing stages: which formal stages a start or an escalation skips, and the reason (and, where the
// policy asks, the QA Manager's consultation) that must go with it.
import type { Bypass } from "../escalation";
import { findStage, isFormal, type Policy } from "../policy";
import { TEXT_LIMITS, type Problems } from "../validation";

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
  const reason = p.text(
    "bypassReason",
    `The reason for bypassing ${names}`,
    reasonText,
    TEXT_LIMITS.long,
    policy.bypass.requiresReason,
  );
  if (policy.bypass.requiresQaManagerConsultation && qaManagerConsulted !== true) {
    p.add(
      "qaManagerConsulted",
      `Under ${policy.name}, bypassing a stage needs the QA Manager's consultation: confirm it took place.`,
    );
  }
  return { fromStageId, toStageId, reason, qaManagerConsulted: qaManagerConsulted === true };
}
