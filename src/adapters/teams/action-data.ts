// Card data as Teams sends it, checked before it reaches a use case. Values come from card inputs, so they
// are strings; a card's own data (ids, version) is checked for shape. Anything else is refused.
import type { ActionRequest, ActionVerb } from "../../application/perform-action";
import type { RaiseForm } from "../../application/raise-escalation";
import { z } from "../../domain/schemas";
import { VERBS } from "../cards";

const text = z.string().max(20_000).optional();
const flag = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === true || v === "true"));
const version = z
  .union([
    z.number().int().min(0),
    z
      .string()
      .regex(/^[0-9]{1,9}$/)
      .transform(Number),
  ])
  .optional();
const id = z.string().trim().min(1).max(100);

const onCard = { escalationId: id, stageId: id, version };

/** A response's fields, as the respond form and the correction form both ask for them. */
const response = {
  whatDone: text,
  who: text,
  byWhen: text,
  expectedOutcome: text,
  expectedOutcomeOther: text,
};

const schemas = {
  respond: z.object({ ...onCard, ...response }),
  "correct-response": z.object({ ...onCard, ...response, correctionReason: text }),
  resolve: z.object({
    ...onCard,
    resolvedOn: text,
    outcomeConfirmed: text,
    outcomeOther: text,
    agreed: flag,
  }),
  escalate: z.object({
    ...onCard,
    toStageId: text,
    reasons: text,
    bypassReason: text,
    qaManagerConsulted: flag,
    timescaleDate: text,
    responsibleId: text,
    leadAgency: text,
    agencies: text,
    requestSummary: text,
    requestImpact: text,
    requestWhat: text,
    requestWho: text,
    requestByWhen: text,
    requestOutcome: text,
    requestOutcomeOther: text,
  }),
  "refer-to-cafcass": z.object({
    ...onCard,
    reasons: text,
    nominatedOfficerInformed: flag,
    nominatedOfficerInformedOn: text,
  }),
  "consider-cafcass": z.object({ ...onCard, note: text }),
  reassign: z.object({ ...onCard, toId: text, reason: text }),
  extend: z.object({ ...onCard, newDue: text, reason: text }),
  "keep-waiting": z.object({ ...onCard, until: text }),
  withdraw: z.object({ ...onCard, reason: text }),
  reopen: z.object({ ...onCard, reason: text }),
  "notification-form": z.object({ ...onCard, notificationAnswer: text, notificationResolved: flag }),
} satisfies Record<ActionVerb, z.ZodType>;

export const ACTION_VERBS = Object.keys(schemas) as ActionVerb[];

export function parseActionRequest(verb: ActionVerb, data: unknown): ActionRequest | undefined {
  const parsed = schemas[verb].safeParse(data);
  if (!parsed.success) return undefined;
  return withoutUndefined({ ...parsed.data, verb });
}

const raiseSchema = z.object({
  formId: id,
  policyId: text,
  childName: text,
  caseId: text,
  dateOfBirth: text,
  legalStatus: text,
  teamId: text,
  socialWorkerId: text,
  teamManagerId: text,
  iroManagerId: text,
  categories: text,
  categoryOther: text,
  summary: text,
  impactOnChild: text,
  requestedWhat: text,
  requestedWho: text,
  requestedByWhen: text,
  outcomeSought: text,
  outcomeOther: text,
  startStageId: text,
  bypassReason: text,
  qaManagerConsulted: flag.transform((v) => (v === undefined ? undefined : String(v))),
  timescaleWorkingDays: text,
  timescaleDate: text,
  responsibleId: text,
  leadAgency: text,
  agencies: text,
});

export function parseRaiseForm(data: unknown): RaiseForm | undefined {
  const parsed = raiseSchema.safeParse(data);
  return parsed.success ? withoutUndefined(parsed.data) : undefined;
}

export const escalationIdOf = z.object({ escalationId: id });

/** The process a raise form is opened for, from the choice of processes. */
export const processOf = z.object({ policyId: id.optional() });

/** A process chosen in the message action's dialog, with the message it carries on to the form. */
export const dialogProcessOf = z.object({
  verb: z.literal(VERBS.openRaiseForm),
  policyId: id,
  summary: text,
  note: text,
});

/** Leaves optional fields out rather than set to undefined, as the use cases' types expect. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
