// Shared by the state machine's tests: the Dorset escalation at its usual moments, and ways to read what a
// transition refused or owed.
import type { Result } from "../../../../src/domain/errors";
import type { Actor, Escalation } from "../../../../src/domain/escalation";
import {
  escalate,
  type EscalateCommand,
  respond,
  type RespondCommand,
  type Transition,
} from "../../../../src/domain/transitions";
import { actors, at, context, ok, raised, refused } from "../../../builders/escalations";

/** The messages an action added to the outbox, as "kind → name", in a stable order. */
export function newMessages(before: Escalation | undefined, after: Escalation): string[] {
  return after.outbox
    .slice(before?.outbox.length ?? 0)
    .map((item) => `${item.kind} → ${item.to.name}`)
    .sort();
}

export function fields(result: Result<Transition>): string[] {
  const error = refused(result, "invalid-input");
  if (error.code !== "invalid-input") throw new Error("unreachable");
  return error.problems.map((problem) => problem.field);
}

export function problemFor(result: Result<Transition>, field: string): string {
  const error = refused(result, "invalid-input");
  if (error.code !== "invalid-input") throw new Error("unreachable");
  const problem = error.problems.find((p) => p.field === field);
  if (!problem) throw new Error(`no problem for ${field}: ${error.message}`);
  return problem.message;
}

export function respondCommand(
  escalation: Escalation,
  by: Actor = actors.teamManager,
  overrides: Partial<RespondCommand> = {},
): RespondCommand {
  return {
    actor: by,
    stageId: escalation.stages.at(-1)?.stageId ?? "",
    expectedVersion: escalation.version,
    whatDone: "The care plan will be signed off at the team meeting and shared with Jamie.",
    who: "Tariq Mann",
    byWhen: "2026-11-20",
    expectedOutcome: { id: "childs-plan-on-track" },
    ...overrides,
  };
}

export function escalateCommand(
  escalation: Escalation,
  overrides: Partial<EscalateCommand> = {},
): EscalateCommand {
  return {
    actor: actors.iro,
    stageId: escalation.stages.at(-1)?.stageId ?? "",
    reasons: "The response does not say when the plan will be signed off.",
    ...overrides,
  };
}

export const dorset = context();
export const dorsetLevel1 = (): Escalation => raised(dorset);
/** Monday 9 November 2026, 11:00: the Team Manager answers. */
export const monday = at(dorset, "2026-11-09", "11:00");
/** Thursday 12 November 2026, 10:00: the day after the Level 1 response was due. */
export const thursday = at(dorset, "2026-11-12");

export function answered(escalation = dorsetLevel1()): Escalation {
  return ok(respond(escalation, respondCommand(escalation), monday)).escalation;
}

export function atLevel2(): Escalation {
  const level1 = answered();
  return ok(escalate(level1, escalateCommand(level1), thursday)).escalation;
}
