// The viewer's lists: escalations waiting for their answer and escalations they raised, each with its case
// ID, stage, due date (and how overdue) and status, and a button that opens the full card. The summaries
// carry no child's name, and neither does this card.
import type { MyEscalations } from "../../application/view-escalation";
import { formatDay, type Instant, type WorkingCalendar } from "../../domain/calendar";
import { overdueOn } from "../../domain/permissions";
import type { Policy } from "../../domain/policy";
import type { EscalationSummary } from "../../domain/ports";
import template from "./my-escalations-card.json";
import { type AdaptiveCard, expand, literal, reference, workingDays } from "./render";

/** A list longer than this shows its first entries and says how many more there are. */
export const MAX_LISTED = 20;

export interface MyEscalationsInput {
  readonly waiting: readonly EscalationSummary[];
  readonly raised: readonly EscalationSummary[];
  readonly overseen?: MyEscalations["overseen"];
  readonly policy: Policy;
  readonly now: Instant;
  readonly calendar: WorkingCalendar;
}

export function myEscalationsCard(input: MyEscalationsInput): AdaptiveCard {
  const today = input.calendar.localDate(input.now);
  const list = (
    heading: string,
    emptyText: string,
    summaries: readonly EscalationSummary[],
    teamOf?: (s: EscalationSummary) => string,
  ) => ({
    heading: `${heading} (${summaries.length})`,
    empty: summaries.length === 0,
    emptyText,
    items: summaries.slice(0, MAX_LISTED).map((s) => item(s, input, today, teamOf?.(s))),
    hasMore: summaries.length > MAX_LISTED,
    moreText: `And ${summaries.length - MAX_LISTED} more, not shown.`,
  });
  const overseen = input.overseen;
  return expand(template, {
    lists: [
      ...(overseen
        ? [
            list(
              overseen.scope === "all"
                ? "Every open escalation, overdue first"
                : "Open in your teams, overdue first",
              "Nothing is open.",
              overdueFirst(overseen.open, today),
              (s) => overseen.teamNames.get(s.teamId) ?? s.teamId,
            ),
          ]
        : []),
      list("Waiting for your answer", "Nothing is waiting for your answer.", input.waiting),
      list("Raised by you", "You have not raised any concerns.", input.raised),
    ],
  });
}

/** Overdue first, the longest overdue at the top; then by due date. */
function overdueFirst(list: readonly EscalationSummary[], today: string): EscalationSummary[] {
  const late = (s: EscalationSummary) => s.status === "open" && !s.answered && s.due < today;
  return [...list].sort((a, b) => Number(late(b)) - Number(late(a)) || a.due.localeCompare(b.due));
}

function item(s: EscalationSummary, input: MyEscalationsInput, today: string, team: string | undefined) {
  const waiting = s.status === "open" && !s.answered;
  const late = waiting ? overdueOn(s.due, today, input.calendar) : 0;
  const stage = s.status === "open" ? `${s.stageName}, due ${formatDay(s.due)}` : s.stageName;
  return {
    escalationId: s.id,
    reference: reference(s.id),
    caseId: literal(s.caseId),
    stage: literal(team === undefined ? stage : `${team} · ${stage}`),
    hasOverdue: late > 0,
    overdue: `overdue by ${workingDays(late)}`,
    status: statusText(s, input.calendar),
  };
}

function statusText(s: EscalationSummary, calendar: WorkingCalendar): string {
  const on = s.concludedAt === null ? "" : `, ${formatDay(calendar.localDate(s.concludedAt))}`;
  switch (s.status) {
    case "open":
      return s.answered ? "Answered: waiting for the decision" : "Waiting for a response";
    case "resolved":
      return `Resolved${on}`;
    case "referred-to-cafcass":
      return `Referred to Cafcass${on}`;
    case "withdrawn":
      return `Withdrawn${on}`;
  }
}
