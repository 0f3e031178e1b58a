// A policy put into words for people: each stage with who answers it and how long they have, the rule on
// bypassing stages, and the formal total against the IRO Handbook's 20 working days.
import {
  bypassConsultees,
  formalTotalWorkingDays,
  isAnswered,
  LEGAL_STATUS_NAMES,
  type Policy,
  STATUTORY_FORMAL_TOTAL_WORKING_DAYS,
} from "../../domain/policy";
import { type Role, roleLabel } from "../../domain/roles";
import { workingDays } from "./render";

export interface StageText {
  readonly name: string;
  readonly detail: string;
}

export function ladder(policy: Policy): StageText[] {
  return policy.stages.map((stage) => {
    const copied = copiedText(stage.copiedRoles);
    if (!isAnswered(stage)) {
      const statuses = stage.legalStatuses.map((s) => LEGAL_STATUS_NAMES[s].toLowerCase()).join(" or ");
      const informed = stage.requiresNominatedOfficerInformed
        ? " The Local Authority Nominated Officer must be informed first."
        : "";
      return {
        name: stage.name,
        detail: `the ${policy.raiserTitle} may refer at any time, for ${statuses} only.${informed}${copied}`,
      };
    }
    const t = stage.timescale;
    const within =
      t.kind === "child-need"
        ? "by a date set according to the child's needs"
        : `within ${workingDays(t.workingDays)}${
            t.fromStartOfChallenge === undefined
              ? ""
              : ` (${workingDays(t.fromStartOfChallenge)} from the start of the challenge)`
          }`;
    return {
      name: stage.name,
      detail: `the ${roleLabel(stage.responsibleRole)} answers ${within}.${copied}`,
    };
  });
}

function copiedText(roles: readonly Role[]): string {
  return roles.length === 0 ? "" : ` Copied: ${roles.map(roleLabel).join(", ")}.`;
}

export function bypassRule(policy: Policy): string {
  const { requiresReason, requiresQaManagerConsultation } = policy.bypass;
  const needs = [
    ...(requiresReason ? ["a reason"] : []),
    ...(requiresQaManagerConsultation ? [`consultation with ${bypassConsultees(policy)}`] : []),
  ];
  const start = `The ${policy.raiserTitle} may start at a later stage or skip stages`;
  return needs.length === 0 ? `${start}.` : `${start}, with ${needs.join(" and ")}.`;
}

export function formatTotalWorkingDays(policy: Policy): { text: string; over: boolean } {
  const total = formalTotalWorkingDays(policy);
  const over = total > STATUTORY_FORMAL_TOTAL_WORKING_DAYS;
  return {
    text: over
      ? `The formal stages total ${workingDays(total)}, more than the ${STATUTORY_FORMAL_TOTAL_WORKING_DAYS} of the IRO Handbook (6.2).`
      : `The formal stages total ${workingDays(total)}.`,
    over,
  };
}
