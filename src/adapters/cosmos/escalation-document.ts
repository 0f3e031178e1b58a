// Maps an escalation to the Cosmos DB document that holds it and back. The document is the record itself
// plus the few top-level fields the product queries on (see containers.ts); reading checks the shape, so a
// damaged or foreign document is reported rather than acted on.
import {
  assignee,
  currentStage,
  type Escalation,
  MESSAGE_KINDS,
  type MessageKind,
} from "../../domain/escalation";
import type { EscalationSummary } from "../../domain/ports";
import { z } from "../../domain/schemas";

export const DOCUMENT_SCHEMA_VERSION = 1;

export interface EscalationDocument extends Escalation {
  readonly type: "escalation";
  readonly schemaVersion: number;
  readonly iroId: string;
  readonly teamId: string;
  /** The person whose answer the open stage waits on; empty once answered or concluded. */
  readonly waitingOn: readonly string[];
  readonly pendingMessages: number;
  readonly concludedAt: string | null;
  readonly summary: EscalationSummary;
}

export function toDocument(escalation: Escalation): EscalationDocument {
  const stage = currentStage(escalation);
  const open = escalation.status === "open";
  return {
    ...escalation,
    type: "escalation",
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    iroId: escalation.iro.id,
    teamId: escalation.team.id,
    waitingOn: open && !stage.response ? [assignee(stage).id] : [],
    pendingMessages: escalation.outbox.filter((m) => m.status === "pending").length,
    concludedAt: escalation.conclusion?.at ?? null,
    summary: summarise(escalation),
  };
}

export function summarise(escalation: Escalation): EscalationSummary {
  const stage = currentStage(escalation);
  return {
    id: escalation.id,
    policyId: escalation.policyId,
    status: escalation.status,
    caseId: escalation.child.caseId,
    teamId: escalation.team.id,
    iroId: escalation.iro.id,
    stageId: stage.stageId,
    stageName: stage.name,
    assigneeId: assignee(stage).id,
    due: stage.due.due,
    answered: stage.response !== undefined,
    raisedAt: escalation.raisedAt,
    concludedAt: escalation.conclusion?.at ?? null,
    nextActionAt: escalation.nextActionAt,
  };
}

export class DocumentError extends Error {
  constructor(
    readonly id: string,
    detail: string,
  ) {
    super(`escalation document ${id} cannot be read: ${detail}`);
    this.name = "DocumentError";
  }
}

const person = z.strictObject({ id: z.string(), name: z.string() });
const choice = z.strictObject({ id: z.string(), text: z.string().optional() });
const json = z.record(z.string(), z.unknown());

const due = z.strictObject({
  receivedAt: z.string(),
  countedFrom: z.string(),
  deferred: z.enum(["non-working-day", "after-cut-off"]).optional(),
  due: z.string(),
  dueBy: z.string(),
  workingDays: z.number(),
  rule: z.string(),
  basis: z.enum(["policy", "iro", "extended"]),
});

const ending = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("resolved"),
    resolvedOn: z.string(),
    outcomeConfirmed: choice,
    agreedWith: z.strictObject({ person, words: z.string() }).optional(),
    by: person,
    at: z.string(),
  }),
  z.strictObject({
    kind: z.literal("progressed"),
    toStageId: z.string(),
    reasons: z.string(),
    by: person,
    at: z.string(),
  }),
  z.strictObject({ kind: z.literal("referred-to-cafcass"), reasons: z.string(), by: person, at: z.string() }),
  z.strictObject({ kind: z.literal("withdrawn"), reason: z.string(), by: person, at: z.string() }),
]);

const agency = z.strictObject({ id: z.string(), name: z.string() });

const stageResponse = z.strictObject({
  whatDone: z.string(),
  who: z.string(),
  byWhen: z.string(),
  expectedOutcome: choice,
  respondedBy: person,
  respondedAt: z.string(),
  forAgency: agency.optional(),
});

const conclusion = z.strictObject({
  status: z.enum(["resolved", "referred-to-cafcass", "withdrawn"]),
  at: z.string(),
  by: person,
});

const stage = z.strictObject({
  stageId: z.string(),
  name: z.string(),
  sentAt: z.string(),
  due,
  responsible: person,
  delegation: z.strictObject({ to: person, reason: z.string(), by: person, at: z.string() }).optional(),
  copied: z.array(person),
  parties: z.array(z.strictObject({ agency, people: z.array(person) })).optional(),
  nextManagerUp: person.optional(),
  request: z
    .strictObject({
      summary: z.string(),
      impactOnChild: z.string(),
      requestedAction: z.strictObject({ what: z.string(), who: z.string(), byWhen: z.string() }),
      outcomeSought: choice,
    })
    .optional(),
  response: stageResponse.optional(),
  corrections: z
    .array(z.strictObject({ original: stageResponse, reason: z.string(), by: person, at: z.string() }))
    .optional(),
  extensions: z.array(
    z.strictObject({ from: z.string(), to: z.string(), reason: z.string(), by: person, at: z.string() }),
  ),
  keepWaitingUntil: z.string().optional(),
  ending: ending.optional(),
});

const status = z.enum(["open", "resolved", "referred-to-cafcass", "withdrawn"]);

const escalationSchema = z.strictObject({
  id: z.string(),
  policyId: z.string(),
  version: z.number().int(),
  status,
  raisedAt: z.string(),
  child: z.strictObject({
    name: z.string(),
    caseId: z.string(),
    dateOfBirth: z.string(),
    legalStatus: z.enum(["CIC", "CP", "CIN"]),
  }),
  socialWorker: person,
  team: z.strictObject({ id: z.string(), name: z.string() }),
  teamManager: person,
  iro: person,
  raisedAs: z.enum(["iro", "cp-chair"]).optional(),
  iroManager: person,
  qaManagers: z.array(person),
  concern: z.strictObject({
    categories: z.array(choice),
    summary: z.string(),
    impactOnChild: z.string(),
    requestedAction: z.strictObject({ what: z.string(), who: z.string(), byWhen: z.string() }),
    outcomeSought: choice,
  }),
  agencies: z.strictObject({ lead: agency, involved: z.array(agency) }).optional(),
  notificationForm: z
    .array(
      z.strictObject({
        stageId: z.string(),
        form: z.string(),
        question: z.string(),
        answer: z.string(),
        resolved: z.boolean(),
        forAgency: agency,
        by: person,
        at: z.string(),
      }),
    )
    .optional(),
  iroTimescale: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("working-days"), workingDays: z.number() }),
      z.strictObject({ kind: z.literal("date"), due: z.string() }),
    ])
    .optional(),
  bypasses: z.array(
    z.strictObject({
      fromStageId: z.string().nullable(),
      toStageId: z.string(),
      reason: z.string(),
      qaManagerConsulted: z.boolean(),
    }),
  ),
  stages: z.array(stage).min(1),
  cafcassConsidered: z
    .strictObject({ note: z.string(), informed: z.array(person), by: person, at: z.string() })
    .optional(),
  cafcass: z
    .strictObject({ nominatedOfficerInformedOn: z.string(), reasons: z.string(), by: person, at: z.string() })
    .optional(),
  conclusion: conclusion.optional(),
  reopenings: z
    .array(z.strictObject({ conclusion, ending, reason: z.string(), by: person, at: z.string() }))
    .optional(),
  events: z.array(
    z.strictObject({
      seq: z.number().int(),
      at: z.string(),
      actor: person,
      kind: z.enum([
        "raised",
        "responded",
        "response-corrected",
        "resolved",
        "escalated",
        "referred-to-cafcass",
        "cafcass-considered",
        "reassigned",
        "extended",
        "kept-waiting",
        "withdrawn",
        "reopened",
        "notification-form-completed",
        "refused",
      ]),
      stageId: z.string().nullable(),
      data: json,
    }),
  ),
  refusals: z
    .strictObject({
      folded: z.array(
        z.strictObject({
          person,
          action: z.string(),
          code: z.string(),
          stageId: z.string().nullable(),
          count: z.number().int(),
          firstAt: z.string(),
          lastAt: z.string(),
        }),
      ),
      beyond: z.strictObject({ count: z.number().int(), firstAt: z.string(), lastAt: z.string() }).optional(),
      recentAttempts: z.array(z.string()),
    })
    .optional(),
  outbox: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.enum(Object.keys(MESSAGE_KINDS) as [MessageKind, ...MessageKind[]]),
      to: person,
      stageId: z.string().nullable(),
      createdAt: z.string(),
      status: z.enum(["pending", "sent", "superseded"]),
      attempts: z.number().int(),
      claimedUntil: z.string().optional(),
      claimedBy: z.string().optional(),
      sentAt: z.string().optional(),
      lastError: z.string().optional(),
      channel: z.literal("email").optional(),
      data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  nextActionAt: z.string().nullable(),
});

const DERIVED = [
  "type",
  "schemaVersion",
  "iroId",
  "teamId",
  "waitingOn",
  "pendingMessages",
  "concludedAt",
  "summary",
];

export function fromDocument(document: Record<string, unknown>): Escalation {
  const id = typeof document["id"] === "string" ? document["id"] : "(no id)";
  if (document["type"] !== "escalation") throw new DocumentError(id, "not an escalation document");
  if (document["schemaVersion"] !== DOCUMENT_SCHEMA_VERSION) {
    throw new DocumentError(
      id,
      `schema version ${String(document["schemaVersion"])} is not ${DOCUMENT_SCHEMA_VERSION}`,
    );
  }
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    // Cosmos DB's own fields (_rid, _etag, _ts...) and the query fields are not part of the record.
    if (key.startsWith("_") || DERIVED.includes(key)) continue;
    record[key] = value;
  }
  const parsed = escalationSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DocumentError(id, `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const escalation: Escalation = parsed.data;
  return escalation;
}
