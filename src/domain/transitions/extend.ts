// The IRO gives the person answering more time: a later working day, with the reason.
import { formatDay } from "../calendar";
import { illegal, invalid, notPermitted, type Result } from "../errors";
import { assignee, currentStage, type Due, type Escalation } from "../escalation";
import { isRaiser } from "../permissions";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkWorkingDay } from "./deadlines";
import { checkOnStage, unchanged } from "./guards";
import { recordChange, replaceCurrent } from "./record";

export interface ExtendCommand extends OnStage {
  readonly newDue?: string;
  readonly reason?: string;
}

export function extend(
  escalation: Escalation,
  command: ExtendCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  const lastExtension = record?.extensions.at(-1);
  if (
    lastExtension &&
    lastExtension.by.id === actor.person.id &&
    lastExtension.to === command.newDue?.trim() &&
    lastExtension.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  if (!isRaiser(escalation, actor.person.id)) {
    return notPermitted(
      "extend",
      `Only ${escalation.iro.name}, the ${ctx.policy.raiserTitle} who raised the concern, can extend a deadline.`,
    );
  }
  const refusal = checkOnStage(escalation, command, "extend");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  if (stage.response) {
    return illegal(`${stage.name} was already answered; there is no deadline left to extend.`);
  }
  const p = new Problems();
  const reason = p.text("extend.reason", "The reason for the extension", command.reason, TEXT_LIMITS.long);
  const newDue = p.date("extend.newDue", "The new due date", command.newDue);
  if (newDue !== undefined) {
    if (newDue <= stage.due.due) {
      p.add(
        "extend.newDue",
        `The new due date is ${formatDay(newDue)}, which is not after the current one, ${formatDay(stage.due.due)}.`,
      );
    } else if (newDue < ctx.calendar.localDate(ctx.now)) {
      p.add("extend.newDue", `The new due date is ${formatDay(newDue)}, which has passed.`);
    } else {
      checkWorkingDay(p, "extend.newDue", "The new due date", ctx.calendar, newDue);
    }
  }
  if (p.any || !newDue) return invalid(p.list);
  const deadline = ctx.calendar.dateDeadline(stage.due.receivedAt, newDue, "extended by the IRO");
  const due: Due = { ...deadline, basis: "extended" };
  return recordChange(
    escalation,
    replaceCurrent(escalation, {
      ...stage,
      due,
      extensions: [
        ...stage.extensions,
        { from: stage.due.due, to: newDue, reason, by: actor.person, at: ctx.now },
      ],
    }),
    { actor, kind: "extended", stageId: stage.stageId, data: { from: stage.due.due, to: newDue, reason } },
    [["deadline-extended", [assignee(stage)]]],
    ctx,
  );
}
