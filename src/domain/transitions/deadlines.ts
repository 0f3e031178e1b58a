// Due dates: the policy's timescale counted in working days from receipt, the IRO's own timescale, or a
// date; each checked against the calendar, so a problem is a message on the form, never a crash.
import {
  CalendarError,
  type Deadline,
  formatDay,
  type Instant,
  type LocalDate,
  type WorkingCalendar,
} from "../calendar";
import type { Due, Escalation, StageRecord, TimescaleChoice } from "../escalation";
import { type AnsweredStage, findStage, isFormal, type Policy } from "../policy";
import type { Problems } from "../validation";
import type { TransitionContext } from "./context";

export function checkTimescale(
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
    p.add(field, `The date the response is required by is ${formatDay(due)}, which has passed.`);
  return timescale;
}

/** Adds a problem unless the day typed is a working day the calendar can count on. */
export function checkWorkingDay(
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

export function dueFor(
  p: Problems,
  stage: AnsweredStage,
  timescale: TimescaleChoice | undefined,
  ctx: TransitionContext,
  /** When the challenge started (the first formal stage was received); now, for the stage that starts it. */
  challengeStartedAt?: Instant,
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
  return { ...policyDeadline(calendar, now, stage.timescale, challengeStartedAt ?? now), basis: "policy" };
}

/**
 * The stage that started the challenge: the first formal stage the escalation entered. Its day 0 starts the
 * formal total and the cumulative timescales.
 */
export function firstFormalStage(escalation: Escalation, policy: Policy): StageRecord | undefined {
  return escalation.stages.find((record) => {
    const stage = findStage(policy, record.stageId);
    return stage !== undefined && isFormal(stage);
  });
}

/**
 * A stage's due date under the policy's timescale. Counted from receipt, it is the stage's own working
 * days from its day 0. Counted from the start of the challenge (Professional Challenge's stages 2 to 4:
 * "within 5 working days (10 working days from start of the challenge)"), it is the cumulative working
 * days from the challenge's day 0, or the stage's own working days from receipt where that is later: a
 * stage escalated late still has its own timescale. The rule sentence says which applied.
 */
export function policyDeadline(
  calendar: WorkingCalendar,
  receivedAt: Instant,
  timescale: {
    readonly workingDays: number;
    readonly fromStartOfChallenge?: number;
    readonly countedFrom?: string;
  },
  challengeStartedAt: Instant,
): Deadline {
  const own = calendar.deadline(receivedAt, timescale.workingDays);
  const fromStart = timescale.fromStartOfChallenge;
  if (fromStart === undefined) return own;
  if (timescale.countedFrom !== "start-of-challenge") {
    return {
      ...own,
      rule: `${own.rule} The policy also counts this stage as ${fromStart} working days from the start of the challenge.`,
    };
  }
  const start = calendar.receiptDay(challengeStartedAt).day0;
  const cumulative = calendar.addWorkingDays(start, fromStart);
  const since = `${fromStart} working days from the start of the challenge on ${formatDay(start)}`;
  if (cumulative > own.due) {
    const counted = calendar.dateDeadline(receivedAt, cumulative, `counted as ${since}`);
    return { ...counted, rule: `Counted from the start of the challenge. ${counted.rule}` };
  }
  return {
    ...own,
    rule:
      cumulative === own.due
        ? `${own.rule} This is also ${since}.`
        : `${own.rule} The ${since} ended on ${formatDay(cumulative)}, before this stage was received, so its own timescale applies.`,
  };
}
