// The IRO (or a QA Manager for her) progresses the concern to the next formal stage, or past it with the
// reason for bypassing, giving the reasons for the decision to progress.
import { illegal, invalid, type Result } from "../errors";
import {
  askedToAnswer,
  type Bypass,
  currentStage,
  type Escalation,
  type PersonRef,
  type StageRecord,
  type TimescaleChoice,
} from "../escalation";
import { laterFormalStages } from "../permissions";
import { cafcassStageOf, remainingSummaryLabel } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import { bypassOf, sentData, skippedFormalStages } from "./bypass";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkTimescale, dueFor, firstFormalStage } from "./deadlines";
import { checkDecider, checkOnStage, unchanged } from "./guards";
import { caseHolders, chooseResponsible, newStage, stageParties, without } from "./recipients";
import { recordChange } from "./record";
import { checkRequest, type RequestDraft } from "./request";

export interface EscalateCommand extends OnStage {
  /** The stage to progress to; defaults to the next formal stage. A later one bypasses stages. */
  readonly toStageId?: string;
  readonly reasons?: string;
  readonly bypassReason?: string;
  readonly qaManagerConsulted?: boolean;
  readonly timescale?: TimescaleChoice;
  readonly responsible?: PersonRef;
  /** What is asked of the new stage, where the policy asks again at each stage. */
  readonly request?: RequestDraft;
}

export function escalate(
  escalation: Escalation,
  command: EscalateCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy } = ctx;
  const from = escalation.stages.find((s) => s.stageId === command.stageId);
  if (
    from?.ending?.kind === "progressed" &&
    from.ending.by.id === actor.person.id &&
    from.ending.reasons === command.reasons?.trim() &&
    (command.toStageId === undefined || from.ending.toStageId === command.toStageId)
  ) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "escalate") ?? checkOnStage(escalation, command, "escalate");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  const following = laterFormalStages(policy, stage.stageId);
  const defaultTarget = following[0];
  if (!defaultTarget) {
    const cafcass = cafcassStageOf(policy);
    return illegal(
      cafcass
        ? `${stage.name} is the last stage of ${policy.name}: the next step is ${cafcass.name}.`
        : `${stage.name} is the last stage of ${policy.name}: there is no stage to escalate to.`,
    );
  }
  const p = new Problems();
  const reasons = p.text(
    "escalation.reasons",
    "The reasons for the decision to progress",
    command.reasons,
    TEXT_LIMITS.long,
  );
  const targetId = command.toStageId ?? defaultTarget.id;
  const target = following.find((s) => s.id === targetId);
  let bypass: Bypass | undefined;
  if (!target) {
    p.add(
      "escalation.toStageId",
      `The stage to escalate to must be one of ${following.map((s) => s.name).join(", ")}.`,
    );
  } else {
    const skipped = skippedFormalStages(policy, stage.stageId, target.id);
    if (skipped.length > 0) {
      bypass = bypassOf(
        p,
        policy,
        stage.stageId,
        target.id,
        skipped,
        command.bypassReason,
        command.qaManagerConsulted,
      );
    }
  }
  const request = policy.requestAtEachStage
    ? checkRequest(p, "request", command.request, ctx, remainingSummaryLabel(stage.name))
    : undefined;
  const today = ctx.calendar.localDate(ctx.now);
  const timescale = checkTimescale(p, "timescale", command.timescale, today);
  const holdersFor = caseHolders(ctx, escalation);
  const parties = target ? stageParties(target, escalation.agencies, escalation, ctx) : {};
  const responsible = target
    ? chooseResponsible(
        p,
        target,
        command.responsible,
        escalation,
        holdersFor,
        policy.raiserTitle,
        parties.parties,
      )
    : undefined;
  const due =
    target && !p.has("timescale")
      ? dueFor(p, target, timescale, ctx, firstFormalStage(escalation, policy)?.sentAt)
      : undefined;
  if (p.any || !target || !responsible || !due || (policy.requestAtEachStage && !request)) {
    return invalid(p.list);
  }

  const ended: StageRecord = {
    ...stage,
    ending: { kind: "progressed", toStageId: target.id, reasons, by: actor.person, at: ctx.now },
  };
  const next = {
    ...newStage(target, responsible, due, holdersFor, ctx, parties),
    ...(request ? { request } : {}),
  };
  return recordChange(
    escalation,
    {
      ...escalation,
      stages: [...escalation.stages.slice(0, -1), ended, next],
      bypasses: bypass ? [...escalation.bypasses, bypass] : escalation.bypasses,
    },
    {
      actor,
      kind: "escalated",
      stageId: stage.stageId,
      data: { toStageId: target.id, ...sentData(due, responsible, bypass) },
    },
    [
      // The new stage's card, e-mail subject and Cc are the new stage's.
      ["stage-assigned", askedToAnswer(next), target.id],
      ["stage-copy", without(next.copied, [...askedToAnswer(next), escalation.iro]), target.id],
      ["stage-progressed", without(askedToAnswer(stage), [...askedToAnswer(next), escalation.iro])],
      ["escalated-confirmation", [escalation.iro], target.id],
    ],
    ctx,
  );
}
