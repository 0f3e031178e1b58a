// What a phone or desktop pop-up shows for each message: the kind of message and the escalation's reference,
// never a child's name or any detail of the case.
import type { MessageKind, OutboxItem } from "../../domain/escalation";
import { reference } from "./render";

const PREVIEWS: Record<MessageKind, (ref: string, item: OutboxItem) => string> = {
  "stage-assigned": (ref) => `${ref}: you have been asked to respond to an escalation`,
  "stage-copy": (ref) => `${ref}: you are copied into an escalation`,
  "raised-confirmation": (ref) => `${ref}: your escalation was sent`,
  "raised-copy": (ref) => `${ref}: a copy of a new escalation`,
  "response-received": (ref) => `${ref}: a response to your escalation`,
  "response-copy": (ref) => `${ref}: an escalation was answered`,
  "response-corrected": (ref) => `${ref}: a response was corrected`,
  "stage-progressed": (ref) => `${ref}: an escalation you answered moved up`,
  "escalated-confirmation": (ref) => `${ref}: your escalation moved to the next stage`,
  "cafcass-considered": (ref) => `${ref}: a referral to Cafcass is being considered`,
  "party-feedback": (ref) => `${ref}: an update on an escalation between agencies`,
  "notification-form": (ref) => `${ref}: an Escalation Notification Form`,
  "final-decision": (ref) => `${ref}: the Executive's final decision on an escalation`,
  "reassigned-to-you": (ref) => `${ref}: an escalation was handed to you`,
  "reassigned-notice": (ref) => `${ref}: an escalation was handed to a delegate`,
  "deadline-extended": (ref) => `${ref}: a response deadline was extended`,
  concluded: (ref) => `${ref}: an escalation was concluded`,
  reopened: (ref) => `${ref}: an escalation was re-opened`,
  "concluded-copy": (ref) => `${ref}: a copy of a concluded escalation`,
  "record-for-file": (ref) => `${ref}: the record for the child's file`,
  "overdue-qa-notice": (ref, item) => `${ref}: a response is overdue${overdueBy(item)}`,
  "reminder-before-due": (ref) => `${ref}: a response is due soon`,
  "due-today": (ref) => `${ref}: a response is due today`,
  "overdue-chase": (ref, item) => `${ref}: a response is overdue${overdueBy(item)}`,
  "overdue-chase-copy": (ref, item) => `${ref}: a response in your area is overdue${overdueBy(item)}`,
  "escalation-prompt": (ref, item) =>
    `${ref}: the response is overdue${overdueBy(item)}; escalate, extend or wait`,
  "formal-total-exceeded": (ref) => `${ref}: an escalation has passed the formal process's total`,
  "unreachable-notice": (ref) => `${ref}: someone on your escalation could not be reached`,
};

/** What a step was, told to every party: the card below it shows the rest. */
const FEEDBACK: Partial<Record<string, (stageName: string) => string>> = {
  raised: (stage) => `A concern between agencies was raised: ${stage}`,
  responded: (stage) => `Answered: ${stage}`,
  "response-corrected": (stage) => `Response corrected: ${stage}`,
  escalated: (stage) => `Escalated from ${stage}`,
  "notification-form-completed": () => "The Escalation Notification Form was sent to the partnership",
  reassigned: (stage) => `Handed to a delegate: ${stage}`,
  extended: (stage) => `Deadline changed: ${stage}`,
  "cafcass-considered": () => "A referral to Cafcass is being considered",
};

function feedbackHeadline(item: OutboxItem, stageName: string): string {
  const happened = FEEDBACK[String(item.data?.["happened"] ?? "")];
  return happened
    ? `Feedback to all parties. ${happened(stageName)}`
    : `Feedback to all parties: ${stageName}`;
}

function overdueBy(item: OutboxItem): string {
  const days = item.data?.["workingDaysOverdue"];
  return typeof days === "number" ? ` by ${days} working day${days === 1 ? "" : "s"}` : "";
}

export function previewFor(item: OutboxItem, escalationId: string): string {
  return PREVIEWS[item.kind](reference(escalationId), item);
}

/**
 * The headline at the top of the card a message carries. A copied QA Manager may act for the IRO, so her
 * card says so rather than "For information".
 */
export function headlineFor(
  item: OutboxItem,
  stageName: string,
  reader: { readonly actsForIro: boolean },
): string {
  switch (item.kind) {
    case "stage-assigned":
      return `You are asked to respond: ${stageName}`;
    case "stage-copy":
      return reader.actsForIro
        ? `${stageName}: as QA Manager you may act for the IRO`
        : `For information: ${stageName}`;
    case "raised-confirmation":
      return "Your escalation was sent";
    case "raised-copy":
      return "Copy: a new escalation";
    case "response-received":
      return `Response received: ${stageName}`;
    case "response-copy":
      return `Answered: ${stageName}`;
    case "response-corrected":
      return `Response corrected: ${stageName}`;
    case "stage-progressed":
      return "The concern has moved to the next stage";
    case "escalated-confirmation":
      return `Escalated: ${stageName} was sent`;
    case "cafcass-considered":
      return "A referral to Cafcass is being considered";
    case "party-feedback":
      return feedbackHeadline(item, stageName);
    case "notification-form":
      return "The lead agency's Escalation Notification Form";
    case "final-decision":
      return `The final decision: ${stageName}`;
    case "reassigned-to-you":
      return `Handed to you: ${stageName}`;
    case "reassigned-notice":
      return `Handed to a delegate: ${stageName}`;
    case "deadline-extended":
      return `Deadline extended: ${stageName}`;
    case "concluded":
    case "concluded-copy":
      return "The escalation has concluded";
    case "reopened":
      return "The escalation was re-opened";
    case "record-for-file":
      return "The record for the child's file";
    case "reminder-before-due":
      return `Reminder: ${stageName} response due soon`;
    case "due-today":
      return `${stageName} response due today`;
    case "overdue-chase":
    case "overdue-chase-copy":
    case "overdue-qa-notice":
    case "escalation-prompt":
      return `${stageName} response overdue${overdueBy(item)}`;
    case "formal-total-exceeded":
      return "The formal process has passed its total";
    case "unreachable-notice":
      return `Not reached: ${String(item.data?.["personName"] ?? "someone on this escalation")}`;
  }
}
