// Due dates: the policy's timescale counted in working days from receipt, the IRO's own timescale, or a
// date; each checked against the calendar, so a problem is a message on the form, never a crash.
import { CalendarError, formatDay, type LocalDate, type WorkingCalendar } from "../calendar";
import type { Due, TimescaleChoice } from "../escalation";
import type { AnsweredStage } from "../policy";
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
