// Raising a concern: the IRO's form becomes a new escalation at its first stage (or a later one, with the
// reason for bypassing), sent to the person who must answer and copied to the people the policy names.
import { invalid, notPermitted, type Result } from "../errors";
import {
  type Actor,
  type Agencies,
  askedToAnswer,
  type Bypass,
  type ChoiceAnswer,
  type Escalation,
  type PersonRef,
  type TeamRef,
  type TimescaleChoice,
  uniquePeople,
} from "../escalation";
import {
  answeredStages,
  aRaiser,
  findStage,
  isAnswered,
  LEGAL_STATUS_NAMES,
  LEGAL_STATUSES,
  type LegalStatus,
  mayRaiseUnder,
  type Policy,
  recordedByRaiser,
} from "../policy";
import { Problems, TEXT_LIMITS } from "../validation";
import { bypassOf, sentData, skippedFormalStages } from "./bypass";
import type { Transition, TransitionContext } from "./context";
import { checkTimescale, dueFor } from "./deadlines";
import { caseHolders, chooseResponsible, newStage, rolePeople, stageParties, without } from "./recipients";
import { recordRaised } from "./record";
import { checkRequest, type RequestDraft } from "./request";

export interface RaiseCommand {
  readonly id: string;
  readonly actor: Actor;
  readonly child: {
    readonly name?: string;
    readonly caseId?: string;
    readonly dateOfBirth?: string;
    readonly legalStatus?: string;
  };
  readonly socialWorker?: PersonRef;
  readonly team?: TeamRef;
  readonly teamManager?: PersonRef;
  readonly iroManager?: PersonRef;
  readonly concern: RequestDraft & { readonly categories?: readonly ChoiceAnswer[] };
  /** "informal" or any formal stage; defaults to the policy's first stage. */
  readonly startStageId?: string;
  /** Required when formal stages are bypassed. */
  readonly bypassReason?: string;
  readonly qaManagerConsulted?: boolean;
  /** The IRO's own timescale for the first stage, overriding the policy's. */
  readonly timescale?: TimescaleChoice;
  /** The person chosen to answer, where the IRO changed the one the directory names. */
  readonly responsible?: PersonRef;
  /** Where agencies take part: the lead agency and the others, by their directory ids. */
  readonly agencies?: { readonly lead?: string; readonly involved?: readonly string[] };
}

export function raise(command: RaiseCommand, ctx: TransitionContext): Result<Transition> {
  const { policy, calendar, now } = ctx;
  const { actor } = command;
  if (!mayRaiseUnder(policy, actor.roles)) {
    return notPermitted("raise", `Only ${aRaiser(policy)} can raise an escalation under ${policy.name}.`);
  }
  const p = new Problems();
  const today = calendar.localDate(now);

  const childName = p.identifier("child.name", "The child's name", command.child.name, TEXT_LIMITS.short);
  const caseId = p.identifier("child.caseId", "The case ID", command.child.caseId, TEXT_LIMITS.short);
  const dateOfBirth = p.dateOfBirth(
    "child.dateOfBirth",
    "The child's date of birth",
    command.child.dateOfBirth,
    today,
  );
  const legalStatus = checkLegalStatus(p, command.child.legalStatus, ctx);
  const socialWorker = p.person("socialWorker", "The social worker", command.socialWorker);
  const teamManager = p.person("teamManager", "The team manager", command.teamManager);
  const iroManager = p.person("iroManager", `The ${policy.raiserTitle}'s manager`, command.iroManager);
  const team = command.team && command.team.id.trim() !== "" ? command.team : undefined;
  if (!team) p.add("team", "The team is required.");

  const c = command.concern;
  const categories = p.choices(
    "concern.categories",
    "Category of concern",
    c.categories,
    policy.categories.items,
  );
  const request = checkRequest(p, "concern", c, ctx);

  const first = answeredStages(policy)[0];
  const found = findStage(policy, command.startStageId ?? first?.id ?? "");
  const start = found && isAnswered(found) ? found : undefined;
  let bypass: Bypass | undefined;
  if (!start) {
    p.add(
      "startStageId",
      `The stage to start at must be one of ${answeredStages(policy)
        .map((s) => s.name)
        .join(", ")}.`,
    );
  } else {
    const skipped = skippedFormalStages(policy, undefined, start.id);
    if (skipped.length > 0) {
      bypass = bypassOf(p, policy, null, start.id, skipped, command.bypassReason, command.qaManagerConsulted);
    }
  }
  const timescale = checkTimescale(p, "timescale", command.timescale, today);

  const agencies = policy.partiesFromAgencies ? checkAgencies(p, command.agencies, ctx) : undefined;
  const casePeople = { socialWorker, iro: actor.person, iroManager, teamManager };
  const holdersFor = caseHolders(ctx, casePeople);
  const parties = start ? stageParties(start, agencies, casePeople, ctx) : {};
  // The manager the stage goes to; where the raiser records the informal step, the one she agreed it with.
  const manager = start
    ? chooseResponsible(
        p,
        start,
        command.responsible,
        casePeople,
        holdersFor,
        policy.raiserTitle,
        parties.parties,
      )
    : undefined;
  const byRaiser = start !== undefined && recordedByRaiser(policy, start.id);
  const responsible = byRaiser ? actor.person : manager;
  // The due date is checked with the rest of the form, so every problem is reported at once.
  const due = start && !p.has("timescale") ? dueFor(p, start, timescale, ctx) : undefined;
  if (
    p.any ||
    !start ||
    !responsible ||
    !manager ||
    !team ||
    !legalStatus ||
    !due ||
    !dateOfBirth ||
    !request ||
    !socialWorker ||
    !teamManager ||
    !iroManager ||
    (policy.partiesFromAgencies && !agencies)
  ) {
    return invalid(p.list);
  }

  const sent = newStage(start, responsible, due, holdersFor, ctx, parties);
  const stage = byRaiser ? { ...sent, copied: uniquePeople([manager, ...sent.copied]) } : sent;
  const escalation: Escalation = {
    id: command.id,
    policyId: policy.id,
    version: 1,
    status: "open",
    raisedAt: now,
    child: { name: childName, caseId, dateOfBirth, legalStatus },
    socialWorker,
    team: { id: team.id.trim(), name: team.name.trim() },
    teamManager,
    iro: actor.person,
    ...raisedAsOf(policy, actor.roles, legalStatus),
    iroManager,
    qaManagers: uniquePeople(ctx.holders("qa-manager")),
    concern: { categories, ...request },
    ...(agencies ? { agencies } : {}),
    ...(timescale ? { iroTimescale: timescale } : {}),
    bypasses: bypass ? [bypass] : [],
    stages: [stage],
    events: [],
    outbox: [],
    nextActionAt: null,
  };
  return recordRaised(
    escalation,
    {
      actor,
      kind: "raised",
      stageId: start.id,
      data: { stageId: start.id, ...sentData(due, responsible, bypass) },
    },
    [
      ["stage-assigned", without(askedToAnswer(stage), [actor.person])],
      ["stage-copy", without(stage.copied, [...askedToAnswer(stage), actor.person])],
      ["raised-confirmation", [actor.person]],
      [
        "raised-copy",
        without(rolePeople(policy.copies.onRaised, holdersFor), [...stage.copied, ...askedToAnswer(stage)]),
      ],
    ],
    ctx,
  );
}

/**
 * The lead agency and the others taking part, from the directory's agencies: the lead is one of them, and a
 * concern between agencies has at least two. The lead comes first.
 */
function checkAgencies(
  p: Problems,
  given: RaiseCommand["agencies"],
  ctx: TransitionContext,
): Agencies | undefined {
  const known = ctx.people.agencies();
  const names = known.map((a) => a.name).join(", ");
  const lead = known.find((a) => a.id === given?.lead);
  if (!lead) {
    p.add(
      "agencies.lead",
      given?.lead ? `The lead agency must be one of ${names}.` : "The lead agency is required.",
    );
  }
  const ids = [...new Set(given?.involved ?? [])];
  const unknown = ids.filter((id) => !known.some((a) => a.id === id));
  if (unknown.length > 0) {
    p.add("agencies.involved", `The agencies taking part must be among ${names}.`);
    return undefined;
  }
  if (!lead) return undefined;
  const involved = [lead, ...known.filter((a) => ids.includes(a.id) && a.id !== lead.id)];
  if (involved.length < 2) {
    p.add("agencies.involved", "Name at least one other agency taking part besides the lead agency.");
    return undefined;
  }
  return { lead, involved };
}

function checkLegalStatus(
  p: Problems,
  value: string | undefined,
  { policy }: TransitionContext,
): LegalStatus | undefined {
  if (!value) {
    p.add("child.legalStatus", "The legal status is required.");
    return undefined;
  }
  const status = LEGAL_STATUSES.find((s) => s === value);
  if (!status || !policy.legalStatuses.includes(status)) {
    p.add(
      "child.legalStatus",
      `The legal status must be one of ${policy.legalStatuses.map((s) => `${s} (${LEGAL_STATUS_NAMES[s]})`).join(", ")}.`,
    );
    return undefined;
  }
  return status;
}

/**
 * Where the policy lets both raise, whether the raiser acts as the CP Chair (for a child on a child
 * protection plan, or when that is their only raising role) or as the IRO.
 */
function raisedAsOf(
  policy: Policy,
  roles: readonly string[],
  legalStatus: string | undefined,
): { raisedAs?: "iro" | "cp-chair" } {
  if (!policy.raiserRoles?.includes("cp-chair")) return {};
  const chair = roles.includes("cp-chair") && (!roles.includes("iro") || legalStatus === "CP");
  return { raisedAs: chair ? "cp-chair" : "iro" };
}
