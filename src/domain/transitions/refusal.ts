// A refused attempt is part of the record too: who tried what, and when. It changes nothing else, and no
// number of refused presses can grow the record without bound: repeated refusals of one person at one
// action on one stage are folded into a count with the first and last time.
import type { Instant } from "../calendar";
import {
  type Actor,
  currentStage,
  type Escalation,
  type RefusalLog,
  type RefusedAttempts,
} from "../escalation";

/** How many people-and-actions the log names; attempts beyond are counted together, unnamed. */
export const MAX_NAMED_REFUSALS = 100;
/** How many attempt ids are kept, so a write retried after a lost answer records its attempt once. */
export const RECENT_ATTEMPT_IDS = 32;

const EMPTY: RefusalLog = { folded: [], recentAttempts: [] };

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
  const log = escalation.refusals ?? EMPTY;
  if (attempt !== undefined && log.recentAttempts.includes(attempt)) return escalation;
  const stageId = currentStage(escalation).stageId;
  const recentAttempts =
    attempt === undefined ? log.recentAttempts : [...log.recentAttempts, attempt].slice(-RECENT_ATTEMPT_IDS);
  const same = log.folded.find(
    (r) => r.person.id === actor.person.id && r.action === action && r.code === code && r.stageId === stageId,
  );
  let next: RefusalLog;
  if (same) {
    const folded = log.folded.map((r) => (r === same ? counted(r, now) : r));
    next = { ...log, folded, recentAttempts };
  } else if (log.folded.length < MAX_NAMED_REFUSALS) {
    const first: RefusedAttempts = {
      person: actor.person,
      action,
      code,
      stageId,
      count: 1,
      firstAt: now,
      lastAt: now,
    };
    next = { ...log, folded: [...log.folded, first], recentAttempts };
  } else {
    const beyond = log.beyond ? counted(log.beyond, now) : { count: 1, firstAt: now, lastAt: now };
    next = { ...log, beyond, recentAttempts };
  }
  return { ...escalation, refusals: next };
}

function counted<T extends { count: number; firstAt: Instant; lastAt: Instant }>(tally: T, now: Instant): T {
  return {
    ...tally,
    count: tally.count + 1,
    firstAt: now < tally.firstAt ? now : tally.firstAt,
    lastAt: now > tally.lastAt ? now : tally.lastAt,
  };
}

/** Every refused attempt the record holds, whether folded, beyond the named ones, or (older records) events. */
export function refusedAttemptCount(escalation: Escalation): number {
  const log = escalation.refusals;
  const folded = log?.folded.reduce((sum, r) => sum + r.count, 0) ?? 0;
  return folded + (log?.beyond?.count ?? 0) + escalation.events.filter((e) => e.kind === "refused").length;
}
