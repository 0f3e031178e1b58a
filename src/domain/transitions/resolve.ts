// The IRO (or a QA Manager for her) records the concern resolved: the date, the outcome confirmed and, where
// the stage's form says so, that it was agreed with the person who answered the stage.
import { formatDay } from "../calendar";
import { invalid, type Result } from "../errors";
import {
  assignee,
  type ChoiceAnswer,
  currentStage,
  type Escalation,
  type PersonRef,
  type StageEnding,
  type StageRecord,
} from "../escalation";
import { findStage, isFormal, type Policy } from "../policy";
import { Problems } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, sameChoice, unchanged } from "./guards";
import { conclude } from "./record";

export interface ResolveCommand extends OnStage {
  readonly resolvedOn?: string;
  readonly outcomeConfirmed?: ChoiceAnswer;
  /** The IRO's confirmation that the resolution was agreed as the stage's form says. */
  readonly agreed?: boolean;
}

/** Who a resolution at this stage is agreed with, and the form's words for it; undefined where none is asked. */
export function resolutionAgreement(
  stage: StageRecord,
  policy: Policy,
): { readonly person: PersonRef; readonly words: string } | undefined {
  const policyStage = findStage(policy, stage.stageId);
  const words = policyStage && isFormal(policyStage) ? policyStage.resolutionRecorded : undefined;
  if (words === undefined) return undefined;
  return { person: stage.response?.respondedBy ?? assignee(stage), words };
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
  const agreement = resolutionAgreement(last, ctx.policy);
  if (agreement && command.agreed !== true) {
    p.add(
      "resolution.agreed",
      `Confirm that the resolution is recorded ${agreement.words} (${agreement.person.name}).`,
    );
  }
  if (p.any || !resolvedOn || !outcome) return invalid(p.list);
  const ending: StageEnding = {
    kind: "resolved",
    resolvedOn,
    outcomeConfirmed: outcome,
    ...(agreement ? { agreedWith: agreement } : {}),
    by: actor.person,
    at: ctx.now,
  };
  return conclude(escalation, actor, "resolved", ending, { resolvedOn, outcomeConfirmed: outcome.id }, ctx);
}
