// The record for the child's file, as headed sections of labelled lines laid out like the council's form:
// the child, the people, the concern, then every stage in order (when it was sent, to whom, who was copied,
// the due date and its rule, hand-overs, extensions, the response, how it ended), bypasses, the Cafcass
// referral, the conclusion, and the whole event log. Every word as recorded, never shortened.
import { formatDay, type WorkingCalendar } from "../../domain/calendar";
import type {
  Escalation,
  EscalationEvent,
  StageEnding,
  StageRecord,
  StageResponse,
} from "../../domain/escalation";
import {
  bypassConsultees,
  findStage,
  LEGAL_STATUS_NAMES,
  type Policy,
  raiserTitleOf,
  recordedByRaiser,
  responseWords,
} from "../../domain/policy";
import { formatMoment, reference, workingDays } from "../cards/render";
import { answerText, requestFacts } from "../cards/view";

export interface RecordLine {
  readonly label: string;
  readonly value: string;
}

export interface RecordSection {
  readonly heading: string;
  /** 1 for the parts of the form, 2 for what sits under one (a stage's response, an appendix entry). */
  readonly level: 1 | 2;
  readonly lines: readonly RecordLine[];
}

export interface RecordDocument {
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  readonly sections: readonly RecordSection[];
}

const STATUS: Record<Escalation["status"], string> = {
  open: "Open",
  resolved: "Resolved",
  "referred-to-cafcass": "Referred to Cafcass",
  withdrawn: "Withdrawn",
};

const EVENT_WORDS: Record<EscalationEvent["kind"], string> = {
  raised: "raised the concern",
  responded: "responded",
  "response-corrected": "corrected the response",
  resolved: "resolved the concern",
  escalated: "escalated the concern",
  "referred-to-cafcass": "referred the concern to Cafcass",
  "cafcass-considered": "recorded that a referral to Cafcass is being considered",
  reassigned: "handed the stage to someone else to answer",
  extended: "extended the due date",
  "kept-waiting": "chose to keep waiting",
  withdrawn: "withdrew the concern",
  reopened: "re-opened the concern",
  "notification-form-completed": "sent the Escalation Notification Form to the partnership",
  refused: "was refused",
};

export function recordContent(
  escalation: Escalation,
  policy: Policy,
  calendar: WorkingCalendar,
): RecordDocument {
  const at = (instant: string) => formatMoment(instant, calendar);
  const stageName = (id: string | null) =>
    id === null
      ? ""
      : (escalation.stages.find((s) => s.stageId === id)?.name ?? findStage(policy, id)?.name ?? id);
  const { child, concern } = escalation;
  const sections: RecordSection[] = [
    {
      heading: policy.name,
      level: 1,
      lines: [
        { label: "Reference", value: reference(escalation.id) },
        { label: "Status", value: STATUS[escalation.status] },
        { label: "Raised", value: at(escalation.raisedAt) },
      ],
    },
    {
      heading: "Child",
      level: 1,
      lines: [
        { label: "Name", value: child.name },
        { label: "Case ID", value: child.caseId },
        { label: "Date of birth", value: formatDay(child.dateOfBirth) },
        { label: "Legal status", value: `${LEGAL_STATUS_NAMES[child.legalStatus]} (${child.legalStatus})` },
      ],
    },
    {
      heading: "People",
      level: 1,
      lines: [
        { label: raiserTitleOf(escalation, policy), value: escalation.iro.name },
        { label: `${raiserTitleOf(escalation, policy)}'s manager`, value: escalation.iroManager.name },
        { label: "Social worker", value: escalation.socialWorker.name },
        { label: "Team", value: escalation.team.name },
        { label: "Team manager", value: escalation.teamManager.name },
        { label: "QA Managers", value: escalation.qaManagers.map((p) => p.name).join(", ") || "None" },
        ...(escalation.agencies
          ? [
              { label: "Lead agency", value: escalation.agencies.lead.name },
              {
                label: "Agencies taking part",
                value: escalation.agencies.involved.map((a) => a.name).join(", "),
              },
            ]
          : []),
      ],
    },
    {
      heading: "Concern",
      level: 1,
      lines: [
        {
          label: "Categories of concern",
          value: concern.categories.map((c) => answerText(c, policy.categories.items)).join("; "),
        },
        { label: "Brief summary of the concern", value: concern.summary },
        { label: "Impact on the child", value: concern.impactOnChild },
        { label: "Requested action: what", value: concern.requestedAction.what },
        { label: "Requested action: who", value: concern.requestedAction.who },
        { label: "Requested action: by when", value: formatDay(concern.requestedAction.byWhen) },
        {
          label: "Outcome sought for the child",
          value: answerText(concern.outcomeSought, policy.outcomes.items),
        },
        ...(escalation.iroTimescale
          ? [
              {
                label: "Timescale the IRO set",
                value:
                  escalation.iroTimescale.kind === "date"
                    ? `by ${formatDay(escalation.iroTimescale.due)}`
                    : workingDays(escalation.iroTimescale.workingDays),
              },
            ]
          : []),
      ],
    },
  ];

  for (const bypass of escalation.bypasses) {
    sections.push({
      heading: `Stage skipped: to ${stageName(bypass.toStageId)}`,
      level: 1,
      lines: [
        { label: "From", value: bypass.fromStageId === null ? "The start" : stageName(bypass.fromStageId) },
        { label: "To", value: stageName(bypass.toStageId) },
        { label: "Reason", value: bypass.reason },
        { label: `Consulted ${bypassConsultees(policy)}`, value: bypass.qaManagerConsulted ? "Yes" : "No" },
      ],
    });
  }

  escalation.stages.forEach((stage, i) => {
    const before = escalation.stages[i - 1]?.name ?? "the stage before";
    sections.push(...stageSections(stage, before, policy, at, stageName));
  });

  for (const [i, entry] of (escalation.notificationForm ?? []).entries()) {
    sections.push({
      heading: `${entry.form}${i > 0 ? `, update ${i}` : ""} (${stageName(entry.stageId)})`,
      level: 1,
      lines: [
        { label: entry.question, value: entry.answer },
        { label: "Resolved", value: entry.resolved ? "Yes" : "No" },
        { label: "For the lead agency", value: entry.forAgency.name },
        { label: "Sent to the partnership by", value: `${entry.by.name}, ${at(entry.at)}` },
      ],
    });
  }
  if (escalation.cafcassConsidered) {
    const c = escalation.cafcassConsidered;
    sections.push({
      heading: "Referral to Cafcass considered",
      level: 1,
      lines: [
        { label: "Why a referral is being considered", value: c.note },
        { label: "Informed", value: c.informed.map((person) => person.name).join(", ") || "No one" },
        { label: "Recorded by", value: `${c.by.name}, ${at(c.at)}` },
      ],
    });
  }
  if (escalation.cafcass) {
    const c = escalation.cafcass;
    sections.push({
      heading: "Referral to Cafcass",
      level: 1,
      lines: [
        {
          label: "Local Authority Nominated Officer informed on",
          value: formatDay(c.nominatedOfficerInformedOn),
        },
        { label: "Reasons for the referral", value: c.reasons },
        { label: "Referred by", value: `${c.by.name}, ${at(c.at)}` },
      ],
    });
  }
  for (const r of escalation.reopenings ?? []) {
    sections.push({
      heading: `Re-opened, ${at(r.at)}`,
      level: 1,
      lines: [
        { label: "Re-opened by", value: `${r.by.name}, ${at(r.at)}` },
        { label: "Reason for re-opening", value: r.reason },
        {
          label: "It had been",
          value: `${STATUS[r.conclusion.status]} by ${r.conclusion.by.name}, ${at(r.conclusion.at)}`,
        },
        ...endingRecordLines(r.ending, policy, at, stageName),
      ],
    });
  }
  if (escalation.conclusion) {
    const c = escalation.conclusion;
    sections.push({
      heading: "Conclusion",
      level: 1,
      lines: [
        { label: "Status", value: STATUS[c.status] },
        { label: "Recorded by", value: `${c.by.name}, ${at(c.at)}` },
      ],
    });
  }

  sections.push({
    heading: "Appendix: event log",
    level: 1,
    lines: escalation.events.map((e) => ({
      label: at(e.at),
      value: `${e.actor.name} ${EVENT_WORDS[e.kind]}${e.stageId ? ` (${stageName(e.stageId)})` : ""}${
        e.kind === "refused" ? `: ${String(e.data["action"])}` : ""
      }`,
    })),
  });
  const log = escalation.refusals;
  if (log && (log.folded.length > 0 || log.beyond)) {
    sections.push({
      heading: "Appendix: refused attempts",
      level: 1,
      lines: [
        ...log.folded.map((r) => ({
          label: r.person.name,
          value: `tried to ${r.action}${r.stageId ? ` (${stageName(r.stageId)})` : ""} ${times(r.count)} and was refused (${r.code}); first ${at(r.firstAt)}, last ${at(r.lastAt)}`,
        })),
        ...(log.beyond
          ? [
              {
                label: "Others",
                value: `${times(log.beyond.count)} refused; first ${at(log.beyond.firstAt)}, last ${at(log.beyond.lastAt)}`,
              },
            ]
          : []),
      ],
    });
  }

  return {
    title: `Escalation record ${reference(escalation.id)}`,
    subject: `${policy.name}: ${STATUS[escalation.status]}`,
    author: escalation.iro.name,
    sections,
  };
}

function times(n: number): string {
  return n === 1 ? "once" : `${n.toLocaleString("en-GB")} times`;
}

function stageSections(
  stage: StageRecord,
  stageBefore: string,
  policy: Policy,
  at: (instant: string) => string,
  stageName: (id: string | null) => string,
): RecordSection[] {
  const sections: RecordSection[] = [
    {
      heading: stage.name,
      level: 1,
      lines: [
        ...(stage.request ? requestFacts(stage.request, stageBefore, policy) : []),
        { label: "Sent", value: at(stage.sentAt) },
        { label: "Sent to", value: stage.responsible.name },
        ...(stage.parties ?? []).map((party) => ({
          label: `For ${party.agency.name}`,
          value: party.people.map((p) => p.name).join(" or "),
        })),
        { label: "Copied to", value: stage.copied.map((p) => p.name).join(", ") || "No one" },
        { label: "Due", value: formatDay(stage.due.due) },
        { label: "How the due date was counted", value: stage.due.rule },
        ...(stage.keepWaitingUntil
          ? [{ label: "The IRO chose to keep waiting until", value: formatDay(stage.keepWaitingUntil) }]
          : []),
      ],
    },
  ];
  if (stage.delegation) {
    const d = stage.delegation;
    sections.push({
      heading: `${stage.name}: handed over`,
      level: 2,
      lines: [
        { label: "Handed to", value: d.to.name },
        { label: "By", value: `${d.by.name}, ${at(d.at)}` },
        { label: "Why", value: d.reason },
      ],
    });
  }
  stage.extensions.forEach((x, i) => {
    sections.push({
      heading: `${stage.name}: extension ${i + 1}`,
      level: 2,
      lines: [
        { label: "From", value: formatDay(x.from) },
        { label: "To", value: formatDay(x.to) },
        { label: "By", value: `${x.by.name}, ${at(x.at)}` },
        { label: "Reason", value: x.reason },
      ],
    });
  });
  if (stage.response) {
    const words = responseWords(policy, stage.stageId);
    const answer = recordedByRaiser(policy, stage.stageId) ? "the informal step" : "response";
    const responseLines = (r: StageResponse): RecordLine[] => [
      { label: words.whatDone, value: r.whatDone },
      { label: words.who, value: r.who },
      { label: "By when", value: formatDay(r.byWhen) },
      {
        label: "Expected outcome for the child",
        value: answerText(r.expectedOutcome, policy.outcomes.items),
      },
      {
        label: "Responded by",
        value: `${r.respondedBy.name}${r.forAgency ? ` for ${r.forAgency.name}` : ""}, ${at(r.respondedAt)}`,
      },
    ];
    // Every corrected version stays in the record, marked, before the one that replaced it.
    for (const [i, c] of (stage.corrections ?? []).entries()) {
      sections.push({
        heading: `${stage.name}: ${answer} as first given${i > 0 ? ` (correction ${i})` : ""}, since corrected`,
        level: 2,
        lines: [
          ...responseLines(c.original),
          { label: "Corrected by", value: `${c.by.name}, ${at(c.at)}` },
          { label: "Reason for the correction", value: c.reason },
        ],
      });
    }
    sections.push({
      heading: `${stage.name}: ${answer}${stage.corrections ? " (corrected)" : ""}`,
      level: 2,
      lines: responseLines(stage.response),
    });
  }
  const ending = stage.ending;
  if (ending) {
    const lines = endingRecordLines(ending, policy, at, stageName);
    sections.push({ heading: `${stage.name}: ${ENDING_WORDS[ending.kind]}`, level: 2, lines });
  }
  return sections;
}

/** How a stage ended, in the record's words. */
function endingRecordLines(
  ending: StageEnding,
  policy: Policy,
  at: (instant: string) => string,
  stageName: (id: string | null) => string,
): RecordLine[] {
  const by = `${ending.by.name}, ${at(ending.at)}`;
  return ending.kind === "progressed"
    ? [
        { label: "Escalated to", value: stageName(ending.toStageId) },
        { label: "Reasons for the decision to progress", value: ending.reasons },
        { label: "By", value: by },
      ]
    : ending.kind === "resolved"
      ? [
          { label: "Date resolved", value: formatDay(ending.resolvedOn) },
          {
            label: "Outcome confirmed for the child",
            value: answerText(ending.outcomeConfirmed, policy.outcomes.items),
          },
          { label: "Recorded by", value: by },
          ...(ending.agreedWith
            ? [{ label: `Recorded ${ending.agreedWith.words}`, value: ending.agreedWith.person.name }]
            : []),
        ]
      : ending.kind === "referred-to-cafcass"
        ? [
            { label: "Referred to Cafcass", value: ending.reasons },
            { label: "By", value: by },
          ]
        : [
            { label: "Reason for withdrawing the concern", value: ending.reason },
            { label: "By", value: by },
          ];
}

const ENDING_WORDS = {
  progressed: "escalated",
  resolved: "resolved",
  "referred-to-cafcass": "referred to Cafcass",
  withdrawn: "withdrawn",
} as const;
