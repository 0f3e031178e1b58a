// The IRO (or a QA Manager for her) withdraws the concern, with the reason. It ends the escalation.
import { invalid, type Result } from "../errors";
import { currentStage, type Escalation, type StageEnding } from "../escalation";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, unchanged } from "./guards";
import { conclude } from "./record";

export interface WithdrawCommand extends OnStage {
  readonly reason?: string;
}

export function withdraw(
  escalation: Escalation,
  command: WithdrawCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const last = currentStage(escalation);
  if (
    escalation.status === "withdrawn" &&
    last.ending?.kind === "withdrawn" &&
    last.ending.by.id === actor.person.id &&
    last.ending.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "withdraw") ?? checkOnStage(escalation, command, "withdraw");
  if (refusal) return refusal;
  const p = new Problems();
  const reason = p.text(
    "withdraw.reason",
    "The reason for withdrawing the concern",
    command.reason,
    TEXT_LIMITS.long,
  );
  if (p.any) return invalid(p.list);
  const ending: StageEnding = { kind: "withdrawn", reason, by: actor.person, at: ctx.now };
  return conclude(escalation, actor, "withdrawn", ending, { reason }, ctx);
}
