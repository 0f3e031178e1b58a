// The person answering a stage hands it to a delegate: one of the people the hand-over
// card offers, with the reason. The delegate is asked to answer; the IRO is told.
import { illegal, invalid, notPermitted, type Result } from "../errors";
import { assignee, currentStage, type Escalation, type PersonRef } from "../escalation";
import { delegateCandidates, mayHandOver } from "../permissions";
import { recordedByRaiser } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkOnStage, unchanged } from "./guards";
import { recordChange, replaceCurrent } from "./record";

export interface ReassignCommand extends OnStage {
  readonly to?: PersonRef;
  readonly reason?: string;
}

export function reassign(
  escalation: Escalation,
  command: ReassignCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  if (
    record?.delegation &&
    record.delegation.by.id === actor.person.id &&
    record.delegation.to.id === command.to?.id &&
    record.delegation.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "reassign");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  if (!mayHandOver(stage, actor.person.id)) {
    return notPermitted(
      "reassign",
      `Only ${assignee(stage).name}, who was asked to answer ${stage.name}, can hand it to a delegate.`,
    );
  }
  if (recordedByRaiser(ctx.policy, stage.stageId)) {
    return illegal(
      `${stage.name} is recorded by ${assignee(stage).name}, who raised the concern: it is not handed over.`,
    );
  }
  if (stage.response) {
    return illegal(
      `${stage.name} was already answered by ${stage.response.respondedBy.name}; there is nothing to hand over.`,
    );
  }
  const p = new Problems();
  const reason = p.text(
    "reassign.reason",
    "The reason for handing the stage over",
    command.reason,
    TEXT_LIMITS.long,
  );
  const to = command.to;
  if (!to || to.id.trim() === "") {
    p.add("reassign.to", "Choose the person to hand the stage to.");
  } else if (to.id === assignee(stage).id) {
    p.add("reassign.to", `${to.name} is already answering this stage.`);
  } else if (to.id === escalation.iro.id) {
    p.add(
      "reassign.to",
      `The stage cannot be handed to the ${ctx.policy.raiserTitle} who raised the concern.`,
    );
  } else if (!delegateCandidates(escalation, ctx.policy, ctx.people).some((c) => c.id === to.id)) {
    p.add(
      "reassign.to",
      `${to.name || "That person"} is not one of the people ${stage.name} can be handed to: choose a deputy or a colleague from the list on the card.`,
    );
  }
  if (p.any || !to) return invalid(p.list);
  return recordChange(
    escalation,
    replaceCurrent(escalation, { ...stage, delegation: { to, reason, by: actor.person, at: ctx.now } }),
    {
      actor,
      kind: "reassigned",
      stageId: stage.stageId,
      data: { from: assignee(stage).id, to: to.id, reason },
    },
    [
      ["reassigned-to-you", [to]],
      ["reassigned-notice", [escalation.iro]],
    ],
    ctx,
  );
}
