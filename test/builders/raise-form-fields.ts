// The raise form's inputs as the tests expect them, written out independently of the card that draws them.
import type { RaiseField } from "../../src/adapters/cards";

/**
 * Every input RaiseForm reads, in the form's order; the list must name them all or the build breaks. The
 * agencies are asked only where the process is between agencies.
 */
export const RAISE_FORM_FIELDS = (<const L extends readonly RaiseField[]>(
  fields: L & ([RaiseField] extends [L[number]] ? unknown : never),
) => fields)([
  "childName",
  "caseId",
  "dateOfBirth",
  "legalStatus",
  "leadAgency",
  "agencies",
  "teamId",
  "socialWorkerId",
  "teamManagerId",
  "iroManagerId",
  "categories",
  "categoryOther",
  "summary",
  "impactOnChild",
  "requestedWhat",
  "requestedWho",
  "requestedByWhen",
  "outcomeSought",
  "outcomeOther",
  "startStageId",
  "bypassReason",
  "qaManagerConsulted",
  "timescaleWorkingDays",
  "timescaleDate",
  "responsibleId",
]);

/** The inputs asked only where the process is between agencies. */
export const AGENCY_FIELDS: readonly string[] = ["leadAgency", "agencies"];

/** The inputs of a form for a process within the council. */
export const COUNCIL_RAISE_FORM_FIELDS = RAISE_FORM_FIELDS.filter((f) => !AGENCY_FIELDS.includes(f));
