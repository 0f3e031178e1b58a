// The IRO (or a QA Manager for her) chooses to wait for an overdue response rather than escalate: no
// prompt to escalate until the date given has passed.
import { formatDay } from "../calendar";
import { invalid, type Result } from "../errors";
import { currentStage, type Escalation } from "../escalation";
import { Problems } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, unchanged } from "./guards";
import { recordChange, replaceCurrent } from "./record";

export interface KeepWaitingCommand extends OnStage {
  /** No prompt to escalate before the working day after this one. */
  readonly until?: string;
}

export function keepWaiting(
  escalation: Escalation,
  command: KeepWaitingCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const notDecider = checkDecider(escalation, actor, "keep waiting");
  if (notDecider) return notDecider;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  if (record?.keepWaitingUntil !== undefined && record.keepWaitingUntil === command.until?.trim()) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "keep-waiting");
  if (refusal) return refusal;
  const p = new Problems();
  const until = p.date("keepWaiting.until", "Keep waiting until", command.until);
  const today = ctx.calendar.localDate(ctx.now);
  if (until !== undefined && until < today)
    p.add("keepWaiting.until", `The date to wait until is ${formatDay(until)}, which has passed.`);
  if (p.any || !until) return invalid(p.list);
  const stage = currentStage(escalation);
  return recordChange(
    escalation,
    replaceCurrent(escalation, { ...stage, keepWaitingUntil: until }),
    { actor, kind: "kept-waiting", stageId: stage.stageId, data: { until } },
    [],
    ctx,
  );
}
