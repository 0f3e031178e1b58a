// The IRO (or a QA Manager for her) refers a child in care to Cafcass, after recording that the Local
// Authority Nominated Officer was informed. It ends the internal process.
import { formatDay, type LocalDate } from "../calendar";
import { illegal, invalid, type Result } from "../errors";
import { currentStage, type Escalation, type StageEnding } from "../escalation";
import { cafcassStageOf, LEGAL_STATUS_NAMES, type LegalStatus, type Policy } from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import type { OnStage, Transition, TransitionContext } from "./context";
import { checkDecider, checkOnStage, unchanged } from "./guards";
import { caseHolders, rolePeople } from "./recipients";
import { conclude } from "./record";

export interface ReferToCafcassCommand extends OnStage {
  readonly reasons?: string;
  /** The IRO's confirmation that the Local Authority Nominated Officer was informed, and when. */
  readonly nominatedOfficerInformed?: boolean;
  readonly nominatedOfficerInformedOn?: string;
}

export function referToCafcass(
  escalation: Escalation,
  command: ReferToCafcassCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy } = ctx;
  if (
    escalation.status === "referred-to-cafcass" &&
    escalation.cafcass?.by.id === actor.person.id &&
    escalation.cafcass.reasons === command.reasons?.trim() &&
    currentStage(escalation).stageId === command.stageId
  ) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "refer to Cafcass") ??
    checkOnStage(escalation, command, "refer-to-cafcass");
  if (refusal) return refusal;
  const cafcass = cafcassStageOf(policy);
  const notForThisChild = whyNoReferral(escalation, policy);
  if (notForThisChild || !cafcass) return illegal(notForThisChild ?? "");
  const p = new Problems();
  const reasons = p.text(
    "cafcass.reasons",
    "The reasons for the referral to Cafcass",
    command.reasons,
    TEXT_LIMITS.long,
  );
  const today = ctx.calendar.localDate(ctx.now);
  let informedOn: LocalDate | undefined;
  if (cafcass.requiresNominatedOfficerInformed) {
    if (command.nominatedOfficerInformed !== true) {
      p.add(
        "cafcass.nominatedOfficerInformed",
        "Confirm that the Local Authority Nominated Officer was informed before the referral.",
      );
    }
    informedOn = p.date(
      "cafcass.nominatedOfficerInformedOn",
      "The date the Nominated Officer was informed",
      command.nominatedOfficerInformedOn,
    );
    if (informedOn !== undefined && informedOn > today) {
      p.add(
        "cafcass.nominatedOfficerInformedOn",
        `The date the Nominated Officer was informed is ${formatDay(informedOn)}, which is after today.`,
      );
    }
  } else {
    informedOn = p.optionalDate(
      "cafcass.nominatedOfficerInformedOn",
      "The date the Nominated Officer was informed",
      command.nominatedOfficerInformedOn,
    );
  }
  if (p.any) return invalid(p.list);
  const holdersFor = caseHolders(ctx, escalation);
  const referral = {
    nominatedOfficerInformedOn: informedOn ?? today,
    reasons,
    by: actor.person,
    at: ctx.now,
  };
  const ending: StageEnding = { kind: "referred-to-cafcass", reasons, by: actor.person, at: ctx.now };
  return conclude(
    { ...escalation, cafcass: referral },
    actor,
    "referred-to-cafcass",
    ending,
    { nominatedOfficerInformedOn: referral.nominatedOfficerInformedOn },
    ctx,
    rolePeople(cafcass.copiedRoles, holdersFor),
  );
}

/** Why this concern cannot go to Cafcass under its policy, or undefined when it can. */
export function whyNoReferral(escalation: Escalation, policy: Policy): string | undefined {
  const cafcass = cafcassStageOf(policy);
  if (!cafcass) return `${policy.name} has no referral to Cafcass.`;
  if (!cafcass.legalStatuses.includes(escalation.child.legalStatus)) {
    return `A referral to Cafcass is for ${cafcass.legalStatuses.map((s) => CHILDREN[s]).join(" or ")} only; this child's legal status is ${LEGAL_STATUS_NAMES[escalation.child.legalStatus].toLowerCase()} (${escalation.child.legalStatus}).`;
  }
  return undefined;
}

const CHILDREN: Record<LegalStatus, string> = {
  CIC: "children in care",
  CP: "children on a child protection plan",
  CIN: "children in need",
};
