// The welcome card (what the bot does and how to start) and the help card (the commands, and the policy's
// ladder of stages: who answers each and how long they have). Neither names a child.
import { aRaiser, type Policy } from "../../domain/policy";
import helpTemplate from "./help-card.json";
import { bypassRule, formatTotalWorkingDays, ladder } from "./policy-text";
import { type AdaptiveCard, expand, literal } from "./render";
import welcomeTemplate from "./welcome-card.json";

export function welcomeCard(policy: Policy): AdaptiveCard {
  return expand(welcomeTemplate, {
    policyName: literal(policy.name),
    raiserTitle: literal(policy.raiserTitle),
    aRaiserTitle: literal(aRaiser(policy)),
    // Help opens in place: the same card the help command sends, already expanded, so nothing in it is
    // evaluated again.
    help: helpCard(policy),
  });
}

export function helpCard(policy: Policy): AdaptiveCard {
  const total = formatTotalWorkingDays(policy);
  return expand(helpTemplate, {
    policyName: literal(policy.name),
    stages: ladder(policy).map((s) => ({ name: literal(s.name), detail: literal(s.detail) })),
    total: total.text,
    totalColor: total.over ? "Attention" : "Default",
    bypass: literal(bypassRule(policy)),
  });
}
