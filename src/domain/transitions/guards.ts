// The checks every action on a stored escalation makes before its own: that it is still open, at the stage
// the card was drawn from and at the version the card shows; and who may decide for the IRO.
import { formatMoment } from "../calendar";
import { fail, notPermitted, ok, type Result } from "../errors";
import { type Actor, type ChoiceAnswer, currentStage, type Escalation } from "../escalation";
import { isDecider } from "../permissions";
import type { OnStage, Transition } from "./context";

/** The command repeats one already applied: nothing is recorded again. */
export function unchanged(escalation: Escalation): Result<Transition> {
  return ok({ escalation, changed: false });
}

export function sameChoice(a: ChoiceAnswer, b: ChoiceAnswer | undefined): boolean {
  return b !== undefined && a.id === b.id && (a.text ?? "") === (b.text?.trim() ?? "");
}

/** The actions as a refusal names them: "it can no longer be extended". */
const PAST: Readonly<Record<string, string>> = {
  respond: "answered",
  "correct-response": "corrected",
  resolve: "resolved",
  escalate: "escalated",
  "refer-to-cafcass": "referred to Cafcass",
  "consider-cafcass": "considered for a referral to Cafcass",
  reassign: "handed over",
  extend: "extended",
  "keep-waiting": "kept waiting",
  withdraw: "withdrawn",
  reopen: "re-opened",
  "notification-form": "reported to the partnership",
};

/** Refuses an action on a concluded escalation, on a stage that is no longer current, or from a stale card. */
export function checkOnStage(
  escalation: Escalation,
  command: OnStage,
  action: string,
): Result<Transition> | undefined {
  if (escalation.status !== "open" && escalation.conclusion) {
    const c = escalation.conclusion;
    return fail({
      code: "already-concluded",
      status: c.status,
      by: c.by,
      at: c.at,
      message: `${capitalised(describeStatus(c.status))} by ${c.by.name} on ${formatMoment(c.at)}, this escalation is closed: it can no longer be ${PAST[action] ?? "changed"}.`,
    });
  }
  const stage = currentStage(escalation);
  if (stage.stageId !== command.stageId) {
    const earlier = escalation.stages.find((s) => s.stageId === command.stageId);
    const ending = earlier?.ending;
    return fail({
      code: "stage-not-current",
      stageId: command.stageId,
      currentStageId: stage.stageId,
      message:
        ending?.kind === "progressed"
          ? `${ending.by.name} escalated ${earlier?.name ?? command.stageId} on ${formatMoment(ending.at)}: the concern is now at ${stage.name}.`
          : `The concern is at ${stage.name}, not ${earlier?.name ?? command.stageId}.`,
    });
  }
  return checkVersion(escalation, command);
}

/** Refuses an action from a card drawn from an earlier version of the escalation. */
export function checkVersion(escalation: Escalation, command: OnStage): Result<Transition> | undefined {
  if (command.expectedVersion !== undefined && command.expectedVersion !== escalation.version) {
    return fail({
      code: "stale-version",
      expected: command.expectedVersion,
      current: escalation.version,
      message:
        "This card is out of date: the escalation has changed since it was sent. Here is the current card.",
    });
  }
  return undefined;
}

/** Only the escalation's IRO, or a QA Manager acting for them, resolves, escalates, refers or withdraws. */
export function checkDecider(
  escalation: Escalation,
  actor: Actor,
  action: string,
): Result<Transition> | undefined {
  if (isDecider(escalation, actor)) return undefined;
  return notPermitted(
    action,
    `Only ${escalation.iro.name}, who raised the concern, or a QA Manager can ${action}.`,
  );
}

function describeStatus(status: Exclude<Escalation["status"], "open">): string {
  switch (status) {
    case "resolved":
      return "resolved";
    case "referred-to-cafcass":
      return "referred to Cafcass";
    case "withdrawn":
      return "withdrawn";
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
