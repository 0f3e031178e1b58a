// The escalation's state machine, one command per file. Each is a pure function of the record, the command
// and the context: it returns the new record, with the event it appends and the messages it owes, or the
// reason it is refused.
export { considerCafcass, type ConsiderCafcassCommand } from "./consider-cafcass";
export type { OnStage, RoleHolders, Transition, TransitionContext } from "./context";
export { correctResponse, type CorrectResponseCommand } from "./correct-response";
export { escalate, type EscalateCommand } from "./escalate";
export { extend, type ExtendCommand } from "./extend";
export { keepWaiting, type KeepWaitingCommand } from "./keep-waiting";
export { completeNotificationForm, type NotificationFormCommand } from "./notification-form";
export { raise, type RaiseCommand } from "./raise";
export { reassign, type ReassignCommand } from "./reassign";
export { referToCafcass, type ReferToCafcassCommand } from "./refer-to-cafcass";
export { MAX_NAMED_REFUSALS, RECENT_ATTEMPT_IDS, recordRefusal, refusedAttemptCount } from "./refusal";
export { reopen, type ReopenCommand } from "./reopen";
export { resolutionAgreement, resolve, type ResolveCommand } from "./resolve";
export { respond, type RespondCommand } from "./respond";
export { withdraw, type WithdrawCommand } from "./withdraw";
