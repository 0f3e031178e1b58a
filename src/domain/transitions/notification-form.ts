// The lead agency's manager completes the stage's notification form (seed 003's Escalation Notification
// Form: the identified policy/practice issues at stage 3, whether resolved or not; the remaining issues or
// outcome at stages 4 and 5) and it goes to the safeguarding partnership. Each completion is appended: an
// update never rewrites what the partnership was sent before.
import { illegal, invalid, notPermitted, type Result } from "../errors";
import { currentStage, type Escalation, type NotificationEntry } from "../escalation";
import { mayCompleteNotificationForm } from "../permissions";
import { notificationFormAt } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkOnStage, unchanged } from "./guards";
import { caseHolders, rolePeople } from "./recipients";
import { recordChange } from "./record";

export interface NotificationFormCommand extends OnStage {
  /** The answer to the stage's question: the issues identified, or those remaining, or the outcome. */
  readonly answer?: string;
  readonly resolved?: boolean;
}

export function completeNotificationForm(
  escalation: Escalation,
  command: NotificationFormCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy } = ctx;
  const last = escalation.notificationForm?.at(-1);
  if (
    last &&
    last.stageId === command.stageId &&
    last.by.id === actor.person.id &&
    last.answer === command.answer?.trim() &&
    last.resolved === (command.resolved === true)
  ) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "notification-form");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  const form = notificationFormAt(policy, stage.stageId);
  if (!form || !escalation.agencies) {
    return illegal(`${stage.name} of ${policy.name} has no notification form.`);
  }
  const lead = escalation.agencies.lead;
  if (!mayCompleteNotificationForm(escalation, actor, policy)) {
    return notPermitted(
      "notification-form",
      `The ${form.name} is completed by ${lead.name}, the lead agency, or by the ${policy.raiserTitle}.`,
    );
  }
  const p = new Problems();
  const answer = p.text("notificationForm.answer", form.question, command.answer, TEXT_LIMITS.long);
  if (p.any) return invalid(p.list);
  const entry: NotificationEntry = {
    stageId: stage.stageId,
    form: form.name,
    question: form.question,
    answer,
    resolved: command.resolved === true,
    forAgency: lead,
    by: actor.person,
    at: ctx.now,
  };
  const partnership = rolePeople(form.sendTo, caseHolders(ctx, escalation));
  return recordChange(
    escalation,
    { ...escalation, notificationForm: [...(escalation.notificationForm ?? []), entry] },
    {
      actor,
      kind: "notification-form-completed",
      stageId: stage.stageId,
      data: { resolved: entry.resolved, update: (escalation.notificationForm ?? []).length > 0 },
    },
    [["notification-form", partnership.filter((x) => x.id !== actor.person.id)]],
    ctx,
  );
}
