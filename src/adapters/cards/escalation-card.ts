// The escalation card: the whole record for the people on the escalation, and the forms the viewer may
// use now (respond or hand over for the person answering; resolve, escalate, refer, extend, keep waiting
// or withdraw for the IRO or a QA Manager). Everyone else on it, and everyone once it is closed, reads it.
import { formatDay, type Instant, type LocalDate, type WorkingCalendar } from "../../domain/calendar";
import {
  type Actor,
  askedToAnswer,
  assignee,
  currentRequest,
  currentStage,
  type Escalation,
  type StageEnding,
  type StageRecord,
  type StageRequest,
} from "../../domain/escalation";
import { unreached } from "../../domain/outbox";
import {
  anyHandOverCandidate,
  audience,
  type HandOverQuery,
  handOverQuery,
  isDecider,
  laterFormalStages,
  mayView,
  offered,
  type PeopleLookup,
  reopenUntil,
  stageOverdueOn,
} from "../../domain/permissions";
import {
  bypassConsultees,
  cafcassInformees,
  cafcassStageOf,
  findStage,
  LEGAL_STATUS_NAMES,
  notificationFormAt,
  type Policy,
  raiserTitleOf,
  remainingSummaryLabel,
  responseWords,
} from "../../domain/policy";
import { resolutionAgreement } from "../../domain/transitions";
import { deliveryProblemWords } from "./delivery-words";
import template from "./escalation-card.json";
import { handOverDataset, pickerQuery } from "./pickers";
import { refusalCard } from "./refusal-card";
import { type AdaptiveCard, expand, formatMoment, literal, reference, shared, workingDays } from "./render";
import { withinTeamsLimit } from "./teams-limit";
import {
  answerText,
  choicesOf,
  type ChoiceView,
  type Line,
  line,
  requestFacts,
  type TextColor,
} from "./view";

/** Teams runs a card's refresh automatically for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

export interface EscalationCardInput {
  readonly escalation: Escalation;
  readonly policy: Policy;
  readonly viewerId: string;
  readonly now: Instant;
  readonly calendar: WorkingCalendar;
  /** A line above everything, e.g. "Level 1 response due tomorrow". */
  readonly headline?: string;
  /** Something the viewer must know first, e.g. why an action was refused. */
  readonly notice?: string;
  /** QA Managers may resolve, escalate, refer and withdraw for the IRO. */
  readonly isQaManager?: boolean;
  /**
   * Who the stage may be handed to, and whether the directory has anyone who fits. The hand-over's picker
   * searches them as the person types (Teams' typeahead), so the card's size does not grow with the
   * council; without it the card offers no hand-over.
   */
  readonly handOver?: { readonly query: HandOverQuery; readonly anyone: boolean };
  /**
   * The Teams user id (the MRI, `29:…`) of a person, for the card's automatic refresh; Teams matches
   * `refresh.userIds` against MRIs, not Entra object ids. People with none yet are left out.
   */
  readonly teamsUserIdOf?: (personId: string) => string | undefined;
  /** The teams the viewer oversees as a senior manager: they may see every escalation in them. */
  readonly overseenTeamIds?: readonly string[];
  /** Opened from the viewer's list: the card offers the way back to it. */
  readonly backToList?: boolean;
}

/** The hand-over picker's query for the escalation as it stands, and whether anyone fits it. */
export function handOverFor(escalation: Escalation, policy: Policy, people: PeopleLookup) {
  const query = handOverQuery(escalation, policy);
  return {
    query,
    anyone: anyHandOverCandidate(query, people),
  };
}

/** The viewer as the permission rule sees them: the person, and whether they are a QA Manager. */
function viewerOf(input: EscalationCardInput): Actor {
  return {
    person: { id: input.viewerId, name: "" },
    roles: input.isQaManager === true ? ["qa-manager"] : [],
  };
}

export function escalationCard(input: EscalationCardInput): AdaptiveCard {
  const view = escalationCardView(input);
  // The child's details are for the people the view rule lets see them; a caller that slips is refused.
  if (view === undefined) {
    return refusalCard(
      "You are not on this escalation, so its details cannot be shown to you.",
      reference(input.escalation.id),
    );
  }
  const card = expand(template, view);
  return withinTeamsLimit(
    input.backToList
      ? {
          ...card,
          actions: [
            { type: "Action.Execute", verb: "my-escalations", title: "Back to my escalations", data: {} },
          ],
        }
      : card,
  );
}

/**
 * What the escalation card's template is drawn from for this viewer: the record, and the forms the
 * permission rule offers them. Undefined for someone the view rule does not let see the escalation.
 */
export function escalationCardView(input: EscalationCardInput): Record<string, unknown> | undefined {
  const { escalation, policy, now, calendar } = input;
  const viewer = viewerOf(input);
  if (!mayView(escalation, viewer, input.overseenTeamIds)) return undefined;
  const stage = currentStage(escalation);
  const offer = offered(escalation, viewer, policy, now, calendar);
  const can = {
    respond: offer.respond,
    correctResponse: offer["correct-response"],
    reassign: offer.reassign,
    resolve: offer.resolve,
    escalate: offer.escalate,
    referToCafcass: offer["refer-to-cafcass"],
    considerCafcass: offer["consider-cafcass"],
    extend: offer.extend,
    keepWaiting: offer["keep-waiting"],
    withdraw: offer.withdraw,
    reopen: offer.reopen,
    notificationForm: offer["notification-form"],
  };
  const today = calendar.localDate(now);
  const agreement = resolutionAgreement(stage, policy);
  const targets = laterFormalStages(policy, stage.stageId);
  const cafcass = cafcassStageOf(policy);
  const otherOutcome = policy.outcomes.items.find((item) => item.requiresText === true);
  const childNeedTargets = targets.filter((s) => s.timescale.kind === "child-need");
  // The IRO (or a QA Manager acting for her) is told who the bot has not reached, and why, in words.
  const unreachedLines = isDecider(escalation, viewer)
    ? unreached(escalation).map((u) => ({
        text: literal(`${u.person.name} ${deliveryProblemWords(u.reason)}.`),
      }))
    : [];
  return {
    escalationId: escalation.id,
    stageId: stage.stageId,
    version: escalation.version,
    refreshUserIds: audience(escalation)
      .flatMap((p) => input.teamsUserIdOf?.(p.id) ?? [])
      .slice(0, MAX_REFRESH_USERS),
    hasHeadline: (input.headline ?? "").trim() !== "",
    headline: literal(input.headline ?? ""),
    hasUnreached: unreachedLines.length > 0,
    unreached: unreachedLines,
    hasNotice: (input.notice ?? "").trim() !== "",
    notice: literal(input.notice ?? ""),
    reference: reference(escalation.id),
    status: statusText(escalation, calendar),
    policyName: literal(policy.name),
    summary: summaryLines(escalation, stage, today, calendar),
    hasActions: Object.values(can).some(Boolean),
    can,
    today,
    outcomes: choicesOf(policy.outcomes.items),
    outcomeHasOther: otherOutcome !== undefined,
    outcomeOtherLabel: `If "${otherOutcome?.label ?? "Other"}": what outcome`,
    escalateTargets: targets.map((s): ChoiceView => ({
      title: `${s.name} (${s.timescale.kind === "working-days" ? workingDays(s.timescale.workingDays) : "by the child's needs"})`,
      value: s.id,
    })),
    escalateDefault: targets[0]?.id ?? "",
    canBypass: targets.length > 1,
    bypassNeedsQa: targets.length > 1 && policy.bypass.requiresQaManagerConsultation,
    bypassConsultees: bypassConsultees(policy),
    timescaleRequired: targets.length > 0 && childNeedTargets.length === targets.length,
    timescaleLabel:
      childNeedTargets.length === 0
        ? "Respond by (optional: overrides the policy's timescale)"
        : childNeedTargets.length === targets.length
          ? "Respond by (set by the child's needs)"
          : `Respond by (needed for ${childNeedTargets.map((s) => s.name).join(", ")})`,
    cafcassInformees: cafcassInformees(policy),
    notificationForm: notificationFormView(escalation, stage, policy),
    respondWords: responseWords(policy, stage.stageId),
    stageName: stage.name,
    reopenUntil: formatDay(reopenUntil(escalation, policy, calendar)),
    correction: {
      whatDone: stage.response?.whatDone ?? "",
      who: stage.response?.who ?? "",
      byWhen: stage.response && stage.response.byWhen >= today ? stage.response.byWhen : "",
      expectedOutcome: stage.response?.expectedOutcome.id ?? "",
      expectedOutcomeOther: stage.response?.expectedOutcome.text ?? "",
    },
    requestEachStage: policy.requestAtEachStage,
    hasResolutionAgreement: agreement !== undefined,
    raiserTitle: raiserTitleOf(escalation, policy),
    resolutionAgreement: agreement?.words ?? "",
    resolutionAgreedWith: agreement?.person.name ?? "",
    requestLabels: { summary: `${remainingSummaryLabel(stage.name)} (up to 4,000 characters)` },
    requestDraft: requestDraft(currentRequest(escalation), today),
    cafcassNeedsNominatedOfficer: cafcass?.requiresNominatedOfficerInformed ?? false,
    hasDelegates: input.handOver?.anyone ?? false,
    delegates: input.handOver ? pickerQuery(handOverDataset(input.handOver.query)) : {},
    dayAfterDue: calendar.nextWorkingDay(stage.due.due),
    sections: recordSections(escalation, policy, today, calendar),
  };
}

interface Section {
  readonly heading: string;
  /** The current stage stands out; the rest of the record does not. */
  readonly style: "emphasis" | "default";
  readonly lines: readonly Line[];
}

/** The record's sections last set out for each version of an escalation, with what they were set out for. */
const recorded = new WeakMap<
  Escalation,
  {
    readonly policy: Policy;
    readonly calendar: WorkingCalendar;
    readonly today: LocalDate;
    readonly sections: readonly Section[];
  }
>();

/**
 * The record, section by section: the same for every viewer of a version on a London day (the day is all
 * that a stage's due words read), so the answer to an action and each message that version owes set out the
 * one made first, shared between their cards and frozen.
 */
function recordSections(
  escalation: Escalation,
  policy: Policy,
  today: LocalDate,
  calendar: WorkingCalendar,
): readonly Section[] {
  const known = recorded.get(escalation);
  if (known?.policy === policy && known.calendar === calendar && known.today === today) return known.sections;
  const stage = currentStage(escalation);
  const sections = shared([
    ...currentRequestSection(escalation, stage, policy),
    childSection(escalation),
    peopleSection(escalation, policy),
    concernSection(escalation, policy, calendar),
    ...bypassSections(escalation, policy),
    ...escalation.stages.map((s) => stageSection(s, escalation, policy, today, calendar)),
    ...notificationSections(escalation, stage, policy, calendar),
    ...cafcassSections(escalation, calendar),
    ...reopeningSections(escalation, policy, calendar),
  ]);
  recorded.set(escalation, { policy, calendar, today, sections });
  return sections;
}

function summaryLines(
  escalation: Escalation,
  stage: StageRecord,
  today: LocalDate,
  calendar: WorkingCalendar,
): Line[] {
  const lines = [
    line("Child", `${escalation.child.name} (${escalation.child.caseId})`),
    line("Stage", stage.name),
  ];
  if (escalation.status !== "open") return lines;
  if (stage.response) {
    lines.push(
      line(
        "Answered",
        `${stage.response.respondedBy.name}, ${formatMoment(stage.response.respondedAt, calendar)}`,
      ),
    );
    return lines;
  }
  lines.push(line("Due", dueText(stage, today, calendar), { color: dueColor(stage, today, calendar) }));
  lines.push(line("To answer", assignee(stage).name));
  return lines;
}

/** The escalate form starts from what was last asked; a "by when" that has passed is left for a new date. */
function requestDraft(request: StageRequest, today: LocalDate) {
  return {
    summary: request.summary,
    impactOnChild: request.impactOnChild,
    what: request.requestedAction.what,
    who: request.requestedAction.who,
    byWhen: request.requestedAction.byWhen >= today ? request.requestedAction.byWhen : "",
    outcome: request.outcomeSought.id,
    outcomeOther: request.outcomeSought.text ?? "",
  };
}

/** What is asked of the stage now, first on its card: the person answering reads it before anything else. */
function currentRequestSection(escalation: Escalation, stage: StageRecord, policy: Policy): Section[] {
  if (!stage.request || escalation.status !== "open") return [];
  return [
    {
      heading: `Asked of ${stage.name}`,
      style: "emphasis",
      lines: requestLines(stage, escalation, policy),
    },
  ];
}

/** A stage's own request in the form's words: seed 001's stages 2, 3 and 4. */
function requestLines(stage: StageRecord, escalation: Escalation, policy: Policy): Line[] {
  const request = stage.request;
  if (!request) return [];
  const before = escalation.stages[escalation.stages.indexOf(stage) - 1];
  return requestFacts(request, before?.name ?? "the stage before", policy).map((f) => line(f.label, f.value));
}

function childSection(escalation: Escalation): Section {
  const { child } = escalation;
  return {
    heading: "Child",
    style: "default",
    lines: [
      line("Name", child.name),
      line("Case ID", child.caseId),
      line("Date of birth", formatDay(child.dateOfBirth)),
      line("Legal status", `${LEGAL_STATUS_NAMES[child.legalStatus]} (${child.legalStatus})`),
    ],
  };
}

function peopleSection(escalation: Escalation, policy: Policy): Section {
  return {
    heading: "People",
    style: "default",
    lines: [
      line("Social worker", escalation.socialWorker.name),
      line("Team", escalation.team.name),
      line("Team manager", escalation.teamManager.name),
      line(raiserTitleOf(escalation, policy), escalation.iro.name),
      line(`${raiserTitleOf(escalation, policy)}'s manager`, escalation.iroManager.name),
      ...(escalation.agencies
        ? [
            line("Lead agency", escalation.agencies.lead.name),
            line("Agencies taking part", escalation.agencies.involved.map((a) => a.name).join(", ")),
          ]
        : []),
    ],
  };
}

/** The stage's notification form as its form asks it: the stage's question, started from the last answer. */
function notificationFormView(escalation: Escalation, stage: StageRecord, policy: Policy) {
  const form = notificationFormAt(policy, stage.stageId);
  const last = escalation.notificationForm?.at(-1);
  const updating = last !== undefined;
  return {
    action: `${updating ? "Update" : "Complete"} the ${form?.name ?? "notification form"}`,
    explanation: `${escalation.agencies?.lead.name ?? "The lead agency"}, the lead agency, ${
      updating ? "updates" : "completes"
    } the ${form?.name ?? "form"} for the safeguarding partnership, whether resolved or not. Every party is told it was sent.`,
    question: form?.question ?? "",
    missing: `Give the ${form?.question.toLowerCase() ?? "answer"}.`,
    draft: literal(last?.answer ?? ""),
    resolved: last?.resolved === true ? "true" : "false",
  };
}

/** What the lead agency sent the partnership, each time, and whether this stage's form is still owed. */
function notificationSections(
  escalation: Escalation,
  stage: StageRecord,
  policy: Policy,
  calendar: WorkingCalendar,
): Section[] {
  const entries = escalation.notificationForm ?? [];
  const form = notificationFormAt(policy, stage.stageId);
  const owed =
    escalation.status === "open" && form !== undefined && !entries.some((e) => e.stageId === stage.stageId);
  if (entries.length === 0 && !owed) return [];
  const name = form?.name ?? entries[0]?.form ?? "Notification form";
  return [
    {
      heading: name,
      style: owed ? "emphasis" : "default",
      lines: [
        ...entries.flatMap((e) => [
          line(
            `${findStage(policy, e.stageId)?.name ?? e.stageId}: ${e.question}`,
            `${e.answer} (${e.resolved ? "resolved" : "not resolved"})`,
          ),
          line(
            "Sent to the partnership by",
            `${e.by.name} for ${e.forAgency.name}, ${formatMoment(e.at, calendar)}`,
            {
              subtle: true,
            },
          ),
        ]),
        ...(owed
          ? [
              line(
                stage.name,
                `Asked of ${escalation.agencies?.lead.name ?? "the lead agency"}: ${form.question.toLowerCase()}. Not yet sent.`,
              ),
            ]
          : []),
      ],
    },
  ];
}

function concernSection(escalation: Escalation, policy: Policy, calendar: WorkingCalendar): Section {
  const { concern } = escalation;
  const action = concern.requestedAction;
  return {
    heading: "Concern",
    style: "default",
    lines: [
      line("Raised", formatMoment(escalation.raisedAt, calendar)),
      ...concern.categories.map((c, i) =>
        line(i === 0 ? "Category" : "Also", answerText(c, policy.categories.items)),
      ),
      line("Summary", concern.summary),
      line("Impact on the child", concern.impactOnChild),
      line("Action requested", action.what),
      line("By whom", action.who),
      line("By when", formatDay(action.byWhen)),
      line("Outcome sought", answerText(concern.outcomeSought, policy.outcomes.items)),
      ...(escalation.iroTimescale
        ? [
            line(
              `${raiserTitleOf(escalation, policy)}'s timescale`,
              escalation.iroTimescale.kind === "working-days"
                ? workingDays(escalation.iroTimescale.workingDays)
                : formatDay(escalation.iroTimescale.due),
            ),
          ]
        : []),
    ],
  };
}

function bypassSections(escalation: Escalation, policy: Policy): Section[] {
  if (escalation.bypasses.length === 0) return [];
  const name = (id: string | null) => (id === null ? "the start" : (findStage(policy, id)?.name ?? id));
  return [
    {
      heading: "Stages bypassed",
      style: "default",
      lines: escalation.bypasses.map((b) =>
        line(
          `From ${name(b.fromStageId)} to ${name(b.toStageId)}${b.qaManagerConsulted ? ` (consulted ${bypassConsultees(policy)})` : ""}`,
          b.reason === "" ? "No reason given." : b.reason,
        ),
      ),
    },
  ];
}

function stageSection(
  stage: StageRecord,
  escalation: Escalation,
  policy: Policy,
  today: LocalDate,
  calendar: WorkingCalendar,
): Section {
  const isCurrent = stage === currentStage(escalation) && escalation.status === "open";
  // The current stage's request is shown first on the card; earlier stages keep theirs in their section.
  const lines: Line[] = [
    ...(isCurrent ? [] : requestLines(stage, escalation, policy)),
    line("Sent", formatMoment(stage.sentAt, calendar)),
  ];
  const waiting = isCurrent && !stage.response;
  lines.push(
    line(
      "Due",
      waiting ? dueText(stage, today, calendar) : `${formatDay(stage.due.due)}${basisText(stage)}`,
      {
        color: waiting ? dueColor(stage, today, calendar) : "Default",
      },
    ),
    line("Rule", stage.due.rule, { subtle: true }),
    line("To answer", assignee(stage).name),
  );
  for (const party of stage.parties ?? []) {
    lines.push(line(`For ${party.agency.name}`, party.people.map((p) => p.name).join(" or ")));
  }
  if (stage.delegation) {
    const d = stage.delegation;
    lines.push(
      line(`Handed to ${d.to.name} by ${d.by.name}, ${formatMoment(d.at, calendar)}. Reason`, d.reason),
    );
  }
  if (stage.copied.length > 0) lines.push(line("Copied", stage.copied.map((p) => p.name).join(", ")));
  for (const x of stage.extensions) {
    lines.push(
      line(
        `Extended from ${formatDay(x.from)} to ${formatDay(x.to)} by ${x.by.name}, ${formatMoment(x.at, calendar)}. Reason`,
        x.reason,
      ),
    );
  }
  if (stage.keepWaitingUntil !== undefined) {
    lines.push(line("Keep waiting until", formatDay(stage.keepWaitingUntil)));
  }
  const r = stage.response;
  if (r) {
    const words = responseWords(policy, stage.stageId);
    // A corrected response is kept, marked, before the one that replaced it.
    for (const [i, c] of (stage.corrections ?? []).entries()) {
      const o = c.original;
      lines.push(
        line(
          `Response ${i + 1} (corrected)`,
          `${o.respondedBy.name}, ${formatMoment(o.respondedAt, calendar)}`,
          {
            subtle: true,
          },
        ),
        line(words.whatDone, o.whatDone, { subtle: true }),
        line(words.who, o.who, { subtle: true }),
        line("By when", formatDay(o.byWhen), { subtle: true }),
        line("Expected outcome for the child", answerText(o.expectedOutcome, policy.outcomes.items), {
          subtle: true,
        }),
        line(`Corrected by ${c.by.name}, ${formatMoment(c.at, calendar)}. Reason`, c.reason),
      );
    }
    lines.push(
      line(words.whatDone, r.whatDone),
      line(words.who, r.who),
      line("By when", formatDay(r.byWhen)),
      line("Expected outcome for the child", answerText(r.expectedOutcome, policy.outcomes.items)),
      line(
        "Answered by",
        `${r.respondedBy.name}${r.forAgency ? ` for ${r.forAgency.name}` : ""}, ${formatMoment(r.respondedAt, calendar)}`,
      ),
    );
  } else if (isCurrent) {
    lines.push(
      line("Response", `Waiting for ${waitingFor(stage)}`, { color: dueColor(stage, today, calendar) }),
    );
  } else {
    lines.push(line("Response", "None was given"));
  }
  if (stage.ending) lines.push(...endingLines(stage.ending, policy, calendar));
  return {
    heading: isCurrent ? `${stage.name} (now)` : stage.name,
    style: isCurrent ? "emphasis" : "default",
    lines,
  };
}

/** Who may answer the stage, in words: "Priya Inskip, Helen Matron or Tariq Mann". */
function waitingFor(stage: StageRecord): string {
  const names = askedToAnswer(stage).map((p) => p.name);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1) ?? ""}`;
}

function endingLines(ending: StageEnding, policy: Policy, calendar: WorkingCalendar): Line[] {
  const when = `${ending.by.name}, ${formatMoment(ending.at, calendar)}`;
  switch (ending.kind) {
    case "resolved":
      return [
        line("Resolved", `on ${formatDay(ending.resolvedOn)} (recorded by ${when})`),
        ...(ending.agreedWith
          ? [line("Recorded", `${ending.agreedWith.words}: ${ending.agreedWith.person.name}`)]
          : []),
        line("Outcome confirmed", answerText(ending.outcomeConfirmed, policy.outcomes.items)),
      ];
    case "progressed":
      return [
        line(
          `Escalated to ${findStage(policy, ending.toStageId)?.name ?? ending.toStageId} by ${when}. Reasons`,
          ending.reasons,
        ),
      ];
    case "referred-to-cafcass":
      return [line("Referred to Cafcass", `by ${when}; see the referral below`)];
    case "withdrawn":
      return [line(`Withdrawn by ${when}. Reason`, ending.reason)];
  }
}

function cafcassSections(escalation: Escalation, calendar: WorkingCalendar): Section[] {
  const considered = escalation.cafcassConsidered;
  const consideredSection: Section[] = considered
    ? [
        {
          heading: "Referral to Cafcass considered",
          style: "default",
          lines: [
            line("Recorded", `${considered.by.name}, ${formatMoment(considered.at, calendar)}`),
            line("Informed", considered.informed.map((person) => person.name).join(", ") || "No one"),
            line("Why", considered.note),
          ],
        },
      ]
    : [];
  const referral = escalation.cafcass;
  if (!referral) return consideredSection;
  return [
    ...consideredSection,
    {
      heading: "Referral to Cafcass",
      style: "default",
      lines: [
        line("Referred", `${referral.by.name}, ${formatMoment(referral.at, calendar)}`),
        line("Nominated Officer informed", formatDay(referral.nominatedOfficerInformedOn)),
        line("Reasons", referral.reasons),
      ],
    },
  ];
}

/** Each re-opening: who, when and why, and how the escalation had ended before it. */
function reopeningSections(escalation: Escalation, policy: Policy, calendar: WorkingCalendar): Section[] {
  return (escalation.reopenings ?? []).map((r) => ({
    heading: `Re-opened, ${formatDay(calendar.localDate(r.at))}`,
    style: "default",
    lines: [
      line("Re-opened by", `${r.by.name}, ${formatMoment(r.at, calendar)}`),
      line("Reason", r.reason),
      line(
        "It had been",
        `${r.conclusion.status === "resolved" ? "resolved" : "withdrawn"} by ${r.conclusion.by.name}, ${formatMoment(r.conclusion.at, calendar)}`,
        { subtle: true },
      ),
      ...endingLines(r.ending, policy, calendar),
    ],
  }));
}

function statusText(escalation: Escalation, calendar: WorkingCalendar): string {
  const c = escalation.conclusion;
  switch (escalation.status) {
    case "open":
      return "Open";
    case "resolved":
      return c ? `Resolved, ${formatDay(calendar.localDate(c.at))}` : "Resolved";
    case "referred-to-cafcass":
      return c ? `Referred to Cafcass, ${formatDay(calendar.localDate(c.at))}` : "Referred to Cafcass";
    case "withdrawn":
      return c ? `Withdrawn, ${formatDay(calendar.localDate(c.at))}` : "Withdrawn";
  }
}

/** Working days past the due day with no answer; 0 when not overdue. */
function basisText(stage: StageRecord): string {
  switch (stage.due.basis) {
    case "policy":
      return "";
    case "iro":
      return " (set by the IRO)";
    case "extended":
      return " (extended)";
  }
}

function dueText(stage: StageRecord, today: LocalDate, calendar: WorkingCalendar): string {
  const due = `${formatDay(stage.due.due)}${basisText(stage)}`;
  const late = stageOverdueOn(stage, today, calendar);
  if (late > 0) return `${due}: overdue by ${workingDays(late)}`;
  return today === stage.due.due ? `${due}: due today` : due;
}

function dueColor(stage: StageRecord, today: LocalDate, calendar: WorkingCalendar): TextColor {
  // Due today and overdue both need acting on; the words say which.
  if (stageOverdueOn(stage, today, calendar) > 0) return "Attention";
  return today === stage.due.due ? "Attention" : "Default";
}
