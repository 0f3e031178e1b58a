// The reminder schedule: for an escalation and a moment, which reminders are owed now and when the next
// one will be. Reminders go out on working days within working hours; a day missed is not made up with
// one message per missed day, only what is owed on the day the schedule runs.
import type { Instant, LocalDate, WorkingCalendar } from "./calendar";
import {
  assignee,
  currentStage,
  DAILY_REMINDER_KINDS,
  type Escalation,
  type OutboxItem,
  type PersonRef,
  type StageRecord,
} from "./escalation";
import { onChannels, type ReachOf } from "./outbox";
import type { Policy } from "./policy";
import { firstFormalStage } from "./transitions/deadlines";

export interface WorkingHours {
  /** "HH:mm", Europe/London. */
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: "08:00", end: "18:00" };

export interface ScheduleContext {
  readonly now: Instant;
  readonly policy: Policy;
  readonly calendar: WorkingCalendar;
  readonly hours: WorkingHours;
  /** How each person is reached; Teams only unless given. */
  readonly reach?: ReachOf;
}

export interface ScheduleResult {
  readonly escalation: Escalation;
  /** The reminders added to the outbox by this run. */
  readonly owed: readonly OutboxItem[];
}

/** The reminders owed at `ctx.now` that the outbox does not already hold. */
export function remindersOwed(escalation: Escalation, ctx: ScheduleContext): OutboxItem[] {
  if (escalation.status !== "open") return [];
  const today = ctx.calendar.localDate(ctx.now);
  if (!withinHours(today, ctx)) return [];
  return occasionsOn(escalation, today, ctx).filter((item) => !holds(escalation, item));
}

/** The first moment at or after `ctx.now` when a reminder not yet in the outbox will be owed; null if none will be. */
export function nextActionAt(escalation: Escalation, ctx: ScheduleContext): Instant | null {
  if (escalation.status !== "open") return null;
  const { calendar } = ctx;
  const today = calendar.localDate(ctx.now);
  if (remindersOwed(escalation, ctx).length > 0) return ctx.now;
  let day =
    calendar.isWorkingDay(today) && ctx.now < calendar.at(today, ctx.hours.start)
      ? today
      : calendar.nextWorkingDay(today);
  const horizon = lastOccasionDay(escalation, day, ctx);
  if (horizon === undefined) return null;
  while (day <= horizon) {
    if (occasionsOn(escalation, day, ctx).some((item) => !holds(escalation, item))) {
      return calendar.at(day, ctx.hours.start);
    }
    day = calendar.nextWorkingDay(day);
  }
  return null;
}

/** Adds what is owed now to the outbox and sets `nextActionAt`. Running it twice at the same moment adds nothing more. */
export function applyReminders(escalation: Escalation, ctx: ScheduleContext): ScheduleResult {
  const owed = onChannels(remindersOwed(escalation, ctx), ctx.policy, ctx.reach);
  const current = supersedeStaleReminders(escalation, ctx.calendar.localDate(ctx.now), ctx.calendar);
  const withOwed: Escalation =
    owed.length > 0 ? { ...current, outbox: [...current.outbox, ...owed] } : current;
  const next = nextActionAt(withOwed, ctx);
  if (owed.length === 0 && current === escalation && next === escalation.nextActionAt)
    return { escalation, owed };
  return { escalation: { ...withOwed, nextActionAt: next }, owed };
}

function withinHours(day: LocalDate, ctx: ScheduleContext): boolean {
  const { calendar, hours, now } = ctx;
  return (
    calendar.isWorkingDay(day) && now >= calendar.at(day, hours.start) && now < calendar.at(day, hours.end)
  );
}

function holds(escalation: Escalation, item: OutboxItem): boolean {
  return escalation.outbox.some((existing) => existing.id === item.id);
}

/**
 * The working day on which the formal process passes the policy's total (the first working day after it),
 * if the escalation has entered the formal stages. Counted from the first formal stage's day 0.
 */
export function formalTotalPassedOn(
  escalation: Escalation,
  policy: Policy,
  calendar: WorkingCalendar,
): LocalDate | undefined {
  const first = firstFormalStage(escalation, policy);
  const total = policy.reminders.formalTotalWorkingDays;
  if (!first || total === undefined) return undefined;
  return calendar.addWorkingDays(first.due.countedFrom, total + 1);
}

function awaitingResponse(stage: StageRecord): boolean {
  return stage.response === undefined && stage.ending === undefined;
}

function lastOccasionDay(
  escalation: Escalation,
  from: LocalDate,
  ctx: ScheduleContext,
): LocalDate | undefined {
  const candidates: LocalDate[] = [];
  const stage = currentStage(escalation);
  // Once a response is overdue, something is owed every working day, so the first overdue working day, or
  // the first day searched if that is later, bounds the search.
  if (awaitingResponse(stage)) {
    const firstOverdue = ctx.calendar.nextWorkingDay(stage.due.due);
    candidates.push(firstOverdue > from ? firstOverdue : from);
  }
  const totalPassed = formalTotalPassedOn(escalation, ctx.policy, ctx.calendar);
  if (
    totalPassed !== undefined &&
    escalation.qaManagers.some((qa) => !holds(escalation, totalAlert(qa, totalPassed, ctx)))
  ) {
    candidates.push(totalPassed);
  }
  return candidates.sort().at(-1);
}

function totalAlert(qa: PersonRef, passedOn: LocalDate, ctx: ScheduleContext): OutboxItem {
  return {
    id: `process:formal-total-exceeded:${qa.id}`,
    kind: "formal-total-exceeded",
    to: qa,
    stageId: null,
    createdAt: ctx.now,
    status: "pending",
    attempts: 0,
    data: { formalTotalWorkingDays: ctx.policy.reminders.formalTotalWorkingDays ?? 0, passedOn },
  };
}

/** Everything the schedule owes on one working day, whether or not it is already in the outbox. */
function occasionsOn(escalation: Escalation, day: LocalDate, ctx: ScheduleContext): OutboxItem[] {
  const { calendar, policy } = ctx;
  const items: OutboxItem[] = [];
  const stage = currentStage(escalation);
  const reminder = (
    kind: OutboxItem["kind"],
    to: PersonRef,
    data: Record<string, string | number>,
  ): OutboxItem => ({
    id: `${stage.stageId}:${kind}:${day}:${to.id}`,
    kind,
    to,
    stageId: stage.stageId,
    createdAt: ctx.now,
    status: "pending",
    attempts: 0,
    data: { due: stage.due.due, ...data },
  });

  // The stage card itself says when the answer is due, so nothing more is owed on the day it was sent.
  if (awaitingResponse(stage) && day !== calendar.localDate(stage.sentAt)) {
    const due = stage.due.due;
    const before = policy.reminders.beforeDueWorkingDays;
    if (day < due) {
      if (before > 0 && day > stage.due.countedFrom && calendar.workingDaysBetween(day, due) === before) {
        items.push(reminder("reminder-before-due", assignee(stage), { workingDaysLeft: before }));
      }
    } else if (day === due) {
      items.push(reminder("due-today", assignee(stage), {}));
    } else {
      const overdue = calendar.workingDaysBetween(due, day);
      items.push(reminder("overdue-chase", assignee(stage), { workingDaysOverdue: overdue }));
      // The QA Manager who chases hears of it on the first working morning it is late, not at the digest.
      if (policy.reminders.tellQaManagersWhenOverdue && overdue === 1) {
        for (const qa of escalation.qaManagers)
          items.push(reminder("overdue-qa-notice", qa, { workingDaysOverdue: overdue }));
      }
      if (stage.nextManagerUp && overdue >= policy.reminders.copyNextManagerFromOverdueWorkingDay) {
        items.push(reminder("overdue-chase-copy", stage.nextManagerUp, { workingDaysOverdue: overdue }));
      }
      if (stage.keepWaitingUntil === undefined || day > stage.keepWaitingUntil) {
        items.push(reminder("escalation-prompt", escalation.iro, { workingDaysOverdue: overdue }));
      }
    }
  }

  const totalPassed = formalTotalPassedOn(escalation, ctx.policy, ctx.calendar);
  if (totalPassed !== undefined && day >= totalPassed) {
    for (const qa of escalation.qaManagers) items.push(totalAlert(qa, totalPassed, ctx));
  }
  return items;
}

/** True on a working day within working hours, London time: when reminders may go out. */
export function withinWorkingHours(now: Instant, calendar: WorkingCalendar, hours: WorkingHours): boolean {
  const day = calendar.localDate(now);
  return (
    calendar.isWorkingDay(day) && now >= calendar.at(day, hours.start) && now < calendar.at(day, hours.end)
  );
}

/**
 * A daily reminder still undelivered is replaced by the next day's, and has no point once its stage is
 * answered or over: it is marked superseded rather than sent late, so nobody gets yesterday's chase beside
 * today's, or a chase for a stage already answered.
 */
export function supersedeStaleReminders(
  escalation: Escalation,
  today: LocalDate,
  calendar: WorkingCalendar,
): Escalation {
  const stage = escalation.status === "open" ? currentStage(escalation) : undefined;
  const live = stage !== undefined && awaitingResponse(stage) ? stage.stageId : undefined;
  const stale = (item: OutboxItem) =>
    item.status === "pending" &&
    DAILY_REMINDER_KINDS.has(item.kind) &&
    (item.stageId !== live || calendar.localDate(item.createdAt) < today);
  if (!escalation.outbox.some(stale)) return escalation;
  return {
    ...escalation,
    outbox: escalation.outbox.map((item) =>
      stale(item) ? { ...item, status: "superseded" as const } : item,
    ),
  };
}
