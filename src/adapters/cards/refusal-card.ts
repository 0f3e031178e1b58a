// The card that says an action was not done and why. It names no child: it may be shown to someone who is
// not on the escalation, and its words may reach a notification preview.
import template from "./refusal-card.json";
import { type AdaptiveCard, expand, literal } from "./render";

export function refusalCard(message: string, reference?: string): AdaptiveCard {
  const ref = reference?.trim() ?? "";
  return expand(template, {
    message: literal(message),
    // A reference is ours ("ESC-…"); anything else is not put in a TextBlock, whose text is markdown.
    hasReference: /^[A-Za-z0-9-]{1,40}$/.test(ref),
    reference: ref,
  });
}
