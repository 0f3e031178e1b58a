// The QA Manager's figures, computed from the records themselves: what is open and where, what is due and
// overdue, what concluded and how, the themes (categories of concern), how timely the responses were, by
// team, and the messages that could not be delivered. The same figures feed the weekly digest and reports.
import { DateTime } from "luxon";

import { type Instant, type LocalDate, LONDON, type WorkingCalendar } from "./calendar";
import {
  assignee,
  currentStage,
  type Escalation,
  type MessageKind,
  type StageRecord,
  type StageResponse,
} from "./escalation";
import { overdueOn } from "./permissions";
import type { Policy } from "./policy";

export interface OverdueItem {
  readonly escalationId: string;
  readonly caseId: string;
  readonly stageName: string;
  readonly due: LocalDate;
  readonly workingDaysOverdue: number;
  readonly assignee: string;
  readonly teamName: string;
}

export interface ConcludedItem {
  readonly escalationId: string;
  readonly caseId: string;
  readonly status: "resolved" | "referred-to-cafcass" | "withdrawn";
  readonly on: LocalDate;
  /** The outcome confirmed (resolved), or how it ended. */
  readonly outcome: string;
}

export interface UndeliveredItem {
  readonly escalationId: string;
  readonly kind: MessageKind;
  readonly recipient: string;
  readonly since: Instant;
  readonly reason: string;
}

export interface TeamFigures {
  readonly teamName: string;
  readonly open: number;
  readonly overdue: number;
}

export interface Figures {
  readonly from: Instant;
  readonly to: Instant;
  readonly open: number;
  readonly openByStage: readonly { readonly stageName: string; readonly count: number }[];
  readonly dueThisWeek: readonly OverdueItem[];
  readonly overdue: readonly OverdueItem[];
  readonly concluded: readonly ConcludedItem[];
  readonly themes: readonly { readonly category: string; readonly count: number }[];
  readonly timeliness: {
    /** Stage responses received in the period. */
    readonly responses: number;
    readonly onTime: number;
    /** onTime / responses, or null with no responses. */
    readonly shareOnTime: number | null;
    readonly medianWorkingDaysToRespond: number | null;
  };
  readonly byTeam: readonly TeamFigures[];
  readonly undelivered: readonly UndeliveredItem[];
  /** Records left out because they could not be read (their ids are in the log). */
  readonly unreadable?: number;
}

/**
 * Figures for the period [from, to). `escalations` are those open at any time in it; stages answered and
 * escalations concluded count when that happened in the period, and the open state is taken at `to`.
 */
export function figures(
  escalations: readonly Escalation[],
  policies: ReadonlyMap<string, Policy>,
  calendar: WorkingCalendar,
  from: Instant,
  to: Instant,
): Figures {
  const today = calendar.localDate(to);
  const weekEnd = endOfWeek(today);
  const openAtEnd = escalations.filter(
    (e) => e.raisedAt < to && (e.conclusion === undefined || e.conclusion.at >= to),
  );
  const byStage = new Map<string, number>();
  const dueThisWeek: OverdueItem[] = [];
  const overdue: OverdueItem[] = [];
  const teams = new Map<string, { open: number; overdue: number }>();
  for (const e of openAtEnd) {
    const stage = currentStage(e);
    byStage.set(stage.name, (byStage.get(stage.name) ?? 0) + 1);
    const team = teams.get(e.team.name) ?? { open: 0, overdue: 0 };
    team.open += 1;
    teams.set(e.team.name, team);
    if (stage.response) continue;
    const item = awaitedItem(e, today, calendar);
    if (stage.due.due < today) {
      overdue.push(item);
      team.overdue += 1;
    } else if (stage.due.due <= weekEnd) {
      dueThisWeek.push(item);
    }
  }

  const concluded: ConcludedItem[] = [];
  for (const e of escalations) {
    const c = e.conclusion;
    if (!c || c.at < from || c.at >= to) continue;
    concluded.push({
      escalationId: e.id,
      caseId: e.child.caseId,
      status: c.status,
      on: calendar.localDate(c.at),
      outcome: outcomeLabel(e, policies.get(e.policyId)),
    });
  }

  const themes = new Map<string, number>();
  for (const e of escalations) {
    for (const label of categoryLabels(e, policies.get(e.policyId))) {
      themes.set(label, (themes.get(label) ?? 0) + 1);
    }
  }

  const days: number[] = [];
  let onTime = 0;
  for (const e of escalations) {
    for (const stage of e.stages) {
      const r = stage.response;
      if (!r || r.respondedAt < from || r.respondedAt >= to) continue;
      const timing = responseTiming(stage, r, calendar);
      if (timing.onTime) onTime += 1;
      days.push(timing.workingDays);
    }
  }

  const undelivered: UndeliveredItem[] = [];
  for (const e of escalations) {
    for (const m of e.outbox) {
      if (m.status === "pending" && m.lastError !== undefined) {
        undelivered.push({
          escalationId: e.id,
          kind: m.kind,
          recipient: m.to.name,
          since: m.createdAt,
          reason: m.lastError,
        });
      }
    }
  }

  return {
    from,
    to,
    open: openAtEnd.length,
    openByStage: [...byStage]
      .map(([stageName, count]) => ({ stageName, count }))
      .sort((a, b) => b.count - a.count || a.stageName.localeCompare(b.stageName)),
    dueThisWeek: dueThisWeek.sort((a, b) => a.due.localeCompare(b.due)),
    overdue: overdue.sort(
      (a, b) => b.workingDaysOverdue - a.workingDaysOverdue || a.caseId.localeCompare(b.caseId),
    ),
    concluded: concluded.sort((a, b) => a.on.localeCompare(b.on)),
    themes: [...themes]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    timeliness: {
      responses: days.length,
      onTime,
      shareOnTime: days.length === 0 ? null : onTime / days.length,
      medianWorkingDaysToRespond: median(days),
    },
    byTeam: [...teams]
      .map(([teamName, t]) => ({ teamName, ...t }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName)),
    undelivered: undelivered.sort((a, b) => a.since.localeCompare(b.since)),
  };
}

/** The stage awaiting a response, as the lists of due and overdue show it on `today`. */
export function awaitedItem(e: Escalation, today: LocalDate, calendar: WorkingCalendar): OverdueItem {
  const stage = currentStage(e);
  return {
    escalationId: e.id,
    caseId: e.child.caseId,
    stageName: stage.name,
    due: stage.due.due,
    workingDaysOverdue: overdueOn(stage.due.due, today, calendar),
    assignee: assignee(stage).name,
    teamName: e.team.name,
  };
}

/**
 * How a concluded escalation ended, in the policy's words: the outcome confirmed (its label only: free text
 * an IRO wrote under "Other" may name the child, and figures must not), "Referred to Cafcass" or "Withdrawn".
 */
export function outcomeLabel(e: Escalation, policy: Policy | undefined): string {
  const ending = currentStage(e).ending;
  if (ending?.kind === "resolved") {
    return (
      policy?.outcomes.items.find((o) => o.id === ending.outcomeConfirmed.id)?.label ??
      ending.outcomeConfirmed.id
    );
  }
  return e.conclusion?.status === "referred-to-cafcass" ? "Referred to Cafcass" : "Withdrawn";
}

/** The concern's categories by the policy's labels (the themes). */
export function categoryLabels(e: Escalation, policy: Policy | undefined): string[] {
  return e.concern.categories.map(
    (category) => policy?.categories.items.find((c) => c.id === category.id)?.label ?? category.id,
  );
}

/** Whether a response came within its stage's timescale, and how many working days it took from day 0. */
export function responseTiming(
  stage: StageRecord,
  response: StageResponse,
  calendar: WorkingCalendar,
): { readonly onTime: boolean; readonly workingDays: number } {
  const answeredOn = calendar.localDate(response.respondedAt);
  return {
    onTime: answeredOn <= stage.due.due,
    workingDays: calendar.workingDaysBetween(stage.due.countedFrom, answeredOn),
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The Sunday that ends the (Monday to Sunday) week containing `day`. */
function endOfWeek(day: LocalDate): LocalDate {
  return DateTime.fromISO(day, { zone: LONDON }).endOf("week").toISODate() ?? day;
}
