// The bot's Adaptive Cards (1.5, Universal Actions): JSON templates next to this file, bound to view models
// with adaptivecards-templating. The Teams handlers send these and read back the verbs below.
export { escalationCard, type EscalationCardInput, handOverFor } from "./escalation-card";
export { myEscalationsCard, type MyEscalationsInput } from "./my-escalations-card";
export { parseDataset } from "./pickers";
export {
  PROBLEM_FIELDS,
  processChoiceCard,
  type RaiseField,
  raiseFormCard,
  type RaiseFormInput,
} from "./raise-form";
export { refusalCard } from "./refusal-card";
export type { AdaptiveCard } from "./render";
export { reference } from "./render";
export { helpCard, welcomeCard } from "./welcome-card";

/** The `verb` of every Action.Execute the cards send. */
export const VERBS = {
  raise: "raise",
  respond: "respond",
  correctResponse: "correct-response",
  resolve: "resolve",
  escalate: "escalate",
  referToCafcass: "refer-to-cafcass",
  considerCafcass: "consider-cafcass",
  reassign: "reassign",
  extend: "extend",
  keepWaiting: "keep-waiting",
  withdraw: "withdraw",
  reopen: "reopen",
  notificationForm: "notification-form",
  refresh: "refresh",
  openRaiseForm: "open-raise-form",
  myEscalations: "my-escalations",
  /** Opens an escalation in a new message, leaving the card pressed (the digest) as it is. */
  open: "open",
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
