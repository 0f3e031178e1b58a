// The IRO (or a QA Manager for her) records that she is considering a referral to Cafcass: the people the
// policy names are informed before any referral is made (Dorset: "They will inform their QA Manager if they
// are considering this"). The escalation stays open, and the referral itself is still offered.
import { formatMoment } from "../calendar";
import { illegal, invalid, type Result } from "../errors";
import { currentStage, type Escalation } from "../escalation";
import { cafcassStageOf } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, unchanged } from "./guards";
import { caseHolders, rolePeople } from "./recipients";
import { recordChange } from "./record";
import { whyNoReferral } from "./refer-to-cafcass";

export interface ConsiderCafcassCommand extends OnStage {
  /** Why a referral is being considered. */
  readonly note?: string;
}

export function considerCafcass(
  escalation: Escalation,
  command: ConsiderCafcassCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy } = ctx;
  const earlier = escalation.cafcassConsidered;
  if (earlier && earlier.by.id === actor.person.id && earlier.note === command.note?.trim()) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "record that a referral to Cafcass is being considered") ??
    checkOnStage(escalation, command, "consider-cafcass");
  if (refusal) return refusal;
  if (earlier) {
    return illegal(
      `${earlier.by.name} recorded on ${formatMoment(earlier.at)} that a referral to Cafcass is being considered; the people informed then have the record.`,
    );
  }
  const notForThisChild = whyNoReferral(escalation, policy);
  if (notForThisChild) return illegal(notForThisChild);
  const toInform = cafcassStageOf(policy)?.informWhenConsidered ?? [];
  if (toInform.length === 0) {
    return illegal(
      `${policy.name} asks for no one to be informed while a referral to Cafcass is considered: refer the concern when you are ready.`,
    );
  }
  const p = new Problems();
  const note = p.text(
    "considerCafcass.note",
    "Why a referral to Cafcass is being considered",
    command.note,
    TEXT_LIMITS.long,
  );
  if (p.any) return invalid(p.list);
  const informed = rolePeople(toInform, caseHolders(ctx, escalation)).filter(
    (person) => person.id !== actor.person.id,
  );
  const stage = currentStage(escalation);
  return recordChange(
    escalation,
    { ...escalation, cafcassConsidered: { note, informed, by: actor.person, at: ctx.now } },
    {
      actor,
      kind: "cafcass-considered",
      stageId: stage.stageId,
      data: { informed: informed.map((person) => person.id) },
    },
    [["cafcass-considered", informed]],
    ctx,
  );
}
