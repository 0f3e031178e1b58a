// The ways an action on an escalation can be refused. Each is a value with a code a card or a test can
// match on and a sentence a person can read; none is thrown.
import type { Instant } from "./calendar";
import type { EscalationStatus, PersonRef } from "./escalation";

export interface FieldProblem {
  /** The field as the forms name it, e.g. "child.caseId" or "response.byWhen". */
  readonly field: string;
  readonly message: string;
}

export type EscalationError =
  | { readonly code: "invalid-input"; readonly message: string; readonly problems: readonly FieldProblem[] }
  | { readonly code: "not-permitted"; readonly message: string; readonly action: string }
  | {
      readonly code: "already-answered";
      readonly message: string;
      readonly by: PersonRef;
      readonly at: Instant;
    }
  | {
      readonly code: "already-concluded";
      readonly message: string;
      readonly status: Exclude<EscalationStatus, "open">;
      readonly by: PersonRef;
      readonly at: Instant;
    }
  | {
      readonly code: "stage-not-current";
      readonly message: string;
      readonly stageId: string;
      readonly currentStageId: string;
    }
  | {
      readonly code: "stale-version";
      readonly message: string;
      readonly expected: number;
      readonly current: number;
    }
  | { readonly code: "illegal-move"; readonly message: string }
  | { readonly code: "no-role-holder"; readonly message: string; readonly role: string };

export type ErrorCode = EscalationError["code"];

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EscalationError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(error: EscalationError): Result<T> {
  return { ok: false, error };
}

export function invalid<T>(problems: readonly FieldProblem[]): Result<T> {
  const message =
    problems.length === 1
      ? (problems[0]?.message ?? "The form has a problem.")
      : `The form has ${problems.length} problems: ${problems.map((p) => p.message).join(" ")}`;
  return fail({ code: "invalid-input", message, problems });
}

export function notPermitted<T>(action: string, message: string): Result<T> {
  return fail({ code: "not-permitted", action, message });
}

export function illegal<T>(message: string): Result<T> {
  return fail({ code: "illegal-move", message });
}
