// Why a message did not reach someone, in words a QA Manager or an IRO can act on, from the reason code a
// delivery channel reported (an unknown code is shown as it is rather than hidden), and what the message
// was, in words.
import type { MessageKind } from "../../domain/escalation";
const WORDS: Readonly<Record<string, string>> = {
  "no-conversation-reference": "has not opened the bot in Teams yet",
  "teams-app-blocked": "cannot be reached in Teams: the app is blocked for them by the council's policy",
  "not-in-directory":
    "cannot be reached in Teams: they are not in the council's Microsoft 365 directory (they may have left)",
  "no-teams-licence": "cannot be reached in Teams: they have no Teams licence",
  "teams-install-pending": "cannot be reached in Teams yet: the app is still being installed for them",
  "teams-unavailable": "could not be reached: Teams or Microsoft Graph did not answer",
  "http-403": "could not be reached: Teams refused the message",
  "http-413": "could not be reached: the message was too large for Teams",
  "http-429": "could not be reached yet: Teams asked the bot to slow down",
  "send-error": "could not be reached: the message could not be sent",
  "no-email-address": "cannot be e-mailed: the council's directory has no e-mail address for them",
  "mail-http-400": "could not be e-mailed: Exchange refused the message or its recipients",
  "mail-http-403":
    "could not be e-mailed: the bot may not send as the council's mailbox (see docs/deploy.md)",
  "mail-http-404": "could not be e-mailed: the council's sending mailbox was not found",
  "mail-http-429": "could not be e-mailed yet: Microsoft Graph asked the bot to slow down",
  "mail-too-large": "could not be e-mailed: the message was larger than Microsoft Graph takes",
  "mail-send-error": "could not be e-mailed: Microsoft Graph did not answer",
};

export function deliveryProblemWords(reason: string): string {
  return WORDS[reason] ?? `could not be reached (${reason})`;
}

const MESSAGE_WORDS: Record<MessageKind, string> = {
  "stage-assigned": "the stage to answer",
  "stage-copy": "a copy of the stage",
  "raised-confirmation": "the confirmation that the concern was sent",
  "raised-copy": "a copy of the concern as raised",
  "response-received": "the response, to decide on",
  "response-copy": "word that the stage was answered",
  "response-corrected": "the corrected response",
  "stage-progressed": "word that the concern moved up",
  "escalated-confirmation": "the confirmation that the next stage was sent",
  "cafcass-considered": "word that a referral to Cafcass is being considered",
  "party-feedback": "the feedback every party is given at each step",
  "notification-form": "the Escalation Notification Form",
  "final-decision": "the Executive's final decision",
  "reassigned-to-you": "the stage handed to them",
  "reassigned-notice": "word of who now answers",
  "deadline-extended": "the new due date",
  concluded: "word of how it ended",
  reopened: "word that it was re-opened",
  "concluded-copy": "a copy of the concluded record",
  "record-for-file": "the record for the child's file",
  "reminder-before-due": "the reminder that a response is due soon",
  "due-today": "the reminder that a response is due today",
  "overdue-chase": "the chase for an overdue response",
  "overdue-chase-copy": "a copy of the chase for an overdue response",
  "escalation-prompt": "the prompt to escalate an overdue response",
  "formal-total-exceeded": "word that the formal process passed its total",
  "overdue-qa-notice": "word that a response is overdue",
  "unreachable-notice": "word of someone not reached",
};

/** What a message was, in words: "the stage to answer". */
export function messageWords(kind: MessageKind): string {
  return MESSAGE_WORDS[kind];
}
