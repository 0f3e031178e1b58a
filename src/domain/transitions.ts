// The escalation's state machine. Each action is a pure function of the record, the command and the
// context (the moment, the policy, the calendar and who holds which role): it returns the new record,
// with the event it appends and the messages it owes, or the reason it is refused.
import { CalendarError, formatMoment, type Instant, type LocalDate, type WorkingCalendar } from "./calendar";
import {
  assignee,
  currentStage,
  uniquePeople,
  type Actor,
  type Bypass,
  type ChoiceAnswer,
  type Due,
  type Escalation,
  type EscalationEvent,
  type EventKind,
  type MessageKind,
  type OutboxItem,
  type PersonRef,
  type StageEnding,
  type StageRecord,
  type TeamRef,
  type TimescaleChoice,
} from "./escalation";
import { fail, illegal, invalid, notPermitted, ok, type Result } from "./errors";
import {
  answeredStages,
  cafcassStageOf,
  findStage,
  isAnswered,
  isFormal,
  LEGAL_STATUSES,
  LEGAL_STATUS_NAMES,
  nextAnsweredStage,
  stageIndex,
  type AnsweredStage,
  type LegalStatus,
  type Policy,
} from "./policy";
import { nextActionAt, supersedeStaleReminders, type WorkingHours } from "./reminders";
import { roleLabel, type Role } from "./roles";
import { Problems, TEXT_LIMITS } from "./validation";

/** The people who hold a team or council role for this child's team, as the directory has them now. */
export type RoleHolders = (role: Role) => readonly PersonRef[];

export interface TransitionContext {
  readonly now: Instant;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly holders: RoleHolders;
  readonly hours: WorkingHours;
}

export interface Transition {
  readonly escalation: Escalation;
  /** False when the command repeats one already applied: nothing was recorded again. */
  readonly changed: boolean;
  readonly event?: EscalationEvent;
}

/** Card data names the stage and version it was drawn from; a command without them acts on the current ones. */
interface OnStage {
  readonly actor: Actor;
  readonly stageId: string;
  readonly expectedVersion?: number;
}

// ---------------------------------------------------------------------------------------------- raise

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
  readonly concern: {
    readonly categories?: readonly ChoiceAnswer[];
    readonly summary?: string;
    readonly impactOnChild?: string;
    readonly requestedAction?: { readonly what?: string; readonly who?: string; readonly byWhen?: string };
    readonly outcomeSought?: ChoiceAnswer;
  };
  /** "informal" or any formal stage; defaults to the policy's first stage. */
  readonly startStageId?: string;
  /** Required when formal stages are bypassed. */
  readonly bypassReason?: string;
  readonly qaManagerConsulted?: boolean;
  /** The IRO's own timescale for the first stage, overriding the policy's. */
  readonly timescale?: TimescaleChoice;
  /** The person chosen to answer, where the IRO changed the one the directory names. */
  readonly responsible?: PersonRef;
}

export function raise(command: RaiseCommand, ctx: TransitionContext): Result<Transition> {
  const { policy, calendar, now } = ctx;
  const { actor } = command;
  if (policy.raiserRoles && !policy.raiserRoles.some((role) => actor.roles.includes(role))) {
    return notPermitted(
      "raise",
      `Only a ${policy.raiserTitle} can raise an escalation under ${policy.name}.`,
    );
  }
  const p = new Problems();
  const today = calendar.localDate(now);

  const childName = p.text("child.name", "The child's name", command.child.name, TEXT_LIMITS.short);
  const caseId = p.text("child.caseId", "The case ID", command.child.caseId, TEXT_LIMITS.short);
  const dateOfBirth = p.date("child.dateOfBirth", "The child's date of birth", command.child.dateOfBirth);
  if (dateOfBirth !== undefined && dateOfBirth > today) {
    p.add("child.dateOfBirth", "The child's date of birth cannot be in the future.");
  }
  const legalStatus = command.child.legalStatus;
  if (!legalStatus) {
    p.add("child.legalStatus", "The legal status is required.");
  } else if (!isLegalStatus(legalStatus) || !policy.legalStatuses.includes(legalStatus)) {
    p.add(
      "child.legalStatus",
      `The legal status must be one of ${policy.legalStatuses.map((s) => `${s} (${LEGAL_STATUS_NAMES[s]})`).join(", ")}.`,
    );
  }
  person(p, "socialWorker", "The social worker", command.socialWorker);
  person(p, "teamManager", "The team manager", command.teamManager);
  person(p, "iroManager", `The ${policy.raiserTitle}'s manager`, command.iroManager);
  if (!command.team || command.team.id.trim() === "") p.add("team", "The team is required.");

  const c = command.concern;
  const categories = p.choices(
    "concern.categories",
    "Category of concern",
    c.categories,
    policy.categories.items,
  );
  const summary = p.text("concern.summary", "The brief summary of the concern", c.summary, TEXT_LIMITS.long);
  const impact = p.text(
    "concern.impactOnChild",
    "The impact on the child",
    c.impactOnChild,
    TEXT_LIMITS.long,
  );
  const what = p.text(
    "concern.requestedAction.what",
    "What is requested",
    c.requestedAction?.what,
    TEXT_LIMITS.long,
  );
  const who = p.text(
    "concern.requestedAction.who",
    "Who is to act",
    c.requestedAction?.who,
    TEXT_LIMITS.short,
  );
  const byWhen = p.date("concern.requestedAction.byWhen", "By when", c.requestedAction?.byWhen);
  if (byWhen !== undefined && byWhen < today) {
    p.add("concern.requestedAction.byWhen", "The date the action is requested by cannot be in the past.");
  }
  const outcomeSought = p.choice(
    "concern.outcomeSought",
    "The outcome sought",
    c.outcomeSought,
    policy.outcomes.items,
  );

  const first = answeredStages(policy)[0];
  const startStageId = command.startStageId ?? first?.id ?? "";
  const start = findStage(policy, startStageId);
  let bypass: Bypass | undefined;
  if (!start || !isAnswered(start)) {
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

  const team = command.team;
  const holdersFor = caseHolders(ctx, command.socialWorker, actor.person, command.iroManager);
  let responsible: PersonRef | undefined;
  if (start && isAnswered(start)) {
    if (command.responsible) person(p, "responsible", "The person who should answer", command.responsible);
    responsible = command.responsible ?? holdersFor(start.responsibleRole)[0];
    if (!responsible) {
      p.add(
        "responsible",
        `No ${roleLabel(start.responsibleRole)} is recorded for this team: choose who should answer.`,
      );
    }
  }
  // The due date is checked with the rest of the form, so every problem is reported at once.
  const due =
    start && isAnswered(start) && !p.has("timescale") ? dueFor(p, start, timescale, ctx) : undefined;
  if (
    p.any ||
    !start ||
    !isAnswered(start) ||
    !responsible ||
    !team ||
    !legalStatus ||
    !isLegalStatus(legalStatus) ||
    !due ||
    !dateOfBirth ||
    !byWhen ||
    !outcomeSought
  ) {
    return invalid(p.list);
  }

  const stage = newStage(start, responsible, due, holdersFor, ctx);
  const escalationWithoutLog: Escalation = {
    id: command.id,
    policyId: policy.id,
    version: 1,
    status: "open",
    raisedAt: now,
    child: { name: childName, caseId, dateOfBirth, legalStatus },
    socialWorker: required(command.socialWorker),
    team: { id: team.id.trim(), name: team.name.trim() },
    teamManager: required(command.teamManager),
    iro: actor.person,
    iroManager: required(command.iroManager),
    qaManagers: uniquePeople(ctx.holders("qa-manager")),
    concern: {
      categories,
      summary,
      impactOnChild: impact,
      requestedAction: { what, who, byWhen },
      outcomeSought,
    },
    ...(timescale ? { iroTimescale: timescale } : {}),
    bypasses: bypass ? [bypass] : [],
    stages: [stage],
    events: [],
    outbox: [],
    nextActionAt: null,
  };
  const event = newEvent(escalationWithoutLog, actor, "raised", start.id, {
    stageId: start.id,
    due: due.due,
    responsible: responsible.id,
    ...(bypass ? { bypassReason: bypass.reason, qaManagerConsulted: bypass.qaManagerConsulted } : {}),
  });
  const owed: OutboxItem[] = [
    ...owe(event, "stage-assigned", [responsible]),
    ...owe(event, "stage-copy", without(stage.copied, [responsible, actor.person])),
    ...owe(event, "raised-confirmation", [actor.person]),
    ...owe(
      event,
      "raised-copy",
      without(rolePeople(policy.copies.onRaised, holdersFor), [...stage.copied, responsible]),
    ),
  ];
  return ok(finish(escalationWithoutLog, event, owed, ctx, false));
}

// -------------------------------------------------------------------------------------------- respond

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
  if (record && actor.person.id !== assignee(record).id && actor.person.id !== record.responsible.id) {
    return notPermitted(
      "respond",
      `Only ${assignee(record).name}, who was asked to answer ${record.name}, can respond.`,
    );
  }
  if (record?.response) {
    const r = record.response;
    if (
      r.respondedBy.id === actor.person.id &&
      r.whatDone === command.whatDone?.trim() &&
      r.who === command.who?.trim() &&
      r.byWhen === command.byWhen?.trim() &&
      sameChoice(r.expectedOutcome, command.expectedOutcome)
    ) {
      return unchanged(escalation);
    }
    return fail({
      code: "already-answered",
      by: r.respondedBy,
      at: r.respondedAt,
      message: `${record.name} was already answered by ${r.respondedBy.name} at ${formatMoment(r.respondedAt)}.`,
    });
  }
  const refusal = checkOnStage(escalation, command, "respond");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  if (actor.person.id !== assignee(stage).id && actor.person.id !== stage.responsible.id) {
    return notPermitted(
      "respond",
      `Only ${assignee(stage).name}, who was asked to answer ${stage.name}, can respond.`,
    );
  }
  const p = new Problems();
  const whatDone = p.text(
    "response.whatDone",
    "What you are doing or have done",
    command.whatDone,
    TEXT_LIMITS.long,
  );
  const who = p.text("response.who", "Who", command.who, TEXT_LIMITS.short);
  const byWhen = p.date("response.byWhen", "By when", command.byWhen);
  const expectedOutcome = p.choice(
    "response.expectedOutcome",
    "The expected outcome for the child",
    command.expectedOutcome,
    ctx.policy.outcomes.items,
  );
  if (p.any || !byWhen || !expectedOutcome) return invalid(p.list);

  const updated = replaceCurrent(escalation, {
    ...stage,
    response: { whatDone, who, byWhen, expectedOutcome, respondedBy: actor.person, respondedAt: ctx.now },
  });
  const event = newEvent(escalation, actor, "responded", stage.stageId, {
    byWhen,
    expectedOutcome: expectedOutcome.id,
  });
  const owed = [
    ...owe(event, "response-received", [escalation.iro]),
    ...owe(event, "response-copy", without(stage.copied, [escalation.iro, actor.person])),
  ];
  return ok(finish(updated, event, owed, ctx));
}

// -------------------------------------------------------------------------------------------- resolve

export interface ResolveCommand extends OnStage {
  readonly resolvedOn?: string;
  readonly outcomeConfirmed?: ChoiceAnswer;
}

export function resolve(
  escalation: Escalation,
  command: ResolveCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const last = currentStage(escalation);
  if (
    escalation.status === "resolved" &&
    last.stageId === command.stageId &&
    last.ending?.kind === "resolved" &&
    last.ending.by.id === actor.person.id &&
    last.ending.resolvedOn === command.resolvedOn?.trim() &&
    sameChoice(last.ending.outcomeConfirmed, command.outcomeConfirmed)
  ) {
    return unchanged(escalation);
  }
  const refusal = checkDecider(escalation, actor, "resolve") ?? checkOnStage(escalation, command, "resolve");
  if (refusal) return refusal;
  const p = new Problems();
  const today = ctx.calendar.localDate(ctx.now);
  const resolvedOn = p.date("resolution.resolvedOn", "The date resolved", command.resolvedOn);
  if (resolvedOn !== undefined && resolvedOn > today)
    p.add("resolution.resolvedOn", "The date resolved cannot be in the future.");
  if (resolvedOn !== undefined && resolvedOn < ctx.calendar.localDate(escalation.raisedAt)) {
    p.add("resolution.resolvedOn", "The date resolved cannot be before the concern was raised.");
  }
  const outcome = p.choice(
    "resolution.outcomeConfirmed",
    "The outcome confirmed",
    command.outcomeConfirmed,
    ctx.policy.outcomes.items,
  );
  if (p.any || !resolvedOn || !outcome) return invalid(p.list);
  const ending: StageEnding = {
    kind: "resolved",
    resolvedOn,
    outcomeConfirmed: outcome,
    by: actor.person,
    at: ctx.now,
  };
  return conclude(escalation, actor, "resolved", ending, { resolvedOn, outcomeConfirmed: outcome.id }, ctx);
}

// ------------------------------------------------------------------------------------------- escalate

export interface EscalateCommand extends OnStage {
  /** The stage to progress to; defaults to the next formal stage. A later one bypasses stages. */
  readonly toStageId?: string;
  readonly reasons?: string;
  readonly bypassReason?: string;
  readonly qaManagerConsulted?: boolean;
  readonly timescale?: TimescaleChoice;
  readonly responsible?: PersonRef;
}

export function escalate(
  escalation: Escalation,
  command: EscalateCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const { policy } = ctx;
  const from = escalation.stages.find((s) => s.stageId === command.stageId);
  if (
    from?.ending?.kind === "progressed" &&
    from.ending.by.id === actor.person.id &&
    from.ending.reasons === command.reasons?.trim() &&
    (command.toStageId === undefined || from.ending.toStageId === command.toStageId)
  ) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "escalate") ?? checkOnStage(escalation, command, "escalate");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  const following = policy.stages.slice(stageIndex(policy, stage.stageId) + 1).filter(isFormal);
  const defaultTarget = following[0];
  if (!defaultTarget) {
    const cafcass = cafcassStageOf(policy);
    return illegal(
      cafcass
        ? `${stage.name} is the last stage of ${policy.name}: the next step is ${cafcass.name}.`
        : `${stage.name} is the last stage of ${policy.name}: there is no stage to escalate to.`,
    );
  }
  const p = new Problems();
  const reasons = p.text(
    "escalation.reasons",
    "The reasons for the decision to progress",
    command.reasons,
    TEXT_LIMITS.long,
  );
  const targetId = command.toStageId ?? defaultTarget.id;
  const target = following.find((s) => s.id === targetId);
  let bypass: Bypass | undefined;
  if (!target) {
    p.add(
      "escalation.toStageId",
      `The stage to escalate to must be one of ${following.map((s) => s.name).join(", ")}.`,
    );
  } else {
    const skipped = skippedFormalStages(policy, stage.stageId, target.id);
    if (skipped.length > 0) {
      bypass = bypassOf(
        p,
        policy,
        stage.stageId,
        target.id,
        skipped,
        command.bypassReason,
        command.qaManagerConsulted,
      );
    }
  }
  const today = ctx.calendar.localDate(ctx.now);
  const timescale = checkTimescale(p, "timescale", command.timescale, today);
  const holdersFor = caseHolders(ctx, escalation.socialWorker, escalation.iro, escalation.iroManager);
  if (command.responsible) person(p, "responsible", "The person who should answer", command.responsible);
  const responsible = target ? (command.responsible ?? holdersFor(target.responsibleRole)[0]) : undefined;
  if (target && !responsible) {
    p.add(
      "responsible",
      `No ${roleLabel(target.responsibleRole)} is recorded for this team: choose who should answer.`,
    );
  }
  const due = target && !p.has("timescale") ? dueFor(p, target, timescale, ctx) : undefined;
  if (p.any || !target || !responsible || !due) return invalid(p.list);

  const ended: StageRecord = {
    ...stage,
    ending: { kind: "progressed", toStageId: target.id, reasons, by: actor.person, at: ctx.now },
  };
  const next = newStage(target, responsible, due, holdersFor, ctx);
  const updated: Escalation = {
    ...escalation,
    stages: [...escalation.stages.slice(0, -1), ended, next],
    bypasses: bypass ? [...escalation.bypasses, bypass] : escalation.bypasses,
  };
  const event = newEvent(escalation, actor, "escalated", stage.stageId, {
    toStageId: target.id,
    due: due.due,
    responsible: responsible.id,
    ...(bypass ? { bypassReason: bypass.reason, qaManagerConsulted: bypass.qaManagerConsulted } : {}),
  });
  const owed = [
    ...owe(event, "stage-assigned", [responsible]),
    ...owe(event, "stage-copy", without(next.copied, [responsible, escalation.iro])),
    ...owe(event, "stage-progressed", without([assignee(stage)], [responsible, escalation.iro])),
    ...owe(event, "escalated-confirmation", [escalation.iro]),
  ];
  return ok(finish(updated, event, owed, ctx));
}

// ------------------------------------------------------------------------------------ refer to Cafcass

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
    checkOnStage(escalation, command, "refer to Cafcass");
  if (refusal) return refusal;
  const cafcass = cafcassStageOf(policy);
  if (!cafcass) return illegal(`${policy.name} has no referral to Cafcass.`);
  if (!cafcass.legalStatuses.includes(escalation.child.legalStatus)) {
    return illegal(
      `A referral to Cafcass is for ${cafcass.legalStatuses.map((s) => CHILDREN[s]).join(" or ")} only; this child's legal status is ${LEGAL_STATUS_NAMES[escalation.child.legalStatus].toLowerCase()} (${escalation.child.legalStatus}).`,
    );
  }
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
        "The date the Nominated Officer was informed cannot be in the future.",
      );
    }
  } else {
    informedOn = p.date(
      "cafcass.nominatedOfficerInformedOn",
      "The date the Nominated Officer was informed",
      command.nominatedOfficerInformedOn,
      false,
    );
  }
  if (p.any) return invalid(p.list);
  const holdersFor = caseHolders(ctx, escalation.socialWorker, escalation.iro, escalation.iroManager);
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

// ------------------------------------------------------------------------------------------- reassign

export interface ReassignCommand extends OnStage {
  readonly to?: PersonRef;
  readonly reason?: string;
}

export function reassign(
  escalation: Escalation,
  command: ReassignCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  if (
    record?.delegation &&
    record.delegation.by.id === actor.person.id &&
    record.delegation.to.id === command.to?.id &&
    record.delegation.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "reassign");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  const isQa = actor.roles.includes("qa-manager");
  if (actor.person.id !== assignee(stage).id && actor.person.id !== stage.responsible.id && !isQa) {
    return notPermitted(
      "reassign",
      `Only ${assignee(stage).name}, who was asked to answer ${stage.name}, can hand it to a delegate.`,
    );
  }
  if (stage.response) {
    return illegal(
      `${stage.name} was already answered by ${stage.response.respondedBy.name}; there is nothing to hand over.`,
    );
  }
  const p = new Problems();
  const reason = p.text(
    "reassign.reason",
    "The reason for handing the stage over",
    command.reason,
    TEXT_LIMITS.long,
  );
  const to = command.to;
  if (!to || to.id.trim() === "") {
    p.add("reassign.to", "Choose the person to hand the stage to.");
  } else if (to.id === assignee(stage).id) {
    p.add("reassign.to", `${to.name} is already answering this stage.`);
  } else if (to.id === escalation.iro.id) {
    p.add(
      "reassign.to",
      `The stage cannot be handed to the ${ctx.policy.raiserTitle} who raised the concern.`,
    );
  }
  if (p.any || !to) return invalid(p.list);
  const previous = assignee(stage);
  const updated = replaceCurrent(escalation, {
    ...stage,
    delegation: { to, reason, by: actor.person, at: ctx.now },
  });
  const event = newEvent(escalation, actor, "reassigned", stage.stageId, {
    from: previous.id,
    to: to.id,
    reason,
  });
  const owed = [
    ...owe(event, "reassigned-to-you", [to]),
    ...owe(event, "reassigned-notice", [escalation.iro]),
  ];
  return ok(finish(updated, event, owed, ctx));
}

// --------------------------------------------------------------------------------------------- extend

export interface ExtendCommand extends OnStage {
  readonly newDue?: string;
  readonly reason?: string;
}

export function extend(
  escalation: Escalation,
  command: ExtendCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  const lastExtension = record?.extensions.at(-1);
  if (
    lastExtension &&
    lastExtension.by.id === actor.person.id &&
    lastExtension.to === command.newDue?.trim() &&
    lastExtension.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  if (actor.person.id !== escalation.iro.id) {
    return notPermitted(
      "extend",
      `Only ${escalation.iro.name}, the ${ctx.policy.raiserTitle} who raised the concern, can extend a deadline.`,
    );
  }
  const refusal = checkOnStage(escalation, command, "extend");
  if (refusal) return refusal;
  const stage = currentStage(escalation);
  if (stage.response) {
    return illegal(`${stage.name} was already answered; there is no deadline left to extend.`);
  }
  const p = new Problems();
  const reason = p.text("extend.reason", "The reason for the extension", command.reason, TEXT_LIMITS.long);
  const newDue = p.date("extend.newDue", "The new due date", command.newDue);
  if (newDue !== undefined) {
    if (newDue <= stage.due.due) {
      p.add("extend.newDue", `The new due date must be after the current one, ${stage.due.due}.`);
    } else if (newDue < ctx.calendar.localDate(ctx.now)) {
      p.add("extend.newDue", "The new due date cannot be in the past.");
    } else {
      checkWorkingDay(p, "extend.newDue", "The new due date", ctx.calendar, newDue);
    }
  }
  if (p.any || !newDue) return invalid(p.list);
  const deadline = ctx.calendar.dateDeadline(stage.due.receivedAt, newDue, "extended by the IRO");
  const due: Due = { ...deadline, basis: "extended" };
  const updated = replaceCurrent(escalation, {
    ...stage,
    due,
    extensions: [
      ...stage.extensions,
      { from: stage.due.due, to: newDue, reason, by: actor.person, at: ctx.now },
    ],
  });
  const event = newEvent(escalation, actor, "extended", stage.stageId, {
    from: stage.due.due,
    to: newDue,
    reason,
  });
  return ok(finish(updated, event, owe(event, "deadline-extended", [assignee(stage)]), ctx));
}

// ---------------------------------------------------------------------------------------- keep waiting

export interface KeepWaitingCommand extends OnStage {
  /** No prompt to escalate before the working day after this one. */
  readonly until?: string;
}

export function keepWaiting(
  escalation: Escalation,
  command: KeepWaitingCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const notDecider = checkDecider(escalation, actor, "keep waiting");
  if (notDecider) return notDecider;
  const record = escalation.stages.find((s) => s.stageId === command.stageId);
  if (record?.keepWaitingUntil !== undefined && record.keepWaitingUntil === command.until?.trim()) {
    return unchanged(escalation);
  }
  const refusal = checkOnStage(escalation, command, "keep waiting");
  if (refusal) return refusal;
  const p = new Problems();
  const until = p.date("keepWaiting.until", "Keep waiting until", command.until);
  const today = ctx.calendar.localDate(ctx.now);
  if (until !== undefined && until < today)
    p.add("keepWaiting.until", "The date to wait until cannot be in the past.");
  if (p.any || !until) return invalid(p.list);
  const stage = currentStage(escalation);
  const updated = replaceCurrent(escalation, { ...stage, keepWaitingUntil: until });
  const event = newEvent(escalation, actor, "kept-waiting", stage.stageId, { until });
  return ok(finish(updated, event, [], ctx));
}

// ------------------------------------------------------------------------------------------- withdraw

export interface WithdrawCommand extends OnStage {
  readonly reason?: string;
}

export function withdraw(
  escalation: Escalation,
  command: WithdrawCommand,
  ctx: TransitionContext,
): Result<Transition> {
  const { actor } = command;
  const last = currentStage(escalation);
  if (
    escalation.status === "withdrawn" &&
    last.ending?.kind === "withdrawn" &&
    last.ending.by.id === actor.person.id &&
    last.ending.reason === command.reason?.trim()
  ) {
    return unchanged(escalation);
  }
  const refusal =
    checkDecider(escalation, actor, "withdraw") ?? checkOnStage(escalation, command, "withdraw");
  if (refusal) return refusal;
  const p = new Problems();
  const reason = p.text(
    "withdraw.reason",
    "The reason for withdrawing the concern",
    command.reason,
    TEXT_LIMITS.long,
  );
  if (p.any) return invalid(p.list);
  const ending: StageEnding = { kind: "withdrawn", reason, by: actor.person, at: ctx.now };
  return conclude(escalation, actor, "withdrawn", ending, { reason }, ctx);
}

// -------------------------------------------------------------------------------------------- refusal

/** An attempt someone was not allowed to make is part of the record too. It changes nothing else. */
export function recordRefusal(
  escalation: Escalation,
  actor: Actor,
  action: string,
  code: string,
  now: Instant,
  /** Identifies the attempt, so a retried write records it once. */
  attempt?: string,
): Escalation {
  const event: EscalationEvent = {
    seq: escalation.events.length + 1,
    at: now,
    actor: actor.person,
    kind: "refused",
    stageId: currentStage(escalation).stageId,
    data: attempt === undefined ? { action, code } : { action, code, attempt },
  };
  return { ...escalation, events: [...escalation.events, event] };
}

// ------------------------------------------------------------------------------------------- helpers

const CHILDREN: Record<LegalStatus, string> = {
  CIC: "children in care",
  CP: "children on a child protection plan",
  CIN: "children in need",
};

function isLegalStatus(value: string): value is LegalStatus {
  return (LEGAL_STATUSES as readonly string[]).includes(value);
}

function person(p: Problems, field: string, label: string, value: PersonRef | undefined): void {
  if (!value || value.id.trim() === "" || value.name.trim() === "") p.add(field, `${label} is required.`);
}

function required(value: PersonRef | undefined): PersonRef {
  if (!value) throw new Error("checked above");
  return { id: value.id.trim(), name: value.name.trim() };
}

function sameChoice(a: ChoiceAnswer, b: ChoiceAnswer | undefined): boolean {
  return b !== undefined && a.id === b.id && (a.text ?? "") === (b.text?.trim() ?? "");
}

function unchanged(escalation: Escalation): Result<Transition> {
  return ok({ escalation, changed: false });
}

function checkOnStage(
  escalation: Escalation,
  command: OnStage,
  action: string,
): Result<Transition> | undefined {
  if (escalation.status !== "open" && escalation.conclusion) {
    const c = escalation.conclusion;
    return fail({
      code: "already-concluded",
      status: c.status,
      by: c.by,
      at: c.at,
      message: `This escalation was already ${describeStatus(c.status)} by ${c.by.name} at ${formatMoment(c.at)}; it cannot ${action}.`,
    });
  }
  const stage = currentStage(escalation);
  if (stage.stageId !== command.stageId) {
    const earlier = escalation.stages.find((s) => s.stageId === command.stageId);
    const ending = earlier?.ending;
    return fail({
      code: "stage-not-current",
      stageId: command.stageId,
      currentStageId: stage.stageId,
      message:
        ending?.kind === "progressed"
          ? `${earlier?.name ?? command.stageId} was already escalated by ${ending.by.name} at ${formatMoment(ending.at)}; the concern is now at ${stage.name}.`
          : `The concern is at ${stage.name}, not ${earlier?.name ?? command.stageId}.`,
    });
  }
  if (command.expectedVersion !== undefined && command.expectedVersion !== escalation.version) {
    return fail({
      code: "stale-version",
      expected: command.expectedVersion,
      current: escalation.version,
      message:
        "This card is out of date: the escalation has changed since it was sent. Here is the current card.",
    });
  }
  return undefined;
}

/** Only the escalation's IRO, or a QA Manager acting for them, resolves, escalates, refers or withdraws. */
function checkDecider(escalation: Escalation, actor: Actor, action: string): Result<Transition> | undefined {
  if (actor.person.id === escalation.iro.id || actor.roles.includes("qa-manager")) return undefined;
  return notPermitted(
    action,
    `Only ${escalation.iro.name}, who raised the concern, or a QA Manager can ${action}.`,
  );
}

function describeStatus(status: Exclude<Escalation["status"], "open">): string {
  switch (status) {
    case "resolved":
      return "resolved";
    case "referred-to-cafcass":
      return "referred to Cafcass";
    case "withdrawn":
      return "withdrawn";
  }
}

function skippedFormalStages(policy: Policy, fromStageId: string | undefined, toStageId: string): string[] {
  const formal = policy.stages.filter(isFormal).map((s) => s.id);
  const toAt = formal.indexOf(toStageId);
  const fromAt = fromStageId === undefined ? -1 : formal.indexOf(fromStageId);
  return formal.slice(fromAt + 1, Math.max(fromAt + 1, toAt));
}

function bypassOf(
  p: Problems,
  policy: Policy,
  fromStageId: string | null,
  toStageId: string,
  skipped: readonly string[],
  reasonText: string | undefined,
  qaManagerConsulted: boolean | undefined,
): Bypass {
  const names = skipped.map((id) => findStage(policy, id)?.name ?? id).join(", ");
  const reason = p.text(
    "bypassReason",
    `The reason for bypassing ${names}`,
    reasonText,
    TEXT_LIMITS.long,
    policy.bypass.requiresReason,
  );
  if (policy.bypass.requiresQaManagerConsultation && qaManagerConsulted !== true) {
    p.add(
      "qaManagerConsulted",
      `Under ${policy.name}, bypassing a stage needs the QA Manager's consultation: confirm it took place.`,
    );
  }
  return { fromStageId, toStageId, reason, qaManagerConsulted: qaManagerConsulted === true };
}

function checkTimescale(
  p: Problems,
  field: string,
  timescale: TimescaleChoice | undefined,
  today: LocalDate,
): TimescaleChoice | undefined {
  if (!timescale) return undefined;
  if (timescale.kind === "working-days") {
    if (
      !Number.isInteger(timescale.workingDays) ||
      timescale.workingDays < 0 ||
      timescale.workingDays > 260
    ) {
      p.add(field, "The timescale must be a whole number of working days from 0 to 260.");
    }
    return timescale;
  }
  const due = p.date(field, "The date the response is required by", timescale.due);
  if (due !== undefined && due < today)
    p.add(field, "The date the response is required by cannot be in the past.");
  return timescale;
}

/** Adds a problem unless the day typed is a working day the calendar can count on. */
function checkWorkingDay(
  p: Problems,
  field: string,
  label: string,
  calendar: WorkingCalendar,
  day: LocalDate,
): boolean {
  let reason: string | undefined;
  try {
    reason = calendar.nonWorkingReason(day);
  } catch (error) {
    // A mistyped year (3026 for 2026) is outside the years the calendar covers: a problem on the form, not a crash.
    if (!(error instanceof CalendarError)) throw error;
    p.add(field, `${label}, ${day}, is outside the years the calendar covers.`);
    return false;
  }
  if (reason === undefined) return true;
  p.add(field, `${label} must be a working day; ${day} is a ${reason}.`);
  return false;
}

function dueFor(
  p: Problems,
  stage: AnsweredStage,
  timescale: TimescaleChoice | undefined,
  ctx: TransitionContext,
): Due | undefined {
  const { calendar, now } = ctx;
  if (timescale?.kind === "working-days") {
    return { ...calendar.deadline(now, timescale.workingDays), basis: "iro" };
  }
  if (timescale?.kind === "date") {
    const day0 = calendar.receiptDay(now).day0;
    if (!checkWorkingDay(p, "timescale", "The date the response is required by", calendar, timescale.due)) {
      return undefined;
    }
    if (timescale.due < day0) {
      p.add(
        "timescale",
        `The date the response is required by cannot be before ${day0}, the day the concern counts as received.`,
      );
      return undefined;
    }
    return { ...calendar.dateDeadline(now, timescale.due, "set by the IRO"), basis: "iro" };
  }
  if (stage.timescale.kind === "child-need") {
    p.add(
      "timescale",
      `${stage.name} has no fixed timescale (according to the child's needs): give the date the response is required by.`,
    );
    return undefined;
  }
  const deadline = calendar.deadline(now, stage.timescale.workingDays);
  const fromStart = stage.timescale.fromStartOfChallenge;
  const rule =
    fromStart === undefined
      ? deadline.rule
      : `${deadline.rule} The policy also counts this stage as ${fromStart} working days from the start of the challenge.`;
  return { ...deadline, rule, basis: "policy" };
}

/** Case roles come from the escalation itself; team and council roles from the directory. */
function caseHolders(
  ctx: TransitionContext,
  socialWorker: PersonRef | undefined,
  iro: PersonRef,
  iroManager: PersonRef | undefined,
): RoleHolders {
  return (role) => {
    switch (role) {
      case "social-worker":
        return socialWorker ? [socialWorker] : [];
      case "iro":
        return [iro];
      case "iro-manager":
        return iroManager ? [iroManager] : [];
      default:
        return ctx.holders(role);
    }
  };
}

function rolePeople(roles: readonly Role[], holdersFor: RoleHolders): PersonRef[] {
  return uniquePeople(roles.flatMap((role) => holdersFor(role)));
}

function newStage(
  stage: AnsweredStage,
  responsible: PersonRef,
  due: Due,
  holdersFor: RoleHolders,
  ctx: TransitionContext,
): StageRecord {
  const next = nextAnsweredStage(ctx.policy, stage.id);
  const nextManagerUp = next ? holdersFor(next.responsibleRole)[0] : undefined;
  return {
    stageId: stage.id,
    name: stage.name,
    sentAt: ctx.now,
    due,
    responsible,
    copied: without(rolePeople(stage.copiedRoles, holdersFor), [responsible]),
    ...(nextManagerUp && nextManagerUp.id !== responsible.id ? { nextManagerUp } : {}),
    extensions: [],
  };
}

function without(people: readonly PersonRef[], excluded: readonly PersonRef[]): PersonRef[] {
  const ids = new Set(excluded.map((x) => x.id));
  return uniquePeople(people.filter((x) => !ids.has(x.id)));
}

function replaceCurrent(escalation: Escalation, stage: StageRecord): Escalation {
  return { ...escalation, stages: [...escalation.stages.slice(0, -1), stage] };
}

function newEvent(
  escalation: Escalation,
  actor: Actor,
  kind: EventKind,
  stageId: string,
  data: Record<string, unknown>,
): EscalationEvent {
  return {
    seq: escalation.events.length + 1,
    at: "",
    actor: actor.person,
    kind,
    stageId,
    data,
  };
}

function owe(event: EscalationEvent, kind: MessageKind, people: readonly PersonRef[]): OutboxItem[] {
  return uniquePeople(people).map((to) => ({
    id: `e${event.seq}:${kind}:${to.id}`,
    kind,
    to,
    stageId: event.stageId,
    createdAt: "",
    status: "pending",
    attempts: 0,
  }));
}

function conclude(
  escalation: Escalation,
  actor: Actor,
  status: "resolved" | "referred-to-cafcass" | "withdrawn",
  ending: StageEnding,
  data: Record<string, unknown>,
  ctx: TransitionContext,
  alsoTell: readonly PersonRef[] = [],
): Result<Transition> {
  const stage = currentStage(escalation);
  const holdersFor = caseHolders(ctx, escalation.socialWorker, escalation.iro, escalation.iroManager);
  const updated: Escalation = {
    ...replaceCurrent(escalation, { ...stage, ending }),
    status,
    conclusion: { status, at: ctx.now, by: actor.person },
  };
  const event = newEvent(escalation, actor, status, stage.stageId, data);
  // Everyone who was sent a card about the concern hears how it ended, the managers of earlier stages too.
  const everyone = uniquePeople([
    escalation.iro,
    ...escalation.stages.flatMap((s) => [
      s.responsible,
      ...(s.delegation ? [s.delegation.to] : []),
      ...s.copied,
    ]),
    ...alsoTell,
  ]);
  const toldAlready = everyone.filter((x) => x.id !== actor.person.id);
  const owed = [
    ...owe(event, "concluded", toldAlready),
    ...owe(event, "concluded-copy", without(rolePeople(ctx.policy.copies.onConcluded, holdersFor), everyone)),
  ];
  return ok(finish(updated, event, owed, ctx));
}

/** Stamps the event and messages with the moment, appends them, bumps the version and reschedules. */
function finish(
  escalation: Escalation,
  event: EscalationEvent,
  owed: readonly OutboxItem[],
  ctx: TransitionContext,
  bumpVersion = true,
): Transition {
  const stamped: EscalationEvent = { ...event, at: ctx.now };
  const next: Escalation = {
    ...escalation,
    version: bumpVersion ? escalation.version + 1 : escalation.version,
    events: [...escalation.events, stamped],
    outbox: [...escalation.outbox, ...owed.map((item) => ({ ...item, createdAt: ctx.now }))],
  };
  const current = supersedeStaleReminders(next, ctx.calendar.localDate(ctx.now), ctx.calendar);
  return {
    escalation: { ...current, nextActionAt: nextActionAt(current, ctx) },
    changed: true,
    event: stamped,
  };
}
