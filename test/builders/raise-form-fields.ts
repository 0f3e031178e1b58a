// The raise form's inputs as the tests expect them, written out independently of the card that draws them.
import type { RaiseField } from "../../src/adapters/cards";

/** Every input RaiseForm reads, in the form's order; the list must name them all or the build breaks. */
export const RAISE_FORM_FIELDS = (<const L extends readonly RaiseField[]>(
  fields: L & ([RaiseField] extends [L[number]] ? unknown : never),
) => fields)([
  "childName",
  "caseId",
  "dateOfBirth",
  "legalStatus",
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
