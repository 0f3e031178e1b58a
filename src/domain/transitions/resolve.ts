// The IRO (or a QA Manager for her) records the concern resolved: the date and the outcome confirmed.
import { formatDay } from "../calendar";
import { invalid, type Result } from "../errors";
import { type ChoiceAnswer, currentStage, type Escalation, type StageEnding } from "../escalation";
import { Problems } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, sameChoice, unchanged } from "./guards";
import { conclude } from "./record";

export interface ResolveCommand extends OnStage {
  readonly resolvedOn?: string;
  readonly outcomeConfirmed?: ChoiceAnswer;
}

export function resolve(
  escalation: Escalation,
  command: ResolveCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const last = currentStage(escalation);
  if (
    escalation.status === "resolved" &&
    last.stageId === command.stageId &&
    last.ending?.kind === "resolved" &&
    last.ending.by.id === actor.person.id &&
    last.ending.resolvedOn === command.resolvedOn?.trim() &&
    sameChoice(last.ending.outcomeConfirmed, command.outcomeConfirmed)
  ) {
    return unchanged(escalation);
  }
  const refusal = checkDecider(escalation, actor, "resolve") ?? checkOnStage(escalation, command, "resolve");
  if (refusal) return refusal;
  const p = new Problems();
  const today = ctx.calendar.localDate(ctx.now);
  const resolvedOn = p.date("resolution.resolvedOn", "The date resolved", command.resolvedOn);
  if (resolvedOn !== undefined && resolvedOn > today)
    p.add("resolution.resolvedOn", `The date resolved is ${formatDay(resolvedOn)}, which is after today.`);
  if (resolvedOn !== undefined && resolvedOn < ctx.calendar.localDate(escalation.raisedAt)) {
    p.add(
      "resolution.resolvedOn",
      `The date resolved is ${formatDay(resolvedOn)}, before the concern was raised on ${formatDay(ctx.calendar.localDate(escalation.raisedAt))}.`,
    );
  }
  const outcome = p.choice(
    "resolution.outcomeConfirmed",
    "The outcome confirmed",
    command.outcomeConfirmed,
    ctx.policy.outcomes.items,
  );
  if (p.any || !resolvedOn || !outcome) return invalid(p.list);
  const ending: StageEnding = {
    kind: "resolved",
    resolvedOn,
    outcomeConfirmed: outcome,
    by: actor.person,
    at: ctx.now,
  };
  return conclude(escalation, actor, "resolved", ending, { resolvedOn, outcomeConfirmed: outcome.id }, ctx);
}
