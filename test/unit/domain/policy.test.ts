// The shipped policies checked against the councils' documents (seeds 000-004 and DESIGN.md's "Process
// variants" table), and checkPolicy's reports on broken policies: every problem, each with where it is.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { checkPolicyFile, loadPolicies, shippedPolicyDir } from "../../../src/adapters/policies/policy-files";
import {
  answeredStages,
  answeringRoles,
  cafcassStageOf,
  checkPolicy,
  findStage,
  formalTotalWorkingDays,
  isAnswered,
  isFormal,
  nextAnsweredStage,
  parsePolicy,
  type Policy,
  PolicyError,
  type PolicyProblem,
  STATUTORY_FORMAL_TOTAL_WORKING_DAYS,
} from "../../../src/domain/policy";

const ROOT = path.resolve(__dirname, "../../..");
const POLICIES = path.join(ROOT, "policies");
const FIXTURES = path.join(ROOT, "test/fixtures/policies");
const POLICY_IDS = [
  "dorset-qaro",
  "escalation-of-concern",
  "multi-agency",
  "professional-challenge",
] as const;
type PolicyId = (typeof POLICY_IDS)[number];

function shipped(id: PolicyId): { policy: Policy; warnings: readonly string[] } {
  const check = checkPolicyFile(path.join(POLICIES, `${id}.json`));
  if (!check.ok) throw new Error(`${id}: ${JSON.stringify(check.problems)}`);
  return check;
}

/** A policy file as JSON, before it is checked: anything may be changed to break it. */
type RawPolicy = Record<string, unknown> & {
  stages: Record<string, unknown>[];
  categories: { items: Record<string, unknown>[] };
  outcomes: { items: Record<string, unknown>[] };
};

/** A fresh, editable copy of a shipped policy file. */
function rawPolicy(id: PolicyId): RawPolicy {
  return JSON.parse(readFileSync(path.join(POLICIES, `${id}.json`), "utf8")) as RawPolicy;
}

function problemsOf(input: unknown): readonly PolicyProblem[] {
  const check = checkPolicy(input);
  if (check.ok) throw new Error("expected the policy to be refused");
  return check.problems;
}

/** Each stage in the terms of the seeds' tables: who answers, who is copied, how long they have. */
function ladder(policy: Policy) {
  return policy.stages.map((s) =>
    isAnswered(s)
      ? {
          id: s.id,
          name: s.name,
          responsible: s.responsibleRole,
          copied: s.copiedRoles,
          days: s.timescale.kind === "child-need" ? "child's need" : s.timescale.workingDays,
        }
      : { id: s.id, name: s.name, copied: s.copiedRoles, cafcassFor: s.legalStatuses },
  );
}

const labels = (items: readonly { label: string }[]) => items.map((i) => i.label);

// Word for word from seed 000 (QARO Escalation Form, "Reason for Escalation"): 13 reasons and "Other".
const DORSET_REASONS = [
  "Statutory IRO handbook & Care Regs not met",
  "Concerns re: provision of services",
  "Care Plan implementation",
  "Concerns where the child/young person lives",
  "Voice of the child/young person",
  "Outstanding CIC review decisions",
  "Concerns re: safety",
  "Life story work/later life letters",
  "Health issues",
  "Transitions (post 16/18)",
  "Education issues",
  "Staff turnover/sickness",
  "Issues re: family time/time with important people",
  "Other- please specify",
];

// Word for word from seed 001 (Escalation of Concern form, "Category of Concern").
const EOC_CATEGORIES = [
  "Significant safeguarding concern",
  "Significant drift in permanence planning",
  "Failure to visit as required by regulations/internal protocol",
  "Failure to plan as required by regulations/internal protocol",
  "Key documentation missing e.g. care plan, placement plan, pep, health assessment, pathway plan, social work report, post adoption support plan",
  "Non- implementation of review decisions",
  "Change of care plan without consulting young person",
  "Change of care plan without consulting IRO",
  "Failure to inform IRO of significant event between reviews",
  "Other-specify",
];

// Word for word from seed 001 ("Expected Outcome for the Child"), its curly apostrophes and en dashes kept.
const EOC_OUTCOMES = [
  "Safeguarding concern addressed- child now safe",
  "Permanence planning back on track- child will have secure and loving home",
  "Visits as required by regulations/internal protocol now on track- child sees their social worker regularly and is building a relationship",
  "Child\u2019s Plan as required by regulations/internal protocol back on track- child and family/carers know what is planned for the child",
  "Key documentation now recorded in LCS and distributed to relevant parties e.g. care plan, placement plan, pep, health assessment, pathway plan, social work report, post adoption support plan \u2013child and family/carers have the right information and LCS shows correct information",
  "Implementation of review decisions \u2013child\u2019s plan is on track",
  "Young person has been consulted about change of care plan \u2013child feels listened to and understood",
  "IRO has been consulted about change of care plan- IRO is satisfied that the proposed change ensures the child\u2019s welfare remains paramount and their assessed needs will be met",
  "IRO has been updated about significant event between reviews \u2013IRO is satisfied that the impact of the event on the child has been considered and action taken re any change/address any concerns arising &/ or early Review convened if event is significant and will need change of care plan",
  "Other- specify",
];

describe("the shipped policies", () => {
  it("are the four in the policies folder, each valid, with its id matching its file name", () => {
    expect(shippedPolicyDir()).toBe(POLICIES);
    const policies = loadPolicies();
    expect([...policies.keys()]).toEqual([...POLICY_IDS]);
    for (const id of POLICY_IDS) expect(shipped(id).policy.id).toBe(id);
  });

  it("name what each stage is called, who answers, who is copied and how long they have, as the seeds do", () => {
    // Seed 002, Table 1; seed 000 for who is sent the form and who is copied.
    expect(ladder(shipped("dorset-qaro").policy)).toEqual([
      {
        id: "informal",
        name: "Informal",
        responsible: "team-manager",
        copied: ["social-worker"],
        days: "child's need",
      },
      {
        id: "stage-1",
        name: "Level 1",
        responsible: "team-manager",
        copied: ["service-manager", "qa-manager"],
        days: 5,
      },
      {
        id: "stage-2",
        name: "Level 2",
        responsible: "service-manager",
        copied: ["head-of-locality", "qa-manager"],
        days: 5,
      },
      {
        id: "stage-3",
        name: "Level 3",
        responsible: "head-of-locality",
        copied: ["corporate-director", "qa-manager"],
        days: 5,
      },
      {
        id: "stage-4",
        name: "Level 4",
        responsible: "corporate-director",
        copied: ["executive-director", "qa-manager", "head-of-quality-assurance"],
        days: 5,
      },
      {
        id: "cafcass",
        name: "Level 5: Referral to CAF/CASS",
        copied: ["qa-manager", "head-of-quality-assurance", "nominated-officer"],
        cafcassFor: ["CIC"],
      },
    ]);
    // Seed 001: Stages 1-4 at 5/5/5/7 working days, then CAFCASS.
    expect(ladder(shipped("escalation-of-concern").policy)).toEqual([
      { id: "stage-1", name: "Stage 1", responsible: "team-manager", copied: [], days: 5 },
      { id: "stage-2", name: "Stage 2", responsible: "service-manager", copied: [], days: 5 },
      { id: "stage-3", name: "Stage 3", responsible: "head-of-service", copied: [], days: 5 },
      { id: "stage-4", name: "Stage 4", responsible: "chief-executive", copied: ["elected-member"], days: 7 },
      { id: "cafcass", name: "CAFCASS", copied: ["nominated-officer"], cafcassFor: ["CIC"] },
    ]);
    // Seed 004: informal 1 working day, stages 1-4 at 5 each, Cafcass after informing the Nominated Officer.
    expect(ladder(shipped("professional-challenge").policy)).toEqual([
      {
        id: "informal",
        name: "Informal Stage",
        responsible: "team-manager",
        copied: ["social-worker"],
        days: 1,
      },
      { id: "stage-1", name: "Stage 1", responsible: "team-manager", copied: [], days: 5 },
      { id: "stage-2", name: "Stage 2", responsible: "service-manager", copied: ["iro-manager"], days: 5 },
      { id: "stage-3", name: "Stage 3", responsible: "head-of-service", copied: [], days: 5 },
      { id: "stage-4", name: "Stage 4", responsible: "assistant-director", copied: [], days: 5 },
      { id: "cafcass", name: "CAFCASS", copied: ["nominated-officer"], cafcassFor: ["CIC"] },
    ]);
    // Seed 003: five stages between agencies, no timescales, no Cafcass.
    expect(ladder(shipped("multi-agency").policy)).toEqual([
      {
        id: "stage-1",
        name: "Stage 1: Discussion between front line workers",
        responsible: "front-line-worker",
        copied: [],
        days: "child's need",
      },
      {
        id: "stage-2",
        name: "Stage 2: Discussion between team or managers",
        responsible: "team-manager",
        copied: [],
        days: "child's need",
      },
      {
        id: "stage-3",
        name: "Stage 3: Escalate to Service Managers or Named Safeguarding Leads",
        responsible: "service-manager",
        copied: [],
        days: "child's need",
      },
      {
        id: "stage-4",
        name: "Stage 4: Escalate to Senior Managers or Designated Safeguarding Leads",
        responsible: "head-of-service",
        copied: [],
        days: "child's need",
      },
      {
        id: "stage-5",
        name: "Stage 5: Escalate to Safeguarding Partner Executive",
        responsible: "partnership-executive",
        copied: [],
        days: "child's need",
      },
    ]);
  });

  it("total the formal stages: the escalation-of-concern policy's 22 days draws a warning, and Dorset's subject naming the child", () => {
    const totals = Object.fromEntries(
      POLICY_IDS.map((id) => [id, formalTotalWorkingDays(shipped(id).policy)]),
    );
    expect(totals).toEqual({
      "dorset-qaro": 20,
      "escalation-of-concern": 22,
      "multi-agency": 0,
      "professional-challenge": 20,
    });
    expect(shipped("escalation-of-concern").warnings).toEqual([
      `the formal stages total 22 working days, more than the ${STATUTORY_FORMAL_TOTAL_WORKING_DAYS} working days of the IRO Handbook (6.2)`,
    ]);
    // Dorset's subject names the child, as its process asks: said, with where it asks.
    expect(shipped("dorset-qaro").warnings).toEqual([
      expect.stringMatching(
        /^the e-mail subject .* names the child, .* The QARO IRO Resolution\/Escalation Process/,
      ),
    ]);
    expect(shipped("professional-challenge").warnings).toEqual([]);
    expect(shipped("multi-agency").warnings).toEqual([]);
  });

  it("count the professional challenge also from its start: 5, 10, 15 and 20 working days", () => {
    const { policy } = shipped("professional-challenge");
    const fromStart = policy.stages.filter(isFormal).map((s) => {
      if (s.timescale.kind !== "working-days") throw new Error(`${s.id} is not timed in working days`);
      return s.timescale.fromStartOfChallenge;
    });
    expect(fromStart).toEqual([5, 10, 15, 20]);
    const informal = findStage(policy, "informal");
    expect(informal && isAnswered(informal) ? informal.timescale : undefined).toEqual({
      kind: "working-days",
      workingDays: 1,
    });
  });

  it("ask for the Escalation Notification Form from the multi-agency stage 3 on, in the document's words", () => {
    const { policy } = shipped("multi-agency");
    expect(
      policy.stages.map((s) => (isFormal(s) && s.notificationForm ? s.notificationForm.question : null)),
    ).toEqual([
      null,
      null,
      "Identified policy/practice issues",
      "Remaining issues or outcome",
      "Remaining issues or outcome",
    ]);
    expect(policy.stages.map((s) => (isFormal(s) ? [...answeringRoles(s)] : []))).toEqual([
      ["front-line-worker"],
      ["team-manager"],
      ["service-manager", "named-safeguarding-lead"],
      ["head-of-service", "designated-safeguarding-lead"],
      ["partnership-executive"],
    ]);
    // "The Executive will notify the CSCP Independent Scrutineer"; every party hears each step; no total.
    expect(policy.stages.map((s) => (isFormal(s) ? (s.finalDecision?.notify ?? null) : null)).at(-1)).toEqual(
      ["independent-scrutineer"],
    );
    expect([policy.partiesFromAgencies, policy.feedbackToAllParties]).toEqual([true, true]);
    expect(policy.reminders.formalTotalWorkingDays).toBeUndefined();
    expect(cafcassStageOf(policy)).toBeUndefined();
    expect(policy.legalStatuses).toEqual(["CIC", "CP", "CIN"]);
    expect(policy.raiserRoles).toBeUndefined();
  });

  it("offer Cafcass for children in care only, last, after the Nominated Officer is informed", () => {
    for (const id of ["dorset-qaro", "escalation-of-concern", "professional-challenge"] as const) {
      const { policy } = shipped(id);
      const cafcass = cafcassStageOf(policy);
      expect(cafcass).toMatchObject({ legalStatuses: ["CIC"], requiresNominatedOfficerInformed: true });
      expect(policy.stages.at(-1)).toBe(cafcass);
      // The IRO escalates from the last formal stage to nobody: Cafcass is a referral, not a stage answered.
      expect(nextAnsweredStage(policy, "stage-4")).toBeUndefined();
      expect(answeredStages(policy)).not.toContain(cafcass);
    }
  });

  it("take Dorset's 13 reasons for escalation and its Other word for word from the QARO form", () => {
    const { categories } = shipped("dorset-qaro").policy;
    expect(labels(categories.items)).toEqual(DORSET_REASONS);
    expect(categories.items).toHaveLength(14);
    expect(categories.borrowedFrom).toBeUndefined();
    expect(categories.items.filter((i) => i.requiresText).map((i) => i.label)).toEqual([
      "Other- please specify",
    ]);
  });

  it("take the escalation-of-concern form's 10 categories and 10 outcomes word for word", () => {
    const { categories, outcomes } = shipped("escalation-of-concern").policy;
    expect(labels(categories.items)).toEqual(EOC_CATEGORIES);
    expect(labels(outcomes.items)).toEqual(EOC_OUTCOMES);
    expect(categories.items).toHaveLength(10);
    expect(outcomes.items).toHaveLength(10);
    expect(categories.borrowedFrom).toBeUndefined();
    expect(outcomes.borrowedFrom).toBeUndefined();
    // The seed's typography is kept, not straightened.
    expect(outcomes.items[3]?.label.startsWith("Child\u2019s Plan")).toBe(true);
    expect(outcomes.items[5]?.label).toBe(
      "Implementation of review decisions \u2013child\u2019s plan is on track",
    );
    expect(categories.items.at(-1)).toEqual({ id: "other", label: "Other-specify", requiresText: true });
    expect(outcomes.items.at(-1)).toEqual({ id: "other", label: "Other- specify", requiresText: true });
  });

  it("say, for every list borrowed from another policy, whose it is and why, and copy it exactly", () => {
    const borrowed = POLICY_IDS.flatMap((id) =>
      (["categories", "outcomes"] as const).flatMap((list) => {
        const from = shipped(id).policy[list].borrowedFrom;
        return from ? [{ id, list, from: from.policy }] : [];
      }),
    );
    expect(borrowed).toEqual([
      { id: "dorset-qaro", list: "outcomes", from: "escalation-of-concern" },
      { id: "multi-agency", list: "categories", from: "dorset-qaro" },
      { id: "multi-agency", list: "outcomes", from: "escalation-of-concern" },
      { id: "professional-challenge", list: "categories", from: "escalation-of-concern" },
      { id: "professional-challenge", list: "outcomes", from: "escalation-of-concern" },
    ]);
    for (const { id, list, from } of borrowed) {
      const borrower = shipped(id).policy[list];
      const lender = shipped(from as PolicyId).policy[list];
      expect(lender.borrowedFrom).toBeUndefined();
      expect(borrower.items).toEqual(lender.items);
      expect(borrower.source).toBe(lender.source);
      // Why: the borrower's own documents have no such list.
      expect(borrower.borrowedFrom?.why).toMatch(/lists no|no list|gives no list|records only/);
    }
  });

  it("file Dorset's record as Escalation_CIC or Escalation_CP; a bypass is agreed with the QA Manager and the Head of QA", () => {
    const { policy } = shipped("dorset-qaro");
    expect(policy.recordFileName).toEqual({ CIC: "Escalation_CIC", CP: "Escalation_CP" });
    expect(policy.legalStatuses).toEqual(["CIC", "CP"]);
    expect(policy.raiserTitle).toBe("QARO");
    expect(policy.bypass).toEqual({
      requiresReason: true,
      requiresQaManagerConsultation: true,
      consultedRoles: ["qa-manager", "head-of-quality-assurance"],
    });
  });

  it("copy the escalation-of-concern record to the Safeguarding Business Manager when raised and concluded", () => {
    const { policy } = shipped("escalation-of-concern");
    expect(policy.copies).toEqual({
      onRaised: ["safeguarding-business-manager"],
      onConcluded: ["safeguarding-business-manager"],
    });
    expect(policy.raiserTitle).toBe("IRO or CP Chair");
    for (const id of ["dorset-qaro", "professional-challenge", "multi-agency"] as const) {
      expect(shipped(id).policy.copies.onRaised).not.toContain("safeguarding-business-manager");
    }
  });

  it("give every legal status a policy accepts a record file name", () => {
    for (const id of POLICY_IDS) {
      const { policy } = shipped(id);
      for (const status of policy.legalStatuses) expect(policy.recordFileName[status]).toBeTruthy();
    }
  });
});

describe("checkPolicy on broken policies", () => {
  it("reports an unknown role, a duplicate stage id and a negative timescale together, each where it is", () => {
    const check = checkPolicyFile(path.join(FIXTURES, "three-problems.json"));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toHaveLength(3);
    expect(check.problems).toEqual(
      expect.arrayContaining([
        { path: "stages[1].responsibleRole", message: 'unknown role "chief-wizard"' },
        { path: "stages[2].id", message: 'duplicate stage id "stage-1" (also stages[1])' },
        { path: "stages[3].timescale.workingDays", message: "must not be negative" },
      ]),
    );
  });

  it("reports formal stages out of order at each stage misplaced", () => {
    const raw = rawPolicy("dorset-qaro");
    raw.stages[1]!.id = "stage-2";
    raw.stages[2]!.id = "stage-1";
    expect(problemsOf(raw)).toEqual([
      {
        path: "stages[1].id",
        message: 'formal stages must be numbered in order from stage-1; expected "stage-1"',
      },
      {
        path: "stages[2].id",
        message: 'formal stages must be numbered in order from stage-1; expected "stage-2"',
      },
    ]);
  });

  it("reports a ladder that starts at stage-2", () => {
    const raw = rawPolicy("escalation-of-concern");
    raw.stages.shift();
    const problems = problemsOf(raw);
    expect(problems[0]).toEqual({
      path: "stages[0].id",
      message: 'formal stages must be numbered in order from stage-1; expected "stage-1"',
    });
    for (const problem of problems) expect(problem.message).toMatch(/numbered in order from stage-1/);
  });

  it("reports a ladder with no formal stage at all", () => {
    const raw = rawPolicy("dorset-qaro");
    raw.stages = [raw.stages[0]!, raw.stages[5]!];
    expect(problemsOf(raw)).toEqual([
      { path: "stages", message: "must have at least one formal stage (stage-1)" },
    ]);
  });

  it("reports one malformed or duplicate id once, not again at every stage after it", () => {
    const raw = rawPolicy("professional-challenge");
    raw.stages[2]!.id = "level-2";
    expect(problemsOf(raw)).toEqual([
      { path: "stages[2].id", message: 'must be "informal", "stage-N" or "cafcass"' },
    ]);
  });

  it("names an unknown key at the top level and in a stage", () => {
    const raw = rawPolicy("dorset-qaro");
    raw.colour = "blue";
    raw.stages[1]!.deadline = 5;
    expect(problemsOf(raw)).toEqual([
      { path: "stages[1].deadline", message: 'unknown key "deadline"' },
      { path: "colour", message: 'unknown key "colour"' },
    ]);
  });

  it("requires the informal stage first and the Cafcass stage last", () => {
    const raw = rawPolicy("dorset-qaro");
    const cafcass = raw.stages.pop()!;
    raw.stages.splice(2, 0, cafcass);
    expect(problemsOf(raw)).toEqual([{ path: "stages[2].id", message: "the Cafcass stage must come last" }]);

    const late = rawPolicy("professional-challenge");
    const [informal] = late.stages.splice(0, 1);
    late.stages.splice(1, 0, informal!);
    expect(problemsOf(late)).toEqual([
      { path: "stages[1].id", message: "the informal stage must come first" },
    ]);
  });

  it("requires a record file name for every legal status the policy takes", () => {
    const raw = rawPolicy("dorset-qaro");
    raw.recordFileName = { CIC: "Escalation_CIC" };
    expect(problemsOf(raw)).toEqual([
      { path: "recordFileName.CP", message: "no record file name for legal status CP" },
    ]);
    raw.recordFileName = { CIC: "Escalation_CIC", CP: " " };
    expect(problemsOf(raw)).toEqual([{ path: "recordFileName.CP", message: "must not be empty" }]);
  });

  it("reports duplicate category and outcome ids", () => {
    const raw = rawPolicy("escalation-of-concern");
    raw.categories.items[4]!.id = "failure-to-visit";
    raw.outcomes.items[9]!.id = "iro-consulted";
    expect(problemsOf(raw)).toEqual([
      { path: "categories.items[4].id", message: 'duplicate id "failure-to-visit"' },
      { path: "outcomes.items[9].id", message: 'duplicate id "iro-consulted"' },
    ]);
  });

  describe("a stage that matches no kind of stage (informal, stage-N or Cafcass)", () => {
    const cases: [string, (stages: Record<string, unknown>[]) => void, PolicyProblem[]][] = [
      [
        "a formal stage without a name",
        (s) => delete s[1]!.name,
        [{ path: "stages[1].name", message: "missing: must be text" }],
      ],
      [
        "a formal stage whose name is a number",
        (s) => (s[1]!.name = 1),
        [{ path: "stages[1].name", message: "must be text, not 1" }],
      ],
      [
        "a timescale of an unknown kind",
        (s) => (s[2]!.timescale = { kind: "weeks" }),
        [
          {
            path: "stages[2].timescale.kind",
            message: 'must be "working-days" or "child-need", not "weeks"',
          },
        ],
      ],
      [
        "a timescale with no kind",
        (s) => (s[2]!.timescale = { workingDays: 5 }),
        [{ path: "stages[2].timescale.kind", message: 'missing: must be "working-days" or "child-need"' }],
      ],
      [
        "working days written as text",
        (s) => (s[2]!.timescale = { kind: "working-days", workingDays: "5" }),
        [{ path: "stages[2].timescale.workingDays", message: "must be a number of working days" }],
      ],
      [
        "an informal stage with a notification form",
        (s) =>
          (s[0]!.notificationForm = {
            name: "Escalation Notification Form",
            question: "Issues",
            sendTo: ["partnership"],
          }),
        [{ path: "stages[0].notificationForm", message: 'unknown key "notificationForm"' }],
      ],
      [
        "a Cafcass stage with a responsible role",
        (s) => (s[5]!.responsibleRole = "qa-manager"),
        [{ path: "stages[5].responsibleRole", message: 'unknown key "responsibleRole"' }],
      ],
      [
        "a Cafcass stage without its legal statuses",
        (s) => delete s[5]!.legalStatuses,
        [{ path: "stages[5].legalStatuses", message: "missing: must be a list" }],
      ],
      [
        "a Cafcass stage for no legal status",
        (s) => (s[5]!.legalStatuses = []),
        [{ path: "stages[5].legalStatuses", message: "must not be empty" }],
      ],
      [
        "a Cafcass stage for an unknown legal status",
        (s) => (s[5]!.legalStatuses = ["LAC"]),
        [{ path: "stages[5].legalStatuses[0]", message: 'must be "CIC", "CP" or "CIN", not "LAC"' }],
      ],
      [
        "a stage without an id",
        (s) => delete s[1]!.id,
        [{ path: "stages[1].id", message: 'missing: must be "informal", "stage-N" or "cafcass"' }],
      ],
      [
        "a stage whose id is a number",
        (s) => (s[1]!.id = 1),
        [{ path: "stages[1].id", message: 'must be "informal", "stage-N" or "cafcass", not 1' }],
      ],
      [
        "a malformed id and a missing name",
        (s) => {
          s[1]!.id = "level-1";
          delete s[1]!.name;
        },
        [
          { path: "stages[1].id", message: 'must be "informal", "stage-N" or "cafcass", not "level-1"' },
          { path: "stages[1].name", message: "missing: must be text" },
        ],
      ],
      [
        "a stage that is not an object",
        (s) => (s[1] = "stage-1" as unknown as Record<string, unknown>),
        [{ path: "stages[1]", message: 'must be an object, not "stage-1"' }],
      ],
      [
        "an unknown role in a stage's copied roles",
        (s) => (s[3]!.copiedRoles = ["corporate-director", "deputy-head"]),
        [{ path: "stages[3].copiedRoles[1]", message: 'unknown role "deputy-head"' }],
      ],
    ];

    it.each(cases)("%s", (_name, breakIt, expected) => {
      const raw = rawPolicy("dorset-qaro");
      breakIt(raw.stages);
      const problems = problemsOf(raw);
      expect(problems).toEqual(expected);
      for (const problem of problems) expect(problem.message).not.toMatch(/invalid input/i);
    });
  });

  it("names every missing top-level key, and refuses what is not a policy at all", () => {
    const problems = problemsOf({});
    expect(problems.map((p) => p.path)).toEqual([
      "id",
      "name",
      "source",
      "raiserTitle",
      "legalStatuses",
      "stages",
      "categories",
      "outcomes",
      "bypass",
      "recordFileName",
      "copies",
      "reminders",
    ]);
    for (const problem of problems) expect(problem.message).toMatch(/^missing: must be /);
    expect(problemsOf(null)).toEqual([{ path: "(file)", message: "must be an object, not null" }]);
    expect(problemsOf([])).toEqual([{ path: "(file)", message: "must be an object, not a list" }]);
  });

  it("throws a PolicyError listing every problem from parsePolicy", () => {
    const raw = rawPolicy("dorset-qaro");
    raw.stages[1]!.responsibleRole = "chief-wizard";
    raw.legalStatuses = [];
    let thrown: unknown;
    try {
      parsePolicy(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyError);
    const error = thrown as PolicyError;
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe(
      'invalid policy: legalStatuses: must not be empty; stages[1].responsibleRole: unknown role "chief-wizard"',
    );
    expect(parsePolicy(rawPolicy("dorset-qaro")).id).toBe("dorset-qaro");
  });
});

describe("policy files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "policy-files-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports a file that is not JSON, and one that cannot be read", () => {
    const file = path.join(dir, "broken.json");
    writeFileSync(file, '{ "id": "broken", ');
    const check = checkPolicyFile(file);
    expect(check).toMatchObject({ ok: false, file });
    if (check.ok) return;
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]?.path).toBe("(file)");
    expect(check.problems[0]?.message).toMatch(/^not valid JSON: /);

    const missing = checkPolicyFile(path.join(dir, "missing.json"));
    expect(missing).toMatchObject({
      ok: false,
      problems: [{ path: "(file)", message: "cannot read the file (ENOENT)" }],
    });
  });

  it("refuses to load a folder with a broken policy, naming the file and its problems", () => {
    writeFileSync(path.join(dir, "a.json"), readFileSync(path.join(POLICIES, "dorset-qaro.json")));
    writeFileSync(path.join(dir, "b.json"), readFileSync(path.join(FIXTURES, "three-problems.json")));
    expect(() => loadPolicies(dir)).toThrow(
      /policy file b\.json is invalid: .*stages\[1\]\.responsibleRole: unknown role "chief-wizard"/,
    );
  });

  it("refuses two files with the same policy id", () => {
    writeFileSync(path.join(dir, "a.json"), readFileSync(path.join(POLICIES, "multi-agency.json")));
    writeFileSync(path.join(dir, "b.json"), readFileSync(path.join(POLICIES, "multi-agency.json")));
    expect(() => loadPolicies(dir)).toThrow('policy id "multi-agency" is used by two files');
  });

  it("loads only the .json files of a folder", () => {
    writeFileSync(path.join(dir, "dorset.json"), readFileSync(path.join(POLICIES, "dorset-qaro.json")));
    writeFileSync(path.join(dir, "README.md"), "not a policy");
    expect([...loadPolicies(dir).keys()]).toEqual(["dorset-qaro"]);
  });
});
