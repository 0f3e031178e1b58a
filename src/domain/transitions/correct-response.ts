// The person who answered a stage corrects their response, with the reason, until the IRO acts on it. The
// original is kept beside the correction: nothing recorded is ever rewritten.
import { illegal, invalid, notPermitted, type Result } from "../errors";
import { currentStage, type Escalation } from "../escalation";
import { Problems, TEXT_LIMITS } from "../validation";
import type { Transition, TransitionContext } from "./context";
import { checkOnStage, unchanged } from "./guards";
import { without } from "./recipients";
import { recordChange, replaceCurrent } from "./record";
import { checkResponse, type RespondCommand, sameResponse } from "./respond";

export interface CorrectResponseCommand extends RespondCommand {
  readonly reason?: string;
}

export function correctResponse(
  escalation: Escalation,
  command: CorrectResponseCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  const last = record?.corrections?.at(-1);
  if (
    record?.response &&
    last?.by.id === actor.person.id &&
    last.reason === command.reason?.trim() &&
    sameResponse(record.response, command)
  ) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "correct-response");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  const original = stage.response;
  if (!original) return illegal(`${stage.name} has not been answered yet: there is nothing to correct.`);
  if (original.respondedBy.id !== actor.person.id) {
    return notPermitted(
      "correct the response",
      `Only ${original.respondedBy.name}, who answered ${stage.name}, can correct the response.`,
    );
  }
  const p = new Problems();
  const response = checkResponse(p, command, stage, ctx);
  const reason = p.text(
    "correction.reason",
    "The reason for the correction",
    command.reason,
    TEXT_LIMITS.long,
  );
  if (response && sameResponse(original, command)) {
    p.add("correction.reason", "The correction is the same as the response: change what needs correcting.");
  }
  if (p.any || !response) return invalid(p.list);
  const correction = { original, reason, by: actor.person, at: ctx.now };
  return recordChange(
    escalation,
    replaceCurrent(escalation, {
      ...stage,
      response,
      corrections: [...(stage.corrections ?? []), correction],
    }),
    {
      actor,
      kind: "response-corrected",
      stageId: stage.stageId,
      data: {
        byWhen: response.byWhen,
        expectedOutcome: response.expectedOutcome.id,
        correction: (stage.corrections ?? []).length + 1,
      },
    },
    [["response-corrected", without([escalation.iro, ...stage.copied], [actor.person])]],
    ctx,
  );
}
