// What the raiser asks of a stage, checked the same way when the concern is raised and when it is escalated:
// the summary, the impact on the child, the requested action (what, who, by when) and the outcome sought.
import type { ChoiceAnswer, StageRequest } from "../escalation";
import { Problems, TEXT_LIMITS } from "../validation";
import type { TransitionContext } from "./context";

export interface RequestDraft {
  readonly summary?: string;
  readonly impactOnChild?: string;
  readonly requestedAction?: { readonly what?: string; readonly who?: string; readonly byWhen?: string };
  readonly outcomeSought?: ChoiceAnswer;
}

/** The request, or undefined with its problems added under `prefix` ("concern", "request"). */
export function checkRequest(
  p: Problems,
  prefix: string,
  draft: RequestDraft | undefined,
  ctx: TransitionContext,
  summaryLabel = "The brief summary of the concern",
): StageRequest | undefined {
  const { policy } = ctx;
  const today = ctx.calendar.localDate(ctx.now);
  const summary = p.text(`${prefix}.summary`, summaryLabel, draft?.summary, TEXT_LIMITS.long);
  const impactOnChild = p.text(
    `${prefix}.impactOnChild`,
    "The impact on the child",
    draft?.impactOnChild,
    TEXT_LIMITS.long,
  );
  const what = p.text(
    `${prefix}.requestedAction.what`,
    "What is requested",
    draft?.requestedAction?.what,
    TEXT_LIMITS.long,
  );
  const who = p.text(
    `${prefix}.requestedAction.who`,
    "Who is to act",
    draft?.requestedAction?.who,
    TEXT_LIMITS.short,
  );
  const byWhen = p.actionDate(
    `${prefix}.requestedAction.byWhen`,
    "The date the action is requested by",
    draft?.requestedAction?.byWhen,
    today,
    policy.actionDateHorizonDays,
  );
  const outcomeSought = p.choice(
    `${prefix}.outcomeSought`,
    "The outcome sought",
    draft?.outcomeSought,
    policy.outcomes.items,
  );
  if (!byWhen || !outcomeSought) return undefined;
  return { summary, impactOnChild, requestedAction: { what, who, byWhen }, outcomeSought };
}
