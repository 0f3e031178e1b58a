// A council's escalation policy as data: its ladder of stages (who answers, who is copied, how long they
// have), its categories of concern and outcomes, whether Cafcass applies, and its reminder settings.
// Policies are files; this module validates one and reports every problem with where it is.
import { MESSAGE_KINDS, type MessageKind } from "./escalation";
import { isRole, type Role, roleLabel } from "./roles";
import { z } from "./schemas";

export const LEGAL_STATUSES = ["CIC", "CP", "CIN"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export const LEGAL_STATUS_NAMES: Record<LegalStatus, string> = {
  CIC: "Child in care",
  CP: "Child protection",
  CIN: "Child in need",
};

/** The IRO Handbook (6.2): the formal process should total no more than 20 working days. */
export const STATUTORY_FORMAL_TOTAL_WORKING_DAYS = 20;

const role = z.string().refine(isRole, { error: (issue) => `unknown role "${String(issue.input)}"` });
const roleList = z.array(role);
const nonEmptyText = z.string().trim().min(1, { error: "must not be empty" });

const timescale = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("working-days"),
    workingDays: z
      .number({ error: "must be a number of working days" })
      .int({ error: "must be a whole number of working days" })
      .min(0, { error: "must not be negative" }),
    /** Professional Challenge counts each stage also from the start of the challenge (10, 15, 20). */
    fromStartOfChallenge: z.number().int().min(0, { error: "must not be negative" }).optional(),
    /**
     * What the due date is counted from: the stage's own receipt (the default), or the start of the
     * challenge (the first formal stage's day 0), `fromStartOfChallenge` working days on.
     */
    countedFrom: z.enum(["receipt", "start-of-challenge"]).optional(),
  }),
  z.strictObject({ kind: z.literal("child-need") }),
]);
export type Timescale = z.infer<typeof timescale>;

const informalStage = z.strictObject({
  id: z.literal("informal"),
  name: nonEmptyText,
  responsibleRole: role,
  copiedRoles: roleList,
  timescale,
  /**
   * Who completes the informal step: the manager answers it (Dorset's form), or the raiser records the plan
   * she agreed with them, with whom and by when (seed 004: the IRO "completes the informal step").
   */
  recordedBy: z.enum(["manager", "raiser"]).default("manager"),
});
const formalStage = z.strictObject({
  id: z.string().regex(/^stage-[1-9][0-9]*$/, { error: 'must be "informal", "stage-N" or "cafcass"' }),
  name: nonEmptyText,
  responsibleRole: role,
  copiedRoles: roleList,
  timescale,
  /**
   * How the resolution at this stage is recorded, in the form's words after "recorded by IRO" (seed 001:
   * "in agreement with Service Manager"): the IRO confirms it with the person who answered the stage.
   */
  resolutionRecorded: nonEmptyText.optional(),
  /**
   * Roles that may answer instead of the responsible role, each for their own agency (seed 003's stage 3:
   * "Service Managers or Named Safeguarding Leads").
   */
  alternativeRoles: roleList.optional(),
  /**
   * A form the lead agency's manager completes at this stage and sends to the roles named (seed 003's
   * Escalation Notification Form: the identified policy/practice issues at stage 3, updated at 4 and 5).
   */
  notificationForm: z
    .strictObject({
      name: nonEmptyText,
      /** What the form asks at this stage, in the document's words. */
      question: nonEmptyText,
      sendTo: z.array(role).min(1),
    })
    .optional(),
  /** The answer at this stage is the final decision, and these roles are told of it (seed 003's stage 5). */
  finalDecision: z.strictObject({ notify: roleList }).optional(),
});
const cafcassStage = z.strictObject({
  id: z.literal("cafcass"),
  name: nonEmptyText,
  copiedRoles: roleList,
  legalStatuses: z.array(z.enum(LEGAL_STATUSES)).min(1),
  requiresNominatedOfficerInformed: z.boolean(),
  /** Who the raiser informs when she is considering a referral, before making it (Dorset: the QA Manager). */
  informWhenConsidered: roleList.optional(),
});

const stage = z.union([informalStage, cafcassStage, formalStage]);

const choice = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "must be lower-case words joined by hyphens" }),
  label: nonEmptyText,
  /** "Other - please specify": the person choosing it must say what. */
  requiresText: z.boolean().optional(),
});

const choiceList = z.strictObject({
  source: nonEmptyText,
  /** Where a council's documents have no list of their own, the policy says whose it borrows and why. */
  borrowedFrom: z.strictObject({ policy: nonEmptyText, why: nonEmptyText }).optional(),
  items: z.array(choice).min(1, { error: "must list at least one choice" }),
});

/** What a subject template may name; `{child}` and `{caseId}` name the child. */
export const SUBJECT_FIELDS = ["reference", "stage", "child", "caseId", "due"] as const;
export type SubjectField = (typeof SUBJECT_FIELDS)[number];

/**
 * The messages that go by e-mail as well as Teams, where the council sends e-mail: the stage to the person
 * answering, the chases of a late answer, the prompt to the IRO to escalate, and the conclusion.
 */
export const EMAILED_BY_DEFAULT: readonly MessageKind[] = [
  "stage-assigned",
  "reassigned-to-you",
  "overdue-chase",
  "escalation-prompt",
  "concluded",
];

const messageKind = z
  .string()
  .refine((kind) => kind in MESSAGE_KINDS, {
    error: (issue) => `unknown message kind "${String(issue.input)}"`,
  })
  .transform((kind) => kind as MessageKind);

const subjectTemplate = nonEmptyText.superRefine((template, ctx) => {
  for (const [, field] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(SUBJECT_FIELDS as readonly string[]).includes(field ?? ""))
      ctx.addIssue({
        code: "custom",
        message: `unknown field {${field}}; a subject may name ${SUBJECT_FIELDS.map((f) => `{${f}}`).join(", ")}`,
      });
  }
});

const emailSettings = z.strictObject({
  /**
   * The subject of an e-mail asking its recipient to answer a stage (the stage itself, and its chases).
   * Every other e-mail's subject names the escalation's reference and what happened, never the child.
   */
  subject: subjectTemplate.default("{reference}: {stage}"),
  /** The council document that prescribes the subject, quoted where it asks for the child to be named. */
  subjectSource: nonEmptyText.optional(),
  kinds: z.array(messageKind).default([...EMAILED_BY_DEFAULT]),
});

const policySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "must be lower-case words joined by hyphens" }),
    name: nonEmptyText,
    source: nonEmptyText,
    raiserTitle: nonEmptyText,
    /** Who may raise: people holding one of these roles. Absent: anyone in the directory. */
    raiserRoles: roleList.optional(),
    legalStatuses: z.array(z.enum(LEGAL_STATUSES)).min(1),
    stages: z.array(stage).min(1, { error: "must have at least one stage" }),
    categories: choiceList,
    outcomes: choiceList,
    bypass: z.strictObject({
      requiresReason: z.boolean(),
      requiresQaManagerConsultation: z.boolean(),
      /** Who that consultation is with (the QA Manager unless given; Dorset's also the Head of QA). */
      consultedRoles: z.array(role).min(1).default(["qa-manager"]),
    }),
    recordFileName: z.partialRecord(z.enum(LEGAL_STATUSES), nonEmptyText),
    copies: z.strictObject({ onRaised: roleList, onConcluded: roleList }),
    /**
     * How many working days after it concluded the IRO or a QA Manager may re-open a resolved or withdrawn
     * escalation, with the reason. The councils' documents set no window; 10 working days unless set.
     */
    reopenWithinWorkingDays: z.number().int().min(0).max(260).default(10),
    /**
     * Escalating asks again for the summary of what remains, the impact on the child, the requested action
     * and the expected outcome (seed 001's forms for stages 2, 3 and 4).
     */
    requestAtEachStage: z.boolean().default(false),
    /**
     * The people answering each stage are found in every agency taking part (the directory's agencies),
     * not in the child's team: the raiser names the lead agency and the others (seed 003).
     */
    partiesFromAgencies: z.boolean().default(false),
    /** Everyone on the escalation hears of every step, not only its end (seed 003: "Feedback should be given to all parties"). */
    feedbackToAllParties: z.boolean().default(false),
    /** How far ahead a requested action's or a response's "by when" may be, in days (a year unless set). */
    actionDateHorizonDays: z.number().int().min(1).max(3650).default(365),
    /** What goes by e-mail, where the council sends it (`MAIL_SENDER`), and with what subject. */
    email: emailSettings.default({ subject: "{reference}: {stage}", kinds: [...EMAILED_BY_DEFAULT] }),
    reminders: z.strictObject({
      beforeDueWorkingDays: z.number().int().min(0, { error: "must not be negative" }),
      copyNextManagerFromOverdueWorkingDay: z.number().int().min(1, { error: "must be 1 or more" }),
      /** The total the formal process should keep to; absent where the council's document sets none. */
      formalTotalWorkingDays: z.number().int().min(1, { error: "must be 1 or more" }).optional(),
      /** The QA Managers are told on the first working morning a response is overdue (Dorset's QA Manager chases). */
      tellQaManagersWhenOverdue: z.boolean().default(false),
    }),
  })
  .superRefine((policy, ctx) => {
    policy.stages.forEach((s, index) => {
      if (
        "timescale" in s &&
        s.timescale.kind === "working-days" &&
        s.timescale.countedFrom === "start-of-challenge" &&
        s.timescale.fromStartOfChallenge === undefined
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["stages", index, "timescale", "fromStartOfChallenge"],
          message: "is needed when the stage is counted from the start of the challenge",
        });
      }
    });
    const seen = new Map<string, number>();
    policy.stages.forEach((s, index) => {
      const first = seen.get(s.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["stages", index, "id"],
          message: `duplicate stage id "${s.id}" (also stages[${first}])`,
        });
      } else {
        seen.set(s.id, index);
      }
    });
    const ids = policy.stages.map((s) => s.id);
    const informalAt = ids.indexOf("informal");
    if (informalAt > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["stages", informalAt, "id"],
        message: "the informal stage must come first",
      });
    }
    const cafcassAt = ids.indexOf("cafcass");
    if (cafcassAt >= 0 && cafcassAt !== ids.length - 1) {
      ctx.addIssue({
        code: "custom",
        path: ["stages", cafcassAt, "id"],
        message: "the Cafcass stage must come last",
      });
    }
    // Every stage between informal and Cafcass holds a place in the numbering, even one whose id is a
    // duplicate or malformed (reported above or by its own check): one wrong id is then one problem,
    // not one for every stage after it.
    let expected = 1;
    policy.stages.forEach((s, index) => {
      if (s.id === "informal" || s.id === "cafcass") return;
      const match = /^stage-([0-9]+)$/.exec(s.id);
      if (match && seen.get(s.id) === index && Number(match[1]) !== expected) {
        ctx.addIssue({
          code: "custom",
          path: ["stages", index, "id"],
          message: `formal stages must be numbered in order from stage-1; expected "stage-${expected}"`,
        });
      }
      expected += 1;
    });
    if (expected === 1) {
      ctx.addIssue({
        code: "custom",
        path: ["stages"],
        message: "must have at least one formal stage (stage-1)",
      });
    }
    for (const list of ["categories", "outcomes"] as const) {
      const labels = new Set<string>();
      policy[list].items.forEach((item, index) => {
        if (labels.has(item.id)) {
          ctx.addIssue({
            code: "custom",
            path: [list, "items", index, "id"],
            message: `duplicate id "${item.id}"`,
          });
        }
        labels.add(item.id);
      });
    }
    for (const status of policy.legalStatuses) {
      if (policy.recordFileName[status] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["recordFileName", status],
          message: `no record file name for legal status ${status}`,
        });
      }
    }
  });

type ParsedPolicy = z.infer<typeof policySchema>;
export type Policy = ParsedPolicy;
export type PolicyStage = ParsedPolicy["stages"][number];
export type InformalStage = z.infer<typeof informalStage>;
export type FormalStage = z.infer<typeof formalStage>;
export type CafcassStage = z.infer<typeof cafcassStage>;
/** A stage someone is asked to answer: the informal stage or a formal one. */
export type AnsweredStage = InformalStage | FormalStage;
export type Choice = z.infer<typeof choice>;

export interface PolicyProblem {
  /** Where in the file, e.g. `stages[2].timescale.workingDays`. */
  readonly path: string;
  readonly message: string;
}

export type PolicyCheck =
  | { readonly ok: true; readonly policy: Policy; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

export function checkPolicy(input: unknown): PolicyCheck {
  const parsed = policySchema.safeParse(input, { error: describeIssue, reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, [])) };
  }
  const policy = parsed.data;
  const warnings: string[] = [];
  const total = formalTotalWorkingDays(policy);
  if (total > STATUTORY_FORMAL_TOTAL_WORKING_DAYS) {
    warnings.push(
      `the formal stages total ${total} working days, more than the ${STATUTORY_FORMAL_TOTAL_WORKING_DAYS} working days of the IRO Handbook (6.2)`,
    );
  }
  if (subjectNamesChild(policy)) {
    warnings.push(
      `the e-mail subject "${policy.email.subject}" names the child, and a mail client's pop-up shows the subject to anyone near the screen; ${
        policy.email.subjectSource
          ? `${policy.email.subjectSource} asks for it`
          : "no council document is given as asking for it (email.subjectSource)"
      }`,
    );
  }
  return { ok: true, policy, warnings };
}

/** True when the policy's e-mail subject names the child (their name or case number). */
export function subjectNamesChild(policy: Policy): boolean {
  return /\{(child|caseId)\}/.test(policy.email.subject);
}

/** Who a bypass is agreed with, in words: "the QA Manager and the Head of Quality Assurance and Partnerships". */
export function bypassConsultees(policy: Pick<Policy, "bypass">): string {
  return theRoles(policy.bypass.consultedRoles);
}

/** The form's words for the summary asked again at the next stage: seed 001's "remaining from Stage 1". */
export function remainingSummaryLabel(stageName: string): string {
  return `Brief Summary of concern(s) remaining from ${stageName}`;
}

/** Who the raiser informs when she is considering a referral to Cafcass, in words; "" when no one. */
export function cafcassInformees(policy: Policy): string {
  return theRoles(cafcassStageOf(policy)?.informWhenConsidered ?? []);
}

/** Roles in a sentence: "the QA Manager and the Head of Quality Assurance and Partnerships". */
function theRoles(roles: readonly Role[]): string {
  const names = roles.map((r) => `the ${roleLabel(r)}`);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/** Fills a subject template; every field is given, so nothing in braces is left. */
export function fillSubject(template: string, fields: Readonly<Record<SubjectField, string>>): string {
  return template.replace(/\{([^}]*)\}/g, (whole, field: string) =>
    (SUBJECT_FIELDS as readonly string[]).includes(field) ? fields[field as SubjectField] : whole,
  );
}

export class PolicyError extends Error {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(`invalid policy: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    this.name = "PolicyError";
  }
}

export function parsePolicy(input: unknown): Policy {
  const check = checkPolicy(input);
  if (!check.ok) throw new PolicyError(check.problems);
  return check.policy;
}

/** One issue as the problems an administrator reads, each at its place in the file. */
function toProblems(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): PolicyProblem[] {
  const at = [...base, ...issue.path];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: pathOf([...at, key]), message: `unknown key "${key}"` }));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) return describeUnionIssue(issue, at);
  return [{ path: pathOf(at), message: issue.message }];
}

function pathOf(keys: readonly PropertyKey[]): string {
  let path = "";
  for (const key of keys) {
    path += typeof key === "number" ? `[${key}]` : path === "" ? String(key) : `.${String(key)}`;
  }
  return path || "(file)";
}

function describeUnionIssue(
  issue: z.core.$ZodIssueInvalidUnion,
  at: readonly PropertyKey[],
): PolicyProblem[] {
  // A stage that matches none of informal / stage-N / cafcass. Its id says which kind it means to be: that
  // branch is the one with nothing to say about the id, and its problems are the stage's.
  const aboutId = (e: z.core.$ZodIssue) => e.path[0] === "id";
  const named = issue.errors.find((errors) => errors.length > 0 && !errors.some(aboutId));
  if (named) return named.flatMap((e) => toProblems(e, at));
  // The id itself is wrong: say so, then report the closest branch's other problems.
  const input: unknown = issue.input;
  const id = typeof input === "object" && input !== null ? (input as Record<string, unknown>).id : undefined;
  const expected = 'must be "informal", "stage-N" or "cafcass"';
  const idProblem: PolicyProblem = {
    path: pathOf([...at, "id"]),
    message: id === undefined ? `missing: ${expected}` : `${expected}, not ${describeValue(id)}`,
  };
  const rest = issue.errors
    .map((errors) => errors.filter((e) => !aboutId(e)))
    .sort((a, b) => a.length - b.length)[0];
  return [idProblem, ...(rest ?? []).flatMap((e) => toProblems(e, at))];
}

// zod's own messages ("Invalid input: expected string, received undefined") are for programmers; an
// administrator editing a policy file reads these. Messages the schema sets itself take precedence.
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined
        ? `missing: must be ${expected}`
        : `must be ${expected}, not ${describeValue(issue.input)}`;
    }
    case "invalid_value":
      return issue.input === undefined
        ? `missing: must be ${oneOf(issue.values)}`
        : `must be ${oneOf(issue.values)}, not ${describeValue(issue.input)}`;
    case "invalid_union": {
      if (issue.discriminator === undefined || !Array.isArray(issue.options)) return undefined;
      const input: unknown = issue.input;
      const value =
        typeof input === "object" && input !== null
          ? (input as Record<string, unknown>)[issue.discriminator]
          : undefined;
      const expected = `must be ${oneOf(issue.options)}`;
      return value === undefined ? `missing: ${expected}` : `${expected}, not ${describeValue(value)}`;
    }
    case "too_small":
      if (issue.origin !== "array") return undefined;
      return issue.minimum === 1 ? "must not be empty" : `must list at least ${String(issue.minimum)}`;
    default:
      return undefined;
  }
};

const EXPECTED_NAMES: Partial<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

function oneOf(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length <= 1
    ? (quoted[0] ?? "nothing")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1) ?? ""}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined ? "nothing" : "an object";
}

/**
 * The raiser's title with its article, as a sentence needs it: "an IRO or CP Chair", "a QARO". Titles
 * here are initialisms read letter by letter or words, so a leading vowel letter takes "an".
 */
/** Who may raise under the policy: anyone, or the holders of one of its raiser roles. */
export function mayRaiseUnder(policy: Pick<Policy, "raiserRoles">, roles: readonly string[]): boolean {
  return policy.raiserRoles === undefined || policy.raiserRoles.some((role) => roles.includes(role));
}

export function aRaiser(policy: Pick<Policy, "raiserTitle">): string {
  return `${/^[aeiou]/i.test(policy.raiserTitle) ? "an" : "a"} ${policy.raiserTitle}`;
}

/**
 * What the person who raised an escalation is called on its card and record: "CP Chair" or "IRO" where
 * the policy lets both raise, otherwise the policy's own title ("QARO" in Dorset).
 */
export function raiserTitleOf(
  escalation: { readonly raisedAs?: "iro" | "cp-chair" },
  policy: Pick<Policy, "raiserTitle">,
): string {
  if (escalation.raisedAs === "cp-chair") return "CP Chair";
  if (escalation.raisedAs === "iro") return "IRO";
  return policy.raiserTitle;
}

/** The record's file name the policy gives for the child's legal status, e.g. "Escalation_CIC.pdf". */
export function recordFileName(policy: Policy, legalStatus: LegalStatus): string {
  return `${policy.recordFileName[legalStatus] ?? "Escalation_record"}.pdf`;
}

/** The sum of the formal stages' working days (the informal stage and stages timed by the child's need excluded). */
export function formalTotalWorkingDays(policy: Policy): number {
  let total = 0;
  for (const s of policy.stages) {
    if (isFormal(s) && s.timescale.kind === "working-days") total += s.timescale.workingDays;
  }
  return total;
}

export function isFormal(stage: PolicyStage): stage is FormalStage {
  return isAnswered(stage) && stage.id !== "informal";
}

/** A stage the raiser records herself (the informal step she agreed with the manager), not one a manager answers. */
export function recordedByRaiser(policy: Policy, stageId: string): boolean {
  const stage = findStage(policy, stageId);
  return stage?.id === "informal" && "recordedBy" in stage && stage.recordedBy === "raiser";
}

/** How a stage's answer is worded on its form, its card, its record and its problems. */
export interface ResponseWords {
  /** The form's button and its title. */
  readonly action: string;
  readonly submit: string;
  readonly whatDone: string;
  readonly whatDoneQuestion: string;
  readonly who: string;
  readonly whoQuestion: string;
  /** How a problem with the "who" names it. */
  readonly whoField: string;
  /** What the form says when a field is left empty. */
  readonly whatDoneMissing: string;
  readonly whoMissing: string;
}

export function responseWords(policy: Policy, stageId: string): ResponseWords {
  if (finalDecisionAt(policy, stageId)) {
    return {
      action: "Record the final decision",
      submit: "Record the decision",
      whatDone: "The final decision",
      whatDoneQuestion: "The decision: the way forward",
      who: "Taken forward by",
      whoQuestion: "Who takes it forward",
      whoField: "Who takes it forward",
      whatDoneMissing: "Give the decision.",
      whoMissing: "Say who takes it forward.",
    };
  }
  return recordedByRaiser(policy, stageId)
    ? {
        action: "Record the informal step",
        submit: "Record the agreed plan",
        whatDone: "The agreed plan",
        whatDoneQuestion: "The agreed plan",
        who: "Agreed with",
        whoQuestion: "Who it was agreed with",
        whoField: "Who it was agreed with",
        whatDoneMissing: "Give the plan you agreed.",
        whoMissing: "Say who you agreed it with.",
      }
    : {
        action: "Respond",
        submit: "Send response",
        whatDone: "What is being done or has been done",
        whatDoneQuestion: "What you are doing or have done",
        who: "Who",
        whoQuestion: "Who is doing it",
        whoField: "Who",
        whatDoneMissing: "Say what is being done or has been done.",
        whoMissing: "Say who is doing it.",
      };
}

/** The roles whose holders may answer the stage: the responsible role, then any alternatives. */
export function answeringRoles(stage: AnsweredStage): Role[] {
  return [stage.responsibleRole, ...("alternativeRoles" in stage ? (stage.alternativeRoles ?? []) : [])];
}

/** The stage's notification form, where it has one. */
export function notificationFormAt(policy: Policy, stageId: string): FormalStage["notificationForm"] {
  const stage = findStage(policy, stageId);
  return stage && isFormal(stage) ? stage.notificationForm : undefined;
}

/** Whether the answer at this stage is the final decision, and whom it is told to. */
export function finalDecisionAt(policy: Policy, stageId: string): FormalStage["finalDecision"] {
  const stage = findStage(policy, stageId);
  return stage && isFormal(stage) ? stage.finalDecision : undefined;
}

export function isAnswered(stage: PolicyStage): stage is AnsweredStage {
  return "responsibleRole" in stage;
}

export function findStage(policy: Policy, stageId: string): PolicyStage | undefined {
  return policy.stages.find((s) => s.id === stageId);
}

export function stageIndex(policy: Policy, stageId: string): number {
  return policy.stages.findIndex((s) => s.id === stageId);
}

export function cafcassStageOf(policy: Policy): CafcassStage | undefined {
  return policy.stages.find((s): s is CafcassStage => s.id === "cafcass");
}

export function answeredStages(policy: Policy): AnsweredStage[] {
  return policy.stages.filter(isAnswered);
}

/** The stage after this one that someone answers, if any: the one a chase copies and the IRO escalates to. */
export function nextAnsweredStage(policy: Policy, stageId: string): AnsweredStage | undefined {
  const index = stageIndex(policy, stageId);
  return policy.stages.slice(index + 1).find(isAnswered);
}
