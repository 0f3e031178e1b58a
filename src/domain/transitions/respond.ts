// The stage's manager (or their delegate) answers: what is being done, who, by when, and the outcome
// expected for the child. The IRO hears at once, with the people the stage copies. Where the raiser records
// the informal step herself, the answer is the plan she agreed, with whom and by when.
import { formatMoment } from "../calendar";
import { fail, invalid, notPermitted, type Result } from "../errors";
import {
  askedToAnswer,
  assignee,
  type ChoiceAnswer,
  currentStage,
  type Escalation,
  partyOf,
  type StageRecord,
  type StageResponse,
} from "../escalation";
import { isAnswering } from "../permissions";
import { finalDecisionAt, responseWords } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkOnStage, sameChoice, unchanged } from "./guards";
import { caseHolders, rolePeople, without } from "./recipients";
import { recordChange, replaceCurrent } from "./record";

export interface RespondCommand extends OnStage {
  readonly whatDone?: string;
  readonly who?: string;
  readonly byWhen?: string;
  readonly expectedOutcome?: ChoiceAnswer;
}

export function respond(
  escalation: Escalation,
  command: RespondCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  // Who answered, and what, is for the people on the stage: anyone else learns only that they may not.
  if (record && !isAnswering(record, actor.person.id)) return notAnswering(record);
  if (record?.response) {
    const r = record.response;
    if (r.respondedBy.id === actor.person.id && sameResponse(r, command)) {
      return unchanged(escalation);
    }
    return fail({
      code: "already-answered",
      by: r.respondedBy,
      at: r.respondedAt,
      message: `${r.respondedBy.name} already answered ${record.name} on ${formatMoment(r.respondedAt)}.`,
    });
  }
  const refusal = checkOnStage(escalation, command, "respond");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  if (!isAnswering(stage, actor.person.id)) return notAnswering(stage);
  const p = new Problems();
  const response = checkResponse(p, command, stage, ctx);
  if (p.any || !response) return invalid(p.list);

  return recordChange(
    escalation,
    replaceCurrent(escalation, { ...stage, response }),
    {
      actor,
      kind: "responded",
      stageId: stage.stageId,
      data: { byWhen: response.byWhen, expectedOutcome: response.expectedOutcome.id },
    },
    [
      // The raiser who records the informal step herself is not told of her own record.
      ["response-received", without([escalation.iro], [actor.person])],
      // The other agencies' people at the stage hear that it was answered, and need not answer it.
      ["response-copy", without([...stage.copied, ...askedToAnswer(stage)], [escalation.iro, actor.person])],
      [
        "final-decision",
        rolePeople(finalDecisionAt(ctx.policy, stage.stageId)?.notify ?? [], caseHolders(ctx, escalation)),
      ],
    ],
    ctx,
  );
}

/** A response as the form gives it, checked in the stage's words: the same for an answer and its correction. */
export function checkResponse(
  p: Problems,
  command: Omit<RespondCommand, "stageId" | "expectedVersion">,
  stage: StageRecord,
  ctx: TransitionContext,
): StageResponse | undefined {
  const words = responseWords(ctx.policy, stage.stageId);
  const whatDone = p.text("response.whatDone", words.whatDoneQuestion, command.whatDone, TEXT_LIMITS.long);
  const who = p.text("response.who", words.whoField, command.who, TEXT_LIMITS.short);
  const byWhen = p.actionDate(
    "response.byWhen",
    "The date it will be done by",
    command.byWhen,
    ctx.calendar.localDate(ctx.now),
    ctx.policy.actionDateHorizonDays,
  );
  const expectedOutcome = p.choice(
    "response.expectedOutcome",
    "The expected outcome for the child",
    command.expectedOutcome,
    ctx.policy.outcomes.items,
  );
  if (!byWhen || !expectedOutcome) return undefined;
  const forAgency = partyOf(stage, command.actor.person.id);
  return {
    whatDone,
    who,
    byWhen,
    expectedOutcome,
    respondedBy: command.actor.person,
    respondedAt: ctx.now,
    ...(forAgency ? { forAgency } : {}),
  };
}

/** The command repeats this response word for word. */
export function sameResponse(r: StageResponse, command: Omit<RespondCommand, "stageId" | "actor">): boolean {
  return (
    r.whatDone === command.whatDone?.trim() &&
    r.who === command.who?.trim() &&
    r.byWhen === command.byWhen?.trim() &&
    sameChoice(r.expectedOutcome, command.expectedOutcome)
  );
}

function notAnswering(stage: StageRecord): Result<Transition> {
  const asked = askedToAnswer(stage).map((x) => x.name);
  const who =
    asked.length === 1
      ? `${assignee(stage).name}, who was asked`
      : `${asked.slice(0, -1).join(", ")} or ${asked.at(-1) ?? ""}, who were asked`;
  return notPermitted("respond", `Only ${who} to answer ${stage.name}, can respond.`);
}
