// The QA Manager's report for a period (a quarter, a financial year, any two dates): what was raised and on
// what themes, what concluded and how, how timely the responses were by stage and by team, what was open
// and overdue when the period ended, what ran past the formal total, and the bypasses. Children appear by
// case ID only and no free text is carried: reports travel further than the record.
import { type Instant, type LocalDate, type WorkingCalendar } from "./calendar";
import type { Escalation, StageRecord } from "./escalation";
import { type Period, periodBounds } from "./periods";
import { overdueOn } from "./permissions";
import { LEGAL_STATUS_NAMES, type Policy } from "./policy";
import { formalTotalPassedOn } from "./reminders";
import { categoryLabels, median, outcomeLabel, responseTiming } from "./report";

export interface Count {
  readonly label: string;
  readonly count: number;
}

export interface Timeliness {
  /** Responses received in the period. */
  readonly responses: number;
  /** Of them, received by the stage's due date. */
  readonly withinTimescale: number;
  /** withinTimescale / responses, or null with no responses. */
  readonly shareWithinTimescale: number | null;
  /** From the stage's day 0 to the day of the response. */
  readonly medianWorkingDaysToRespond: number | null;
}

export interface OpenAtEnd {
  readonly escalationId: string;
  readonly caseId: string;
  readonly team: string;
  readonly stage: string;
  /** The due date the stage had when the period ended. */
  readonly due: LocalDate;
  /** 0 when not overdue on the period's last day. */
  readonly workingDaysOverdue: number;
}

export interface PastTotal {
  readonly escalationId: string;
  readonly caseId: string;
  readonly team: string;
  /** The first working day past the policy's formal total. */
  readonly passedOn: LocalDate;
  /** The day it concluded, when it did by the period's end. */
  readonly concludedOn: LocalDate | null;
}

export interface BypassCount {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  readonly qaManagerConsulted: number;
}

export interface PeriodReport {
  readonly period: Period;
  readonly policies: readonly { readonly id: string; readonly name: string; readonly source: string }[];
  readonly raised: {
    readonly total: number;
    readonly byStageStarted: readonly Count[];
    /** Themes: an escalation with several categories counts once under each. */
    readonly byCategory: readonly Count[];
    readonly byTeam: readonly Count[];
    readonly byLegalStatus: readonly Count[];
  };
  readonly concluded: {
    readonly total: number;
    readonly byOutcome: readonly Count[];
    readonly highestStageReached: readonly Count[];
  };
  readonly cafcassReferrals: number;
  readonly timeliness: {
    readonly overall: Timeliness;
    readonly byStage: readonly (Timeliness & { readonly stage: string })[];
    readonly byTeam: readonly (Timeliness & { readonly team: string })[];
  };
  readonly atPeriodEnd: {
    readonly open: number;
    readonly overdue: number;
    /** Every escalation open when the period ended, overdue first. */
    readonly escalations: readonly OpenAtEnd[];
  };
  /** Escalations open on the first working day past their formal total, on or before the period's last day. */
  readonly pastFormalTotal: readonly PastTotal[];
  readonly bypasses: { readonly total: number; readonly byStages: readonly BypassCount[] };
  /** Records left out because they could not be read (their ids are in the log). */
  readonly unreadable: number;
}

/**
 * The report for `period` from the escalations open at any time in it (raised before its end, not concluded
 * before its start). Things that happen on a day count when that day is in the period; the open state is
 * taken as it was at the end of the period's last day.
 */
export function periodReport(
  escalations: readonly Escalation[],
  policies: ReadonlyMap<string, Policy>,
  calendar: WorkingCalendar,
  period: Period,
  unreadable = 0,
): PeriodReport {
  const { start, end } = periodBounds(period, calendar);
  const during = (at: Instant) => at >= start && at < end;
  const tally = {
    stageStarted: new Tally(),
    category: new Tally(),
    team: new Tally(),
    legalStatus: new Tally(),
    outcome: new Tally(),
    highest: new Tally(),
  };
  let raised = 0;
  let concluded = 0;
  let cafcass = 0;
  const responses: Response[] = [];
  const open: OpenAtEnd[] = [];
  const pastTotal: PastTotal[] = [];
  const bypasses = new Map<string, { from: string; to: string; count: number; consulted: number }>();
  const policiesSeen = new Map<string, Policy>();

  for (const e of escalations) {
    if (e.raisedAt >= end) continue;
    const policy = policies.get(e.policyId);
    if (policy) policiesSeen.set(policy.id, policy);
    const stageName = (id: string | null) =>
      id === null
        ? "Raising the concern"
        : (e.stages.find((s) => s.stageId === id)?.name ??
          policy?.stages.find((s) => s.id === id)?.name ??
          id);

    if (during(e.raisedAt)) {
      raised += 1;
      tally.stageStarted.add(e.stages[0]?.name ?? "", stageOrder(policy, e.stages[0]?.stageId));
      for (const label of categoryLabels(e, policy)) tally.category.add(label);
      tally.team.add(e.team.name);
      tally.legalStatus.add(LEGAL_STATUS_NAMES[e.child.legalStatus]);
    }
    if (e.conclusion && during(e.conclusion.at)) {
      concluded += 1;
      tally.outcome.add(outcomeLabel(e, policy));
      const last = e.stages.at(-1);
      tally.highest.add(last?.name ?? "", stageOrder(policy, last?.stageId));
    }
    if (e.cafcass && during(e.cafcass.at)) cafcass += 1;

    for (const stage of e.stages) {
      const r = stage.response;
      if (!r || !during(r.respondedAt)) continue;
      responses.push({
        stage: stage.name,
        order: stageOrder(policy, stage.stageId),
        team: e.team.name,
        ...responseTiming(stage, r, calendar),
      });
    }

    const concludedByEnd = e.conclusion !== undefined && e.conclusion.at < end;
    if (!concludedByEnd) {
      const stage = stageAt(e, end);
      if (stage) {
        const due = dueAt(stage, end);
        const awaiting =
          (stage.response === undefined || stage.response.respondedAt >= end) &&
          (stage.ending === undefined || stage.ending.at >= end);
        open.push({
          escalationId: e.id,
          caseId: e.child.caseId,
          team: e.team.name,
          stage: stage.name,
          due,
          workingDaysOverdue: awaiting ? overdueOn(due, period.to, calendar) : 0,
        });
      }
    }

    if (policy) {
      const passedOn = formalTotalPassedOn(e, policy, calendar);
      const concludedOn = e.conclusion ? calendar.localDate(e.conclusion.at) : null;
      if (
        passedOn !== undefined &&
        passedOn <= period.to &&
        (concludedOn === null || concludedOn >= passedOn) &&
        (concludedOn === null || concludedOn >= period.from)
      ) {
        pastTotal.push({
          escalationId: e.id,
          caseId: e.child.caseId,
          team: e.team.name,
          passedOn,
          concludedOn: concludedOn !== null && concludedOn <= period.to ? concludedOn : null,
        });
      }
    }

    for (const bypass of e.bypasses) {
      const reached = e.stages.find((s) => s.stageId === bypass.toStageId);
      if (!reached || !during(reached.sentAt)) continue;
      const from = stageName(bypass.fromStageId);
      const to = stageName(bypass.toStageId);
      const key = `${from}\u0000${to}`;
      const entry = bypasses.get(key) ?? { from, to, count: 0, consulted: 0 };
      entry.count += 1;
      if (bypass.qaManagerConsulted) entry.consulted += 1;
      bypasses.set(key, entry);
    }
  }

  const byStage = new Map<string, { order: number; list: Response[] }>();
  const byTeam = new Map<string, Response[]>();
  for (const r of responses) {
    const entry = byStage.get(r.stage) ?? { order: r.order, list: [] };
    entry.list.push(r);
    byStage.set(r.stage, entry);
    byTeam.set(r.team, [...(byTeam.get(r.team) ?? []), r]);
  }
  const overdue = open.filter((o) => o.workingDaysOverdue > 0).length;

  return {
    period,
    policies: [...policiesSeen.values()]
      .map((p) => ({ id: p.id, name: p.name, source: p.source }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    raised: {
      total: raised,
      byStageStarted: tally.stageStarted.inOrder(),
      byCategory: tally.category.byCount(),
      byTeam: tally.team.byLabel(),
      byLegalStatus: tally.legalStatus.byLabel(),
    },
    concluded: {
      total: concluded,
      byOutcome: tally.outcome.byCount(),
      highestStageReached: tally.highest.inOrder(),
    },
    cafcassReferrals: cafcass,
    timeliness: {
      overall: timeliness(responses),
      byStage: [...byStage]
        .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
        .map(([stage, { list }]) => ({ stage, ...timeliness(list) })),
      byTeam: [...byTeam]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, list]) => ({ team, ...timeliness(list) })),
    },
    atPeriodEnd: {
      open: open.length,
      overdue,
      escalations: open.sort(
        (a, b) =>
          b.workingDaysOverdue - a.workingDaysOverdue ||
          a.due.localeCompare(b.due) ||
          a.caseId.localeCompare(b.caseId),
      ),
    },
    pastFormalTotal: pastTotal.sort(
      (a, b) => a.passedOn.localeCompare(b.passedOn) || a.caseId.localeCompare(b.caseId),
    ),
    bypasses: {
      total: [...bypasses.values()].reduce((sum, b) => sum + b.count, 0),
      byStages: [...bypasses.values()]
        .map((b) => ({ from: b.from, to: b.to, count: b.count, qaManagerConsulted: b.consulted }))
        .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    },
    unreadable,
  };
}

interface Response {
  readonly stage: string;
  readonly order: number;
  readonly team: string;
  readonly onTime: boolean;
  readonly workingDays: number;
}

function timeliness(responses: readonly Response[]): Timeliness {
  const within = responses.filter((r) => r.onTime).length;
  return {
    responses: responses.length,
    withinTimescale: within,
    shareWithinTimescale: responses.length === 0 ? null : within / responses.length,
    medianWorkingDaysToRespond: median(responses.map((r) => r.workingDays)),
  };
}

/** The stage that was current at `at`: the last one sent before it. */
function stageAt(e: Escalation, at: Instant): StageRecord | undefined {
  return e.stages.filter((s) => s.sentAt < at).at(-1);
}

/** The due date a stage had at `at`: extensions made later had not yet moved it. */
function dueAt(stage: StageRecord, at: Instant): LocalDate {
  return stage.extensions.find((x) => x.at >= at)?.from ?? stage.due.due;
}

function stageOrder(policy: Policy | undefined, stageId: string | undefined): number {
  const index = policy?.stages.findIndex((s) => s.id === stageId) ?? -1;
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

class Tally {
  private readonly counts = new Map<string, { count: number; order: number }>();

  add(label: string, order = 0): void {
    const entry = this.counts.get(label) ?? { count: 0, order };
    entry.count += 1;
    this.counts.set(label, entry);
  }

  byCount(): Count[] {
    return this.list().sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }

  byLabel(): Count[] {
    return this.list().sort((a, b) => a.label.localeCompare(b.label));
  }

  inOrder(): Count[] {
    return [...this.counts]
      .sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b))
      .map(([label, { count }]) => ({ label, count }));
  }

  private list(): Count[] {
    return [...this.counts].map(([label, { count }]) => ({ label, count }));
  }
}
