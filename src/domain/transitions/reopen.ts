// The IRO (or a QA Manager for her) re-opens a resolved or withdrawn escalation within the policy's window,
// with the reason. How it had ended is kept beside the re-opening; the stage it ended at is current again.
import { formatDay, formatMoment } from "../calendar";
import { illegal, invalid, type Result } from "../errors";
import { currentStage, type Escalation } from "../escalation";
import { mayReopen, reopenUntil } from "../permissions";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkVersion, unchanged } from "./guards";
import { everyoneSentCards, recordChange, replaceCurrent } from "./record";

export interface ReopenCommand extends OnStage {
  readonly reason?: string;
}

export function reopen(
  escalation: Escalation,
  command: ReopenCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy, calendar } = ctx;
  const last = escalation.reopenings?.at(-1);
  if (
    escalation.status === "open" &&
    last?.by.id === actor.person.id &&
    last.reason === command.reason?.trim() &&
    currentStage(escalation).stageId === command.stageId
  ) {
    return unchanged(escalation);
  }
  const refusal = checkDecider(escalation, actor, "re-open the escalation");
  if (refusal) return refusal;
  const conclusion = escalation.conclusion;
  const stage = currentStage(escalation);
  if (escalation.status === "open" || !conclusion || !stage.ending) {
    return illegal("The escalation is open: there is nothing to re-open.");
  }
  if (stage.stageId !== command.stageId) {
    return illegal(`The escalation ended at ${stage.name}, not ${command.stageId}.`);
  }
  const stale = checkVersion(escalation, command);
  if (stale) return stale;
  if (!mayReopen(escalation, policy, ctx.now, calendar)) {
    return illegal(
      conclusion.status === "referred-to-cafcass"
        ? "A referral to Cafcass hands the matter to Cafcass: it is not re-opened here."
        : `${policy.name} lets a concluded escalation be re-opened until ${formatDay(reopenUntil(escalation, policy, calendar))}; it concluded on ${formatMoment(conclusion.at)}. Raise a new concern instead.`,
    );
  }
  const p = new Problems();
  const reason = p.text("reopen.reason", "The reason for re-opening", command.reason, TEXT_LIMITS.long);
  if (p.any) return invalid(p.list);
  const reopening = { conclusion, ending: stage.ending, reason, by: actor.person, at: ctx.now };
  const { ending: _ended, ...current } = stage;
  const { conclusion: _concluded, ...rest } = escalation;
  return recordChange(
    escalation,
    {
      ...replaceCurrent(rest, current),
      status: "open",
      reopenings: [...(escalation.reopenings ?? []), reopening],
    },
    { actor, kind: "reopened", stageId: stage.stageId, data: { previousStatus: conclusion.status } },
    [["reopened", everyoneSentCards(escalation).filter((x) => x.id !== actor.person.id)]],
    ctx,
  );
}
