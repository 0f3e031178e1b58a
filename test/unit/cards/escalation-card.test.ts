// The escalation card: valid Adaptive Cards 1.5, the whole record in words, the forms each viewer may use
// (with inputs named as the card actions read them), people's words shown exactly as written, and the
// refresh that gives each participant their own view.
import * as ACData from "adaptivecards-templating";

import {
  type AdaptiveCard,
  escalationCard,
  type EscalationCardInput,
  parseDataset,
  VERBS,
} from "../../../src/adapters/cards";
import { escalationCardView } from "../../../src/adapters/cards/escalation-card";
import escalationTemplate from "../../../src/adapters/cards/escalation-card.json";
import type { ActionRequest } from "../../../src/application/perform-action";
import { type Escalation, participants, type PersonRef } from "../../../src/domain/escalation";
import { handOverCandidates } from "../../../src/domain/permissions";
import { reassign, withdraw } from "../../../src/domain/transitions";
import {
  actors,
  calendar,
  context,
  ok,
  people,
  policy,
  type PolicyId,
  raised,
} from "../../builders/escalations";
import {
  actionTitles,
  answeredAtLevel1,
  handOverWith,
  inputs,
  type Node,
  nodes,
  ofType,
  referredAtLevel1,
  reportingTo,
  runTexts,
  schemaErrors,
  showCard,
  twoStageJourney,
  validateCard,
} from "./support";

const EVIL = "**bold** [click](https://evil.example) ${child.name} {{DATE(2026-01-01T00:00:00Z)}}";

/** What the card is drawn from for the viewer: the escalation under its own policy, with the delegates. */
function cardInput(
  escalation: Escalation,
  viewer: PersonRef,
  extra: Partial<EscalationCardInput> = {},
): EscalationCardInput {
  const ctx = context({ policy: escalation.policyId as PolicyId });
  return {
    escalation,
    policy: ctx.policy,
    viewerId: viewer.id,
    now: extra.now ?? ctx.now,
    calendar,
    handOver: handOverWith(escalation, ctx.policy, DELEGATES),
    ...extra,
  };
}

function card(
  escalation: Escalation,
  viewer: PersonRef,
  extra: Partial<EscalationCardInput> = {},
): AdaptiveCard {
  return escalationCard(cardInput(escalation, viewer, extra));
}

const DELEGATES = [people.deputyTeamManager, people.frontLineWorker];

/** Dorset Level 1, raised Wednesday 4 November 2026, due Wednesday 11 November. */
const level1 = () => raised();
const answered = answeredAtLevel1;
const OVERDUE = calendar.at("2026-11-16", "10:00");

describe("every view of an escalation is a valid Adaptive Card 1.5", () => {
  const journey = twoStageJourney();
  const views: [string, () => AdaptiveCard][] = [
    ["the IRO, waiting", () => card(level1(), people.iro)],
    ["the IRO, overdue", () => card(level1(), people.iro, { now: OVERDUE })],
    ["the IRO, answered", () => card(answered(), people.iro)],
    ["a QA Manager", () => card(level1(), people.qaManager, { isQaManager: true, now: OVERDUE })],
    ["the team manager, with delegates", () => card(level1(), people.teamManager)],
    ["a copied Service Manager", () => card(level1(), people.serviceManager)],
    ["everyone, once resolved", () => card(journey.escalation, people.iro, { now: journey.ctx.now })],
    [
      "a headline and a notice",
      () => card(level1(), people.iro, { headline: "Level 1 response due", notice: "Out of date" }),
    ],
    ...(["escalation-of-concern", "professional-challenge", "multi-agency"] as const).map(
      (id): [string, () => AdaptiveCard] => [
        `the IRO under ${id}`,
        () => card(raised(context({ policy: id })), people.iro, { now: OVERDUE }),
      ],
    ),
  ];
  it.each(views)("%s", (_, build) => {
    expect(schemaErrors(validateCard, build())).toEqual([]);
  });

  it("with no one to hand to, the card offers no hand-over and stays valid", () => {
    const escalation = level1();
    const view = card(escalation, people.teamManager, {
      handOver: handOverWith(escalation, context().policy, []),
    });
    expect(actionTitles(view)).toEqual(["Respond"]);
    expect(schemaErrors(validateCard, view)).toEqual([]);
  });

  it("the hand-over is searched as the person types, and the search finds the delegates, never the IRO or the person answering", () => {
    const escalation = level1();
    const view = card(escalation, people.teamManager);
    const picker = inputs(showCard(view, "Hand to a delegate")).find((n) => n.id === "toId");
    expect(picker?.choices).toEqual([]);
    const query = picker?.["choices.data"] as { type: string; dataset: string };
    expect(query.type).toBe("Data.Query");
    const asked = parseDataset(query.dataset);
    expect(asked?.field).toBe("delegate");
    const found = handOverCandidates(
      asked!.handOver!,
      reportingTo([...DELEGATES, people.iro, people.teamManager]),
    );
    expect(found.map((p) => p.name).sort()).toEqual(DELEGATES.map((p) => p.name).sort());
  });
});

describe("the actions each viewer gets", () => {
  it.each<[string, () => AdaptiveCard, string[]]>([
    [
      "the team manager asked to answer",
      () => card(level1(), people.teamManager),
      ["Respond", "Hand to a delegate"],
    ],
    [
      "the IRO while the stage waits",
      () => card(level1(), people.iro),
      ["Resolve", "Escalate", "Refer to Cafcass", "Extend", "Withdraw", "Considering Cafcass"],
    ],
    [
      "the IRO once the response is overdue",
      () => card(level1(), people.iro, { now: OVERDUE }),
      [
        "Resolve",
        "Escalate",
        "Refer to Cafcass",
        "Extend",
        "Keep waiting",
        "Withdraw",
        "Considering Cafcass",
      ],
    ],
    [
      "the IRO once the stage is answered",
      () => card(answered(), people.iro),
      ["Resolve", "Escalate", "Refer to Cafcass", "Withdraw", "Considering Cafcass"],
    ],
    [
      "a QA Manager acting for the IRO (no extension: only the IRO extends)",
      () => card(level1(), people.qaManager, { isQaManager: true, now: OVERDUE }),
      ["Resolve", "Escalate", "Refer to Cafcass", "Keep waiting", "Withdraw", "Considering Cafcass"],
    ],
    [
      "the team manager once answered, until the IRO acts on it",
      () => card(answered(), people.teamManager),
      ["Correct my response"],
    ],
    ["a copied Service Manager", () => card(level1(), people.serviceManager), []],
    [
      "the IRO of a child protection case (no Cafcass)",
      () =>
        card(
          raised(context(), {
            child: { name: "A", caseId: "B", dateOfBirth: "2015-01-01", legalStatus: "CP" },
          }),
          people.iro,
        ),
      ["Resolve", "Escalate", "Extend", "Withdraw"],
    ],
    [
      "the IRO under a policy without Cafcass",
      () => card(raised(context({ policy: "multi-agency" })), people.iro),
      ["Resolve", "Escalate", "Extend", "Withdraw"],
    ],
  ])("%s", (_, build, expected) => {
    const view = build();
    expect(actionTitles(view)).toEqual(expected);
    if (expected.length === 0) expect(ofType(view, "ActionSet")).toEqual([]);
  });

  it("after a hand-over the delegate answers; the manager's card is read-only and names the delegate (hardening point 11)", () => {
    const escalation = ok(
      reassign(
        level1(),
        { actor: actors.teamManager, stageId: "stage-1", to: people.deputyTeamManager, reason: "On leave." },
        context(),
      ),
    ).escalation;
    expect(actionTitles(card(escalation, people.deputyTeamManager))).toEqual([
      "Respond",
      "Hand to a delegate",
    ]);
    const managers = card(escalation, people.teamManager);
    expect(actionTitles(managers)).toEqual([]);
    expect(runTexts(managers).join("")).toContain(`To answer: ${people.deputyTeamManager.name}`);
    expect(runTexts(managers).join("")).not.toContain(`To answer: ${people.teamManager.name}`);
  });

  it("at the last formal stage the IRO can refer to Cafcass but not escalate", () => {
    const atLevel4 = raised(context(), {
      startStageId: "stage-4",
      bypassReason: "Urgent",
      qaManagerConsulted: true,
    });
    expect(actionTitles(card(atLevel4, people.iro))).toEqual([
      "Resolve",
      "Refer to Cafcass",
      "Extend",
      "Withdraw",
      "Considering Cafcass",
    ]);
  });

  it("a closed escalation is read-only for everyone, but for re-opening by its IRO or a QA Manager in time", () => {
    const closed = ok(
      withdraw(
        level1(),
        { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
        context(),
      ),
    ).escalation;
    // Once the window to re-open it has passed, nobody is offered anything.
    const later = calendar.at("2027-02-01", "10:00");
    for (const viewer of participants(closed)) {
      expect(ofType(card(closed, viewer, { isQaManager: true, now: later }), "ActionSet")).toEqual([]);
    }
    // Within it, the IRO and a QA Manager may re-open it, and no one else may do anything.
    for (const viewer of participants(closed)) {
      const deciding = viewer.id === people.iro.id || viewer.id === people.qaManager.id;
      const view = card(closed, viewer, { isQaManager: viewer.id === people.qaManager.id });
      expect(actionTitles(view)).toEqual(deciding ? ["Re-open"] : []);
    }
  });

  it("someone not on the escalation gets a refusal that names no child", () => {
    const view = card(level1(), people.stranger);
    const json = JSON.stringify(view);
    expect(json).not.toContain("Jamie");
    expect(json).not.toContain("MOS-100234");
    expect(json).toContain("ESC-ESC1");
  });
});

// The card's inputs are named as the application reads them: a compile-time list per form, checked
// against ActionRequest so that a renamed field breaks the build, and against the card at run time.
type FieldsOf<V extends ActionRequest["verb"]> = Exclude<
  keyof Extract<ActionRequest, { verb: V }>,
  "verb" | "escalationId" | "stageId" | "version"
>;
/** The fields a form must have: all of the verb's fields, or the build breaks. */
function formFields<V extends ActionRequest["verb"], const L extends readonly FieldsOf<V>[]>(
  _verb: V,
  fields: L & ([FieldsOf<V>] extends [L[number]] ? unknown : never),
): L {
  return fields;
}

interface Form {
  readonly title: string;
  readonly verb: string;
  readonly fields: readonly string[];
  readonly required: readonly string[];
}

const FORMS: readonly Form[] = [
  {
    title: "Respond",
    verb: VERBS.respond,
    fields: formFields("respond", ["whatDone", "who", "byWhen", "expectedOutcome", "expectedOutcomeOther"]),
    required: ["whatDone", "who", "byWhen", "expectedOutcome"],
  },
  {
    title: "Hand to a delegate",
    verb: VERBS.reassign,
    fields: formFields("reassign", ["toId", "reason"]),
    required: ["toId", "reason"],
  },
  {
    title: "Resolve",
    verb: VERBS.resolve,
    // Dorset's forms ask no agreement at resolution; seed 001's later stages do (stage-request.test.ts).
    fields: ["resolvedOn", "outcomeConfirmed", "outcomeOther"] satisfies FieldsOf<"resolve">[],
    required: ["resolvedOn", "outcomeConfirmed"],
  },
  {
    title: "Escalate",
    verb: VERBS.escalate,
    // The person who answers the next stage comes from the directory; the form does not offer a choice.
    // Dorset does not ask again for the request at each stage; seed 001 does (stage-request.test.ts).
    fields: [
      "toStageId",
      "reasons",
      "bypassReason",
      "qaManagerConsulted",
      "timescaleDate",
    ] satisfies FieldsOf<"escalate">[],
    required: ["toStageId", "reasons"],
  },
  {
    title: "Refer to Cafcass",
    verb: VERBS.referToCafcass,
    fields: formFields("refer-to-cafcass", [
      "reasons",
      "nominatedOfficerInformed",
      "nominatedOfficerInformedOn",
    ]),
    required: ["reasons", "nominatedOfficerInformed", "nominatedOfficerInformedOn"],
  },
  {
    title: "Considering Cafcass",
    verb: VERBS.considerCafcass,
    fields: formFields("consider-cafcass", ["note"]),
    required: ["note"],
  },
  {
    title: "Extend",
    verb: VERBS.extend,
    fields: formFields("extend", ["newDue", "reason"]),
    required: ["newDue", "reason"],
  },
  {
    title: "Keep waiting",
    verb: VERBS.keepWaiting,
    fields: formFields("keep-waiting", ["until"]),
    required: ["until"],
  },
  {
    title: "Withdraw",
    verb: VERBS.withdraw,
    fields: formFields("withdraw", ["reason"]),
    required: ["reason"],
  },
];

describe("each form's inputs are the card action's fields", () => {
  const level1Escalation = level1();
  const forAnswerer = card(level1Escalation, people.teamManager);
  const forIro = card(level1Escalation, people.iro, { now: OVERDUE });

  it.each(FORMS.map((form) => [form.title, form] as const))("%s", (title, form) => {
    const view = title === "Respond" || title === "Hand to a delegate" ? forAnswerer : forIro;
    const shown = showCard(view, title);
    expect(shown).toBeDefined();
    const fields = inputs(shown);
    expect(fields.map((n) => n.id)).toEqual(form.fields);
    for (const field of fields) {
      const required = form.required.includes(String(field.id));
      expect([field.id, field.isRequired === true]).toEqual([field.id, required]);
      if (required) expect(typeof field.errorMessage === "string" && field.errorMessage !== "").toBe(true);
      if (field.type === "Input.Toggle") expect([field.valueOn, field.valueOff]).toEqual(["true", "false"]);
    }
    const submit = ofType(shown, "Action.Execute");
    expect(submit).toHaveLength(1);
    expect(submit[0]).toMatchObject({
      verb: form.verb,
      data: { escalationId: level1Escalation.id, stageId: "stage-1", version: level1Escalation.version },
    });
    expect(Object.keys(submit[0]!.data as object).sort()).toEqual(["escalationId", "stageId", "version"]);
  });

  it("the escalate form offers the later formal stages, the next one chosen", () => {
    const toStage = inputs(showCard(forIro, "Escalate")).find((n) => n.id === "toStageId");
    expect(toStage?.value).toBe("stage-2");
    expect((toStage?.choices as Node[]).map((c) => c.value)).toEqual(["stage-2", "stage-3", "stage-4"]);
  });

  it("a target stage timed by the child's needs makes its date required", () => {
    const needsDate = {
      ...policy("dorset-qaro"),
      stages: policy("dorset-qaro").stages.map((s) =>
        s.id === "stage-2" ? { ...s, timescale: { kind: "child-need" as const } } : s,
      ),
    };
    const atLevel1 = raised(context({ policy: needsDate }));
    const timescale = (p: typeof needsDate, e: Escalation) =>
      inputs(
        showCard(
          escalationCard({ escalation: e, policy: p, viewerId: people.iro.id, now: context().now, calendar }),
          "Escalate",
        ),
      ).find((n) => n.id === "timescaleDate");
    expect(timescale(needsDate, atLevel1)).toMatchObject({
      isRequired: false,
      label: "Respond by (needed for Level 2)",
    });
    const onlyNeed = {
      ...needsDate,
      stages: needsDate.stages.filter((s) => s.id !== "stage-3" && s.id !== "stage-4"),
    };
    expect(timescale(onlyNeed, atLevel1)).toMatchObject({ isRequired: true });
    expect(timescale(policy("dorset-qaro"), level1())).toMatchObject({ isRequired: false });
  });
});

describe("the record", () => {
  const { escalation, ctx } = twoStageJourney();
  const view = card(escalation, people.serviceManager, { now: ctx.now });
  const text = runTexts(view).join("");

  it("names the reference", () => {
    expect(ofType(view, "TextBlock").map((n) => n.text)).toContain("ESC-ESC1");
  });

  it.each([
    ["the policy", ["Dorset QARO Resolution/Escalation Process"]],
    [
      "the child",
      [
        "Name: Jamie Example",
        "Case ID: MOS-100234",
        "Date of birth: Monday 15 June 2015",
        "Legal status: Child in care (CIC)",
      ],
    ],
    [
      "the people",
      [
        "Social worker: Sam Walsh",
        "Team: North Children in Care Team",
        "Team manager: Tariq Mann",
        "QARO: Imogen Reeve",
        "QARO's manager: Irene Marsh",
      ],
    ],
    [
      "the concern",
      [
        "Category: Care Plan implementation",
        "Also: Other- please specify: Contact arrangements",
        "Summary: The care plan has not been signed off.",
        "Impact on the child: Jamie does not know where they will live.",
        "Action requested: Sign off the plan.",
        "By whom: Team Manager",
        "By when: Wednesday 2 December 2026",
        "Outcome sought: Other- specify: A plan Jamie understands",
      ],
    ],
    [
      "Level 1: sent, due with its rule, who answered, the delegate and why, the copied, the extension",
      [
        "Level 1",
        "Sent: Wednesday 4 November 2026 at 10:00",
        "Due: Friday 13 November 2026 (extended)",
        "Rule: Due by the end of Friday 13 November 2026, a date extended by the IRO",
        "To answer: Dana Temple",
        "Handed to Dana Temple by Tariq Mann, Thursday 5 November 2026 at 09:00. Reason: I am on leave this week.",
        "Copied: Sofia Marr, Quinn Abbott",
        "Extended from Wednesday 11 November 2026 to Friday 13 November 2026 by Imogen Reeve, Thursday 5 November 2026 at 11:00. Reason: Awaiting the review minutes.",
      ],
    ],
    [
      "Level 1: the response and how it ended",
      [
        "What is being done or has been done: The plan is with the Service Manager.",
        "Who: Dana Temple",
        "By when: Friday 20 November 2026",
        "Expected outcome for the child: Child’s Plan as required by regulations/internal protocol back on track",
        "Answered by: Dana Temple, Friday 6 November 2026 at 14:30",
        "Escalated to Level 2 by Imogen Reeve, Monday 9 November 2026 at 10:00. Reasons: The response sets no date for the sign-off.",
      ],
    ],
    [
      "Level 2: its response and its resolution",
      [
        "Level 2",
        "Sent: Monday 9 November 2026 at 10:00",
        "Due: Monday 16 November 2026",
        "Rule: Within 5 working days: by the end of Monday 16 November 2026.",
        "To answer: Sofia Marr",
        "What is being done or has been done: I signed off the plan today.",
        "Expected outcome for the child: Other- specify: Jamie has a signed plan",
        "Answered by: Sofia Marr, Tuesday 10 November 2026 at 16:00",
        "Resolved: on Wednesday 11 November 2026 (recorded by Imogen Reeve, Wednesday 11 November 2026 at 09:15)",
        "Outcome confirmed: Child’s Plan as required",
      ],
    ],
  ])("names %s", (_, expected) => {
    for (const words of expected) expect(text).toContain(words);
  });

  it("says the escalation's status", () => {
    expect(ofType(view, "TextBlock").map((n) => n.text)).toContain(
      "Status: Resolved, Wednesday 11 November 2026",
    );
  });

  it("lists the stages in order, then nothing more for a resolved concern", () => {
    const headings = ofType(view, "Container")
      .filter((n) => n.separator === true)
      .map((n) => runTexts((n.items as Node[])[0]).join(""));
    expect(headings).toEqual(["Child", "People", "Concern", "Level 1", "Level 2"]);
  });

  it("shows a referral to Cafcass and a withdrawal", () => {
    const start = answered();
    const referred = referredAtLevel1();
    const words = runTexts(card(referred, people.nominatedOfficer)).join("");
    expect(words).toContain(
      "Referred to Cafcass: by Imogen Reeve, Monday 9 November 2026 at 10:00; see the referral below",
    );
    expect(words).toContain("Referral to Cafcass");
    expect(words).toContain("Nominated Officer informed: Thursday 5 November 2026");
    expect(words).toContain("Reasons: The plan has drifted for a year.");

    const withdrawn = ok(
      withdraw(
        start,
        { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
        context(),
      ),
    ).escalation;
    expect(runTexts(card(withdrawn, people.iro)).join("")).toContain(
      "Withdrawn by Imogen Reeve, Wednesday 4 November 2026 at 10:00. Reason: Resolved in supervision.",
    );
  });

  it("shows how overdue the current stage is", () => {
    const words = runTexts(card(level1(), people.teamManager, { now: OVERDUE })).join("");
    expect(words).toContain("Due: Wednesday 11 November 2026: overdue by 3 working days");
  });

  it("shows a bypass with its reason", () => {
    const bypassed = raised(context(), {
      startStageId: "stage-3",
      bypassReason: "Urgent",
      qaManagerConsulted: true,
    });
    expect(runTexts(card(bypassed, people.iro)).join("")).toContain(
      "From the start to Level 3 (consulted the QA Manager and the Head of Quality Assurance and Partnerships): Urgent",
    );
  });
});

describe("people's words are shown exactly as written", () => {
  const { escalation, ctx } = twoStageJourney((words) => `${words} ${EVIL}`);
  const views = [
    card(escalation, people.iro, { now: ctx.now, headline: `Headline ${EVIL}`, notice: `Notice ${EVIL}` }),
    card({ ...escalation, status: "open" }, people.iro, { now: ctx.now }),
  ];

  it.each(views.map((v, i) => [i, v] as const))("view %i", (_, view) => {
    expect(schemaErrors(validateCard, view)).toEqual([]);
    // Only TextRuns (which are not markdown) carry them, and the templating evaluated none of them.
    const runs = runTexts(view);
    expect(runs.filter((t) => t.includes(EVIL)).length).toBeGreaterThan(12);
    for (const words of [
      "Jamie Example",
      "The care plan has not been signed off.",
      "I am on leave this week.",
    ]) {
      expect(runs.some((t) => t.includes(`${words} ${EVIL}`))).toBe(true);
    }
    for (const n of nodes(view)) {
      if (n.type === "TextRun") continue;
      for (const value of Object.values(n)) {
        if (typeof value === "string") expect(value).not.toContain("evil.example");
      }
    }
    // Clients turn {{DATE(...)}} into a local date even in a TextRun: an invisible joiner stops them.
    expect(JSON.stringify(view)).not.toContain("{{DATE(");
  });

  it("the name in the text and in the child's line is the one typed", () => {
    const runs = runTexts(views[0]);
    expect(runs).toContain(`Jamie Example ${EVIL}`);
    expect(runs).toContain(`Headline ${EVIL}`);
    expect(runs).toContain(`Notice ${EVIL}`);
  });

  it("nothing of the template is left unexpanded", () => {
    const plain = card(level1(), people.iro);
    expect(JSON.stringify(plain)).not.toContain("${");
    expect(JSON.stringify(plain)).not.toContain("$when");
    expect(JSON.stringify(plain)).not.toContain("$data");
  });
});

describe("the cards of one escalation", () => {
  it("are each the card the viewer would get if no other had been drawn before it", () => {
    const journey = twoStageJourney();
    const views = [level1(), answered(), referredAtLevel1(), journey.escalation].flatMap((escalation) =>
      participants(escalation).map((viewer) => ({ escalation, viewer })),
    );
    const drawn = views.map(({ escalation, viewer }) => card(escalation, viewer, { now: OVERDUE }));

    views.forEach(({ escalation, viewer }, i) => {
      jest.isolateModules(() => {
        // A fresh copy of the cards' module, which has drawn nothing.
        const fresh = jest.requireActual<typeof import("../../../src/adapters/cards")>(
          "../../../src/adapters/cards",
        );
        const alone = fresh.escalationCard(cardInput(escalation, viewer, { now: OVERDUE }));
        expect(drawn[i]).toEqual(alone);
      });
    });
  });

  it("are each the card the templating engine draws from the whole template and the same view", () => {
    const journey = twoStageJourney();
    for (const escalation of [level1(), answered(), referredAtLevel1(), journey.escalation]) {
      for (const viewer of participants(escalation)) {
        const input = cardInput(escalation, viewer, { now: OVERDUE, headline: "Response received: Level 1" });
        const view = escalationCardView(input);
        const engine: unknown = new ACData.Template(structuredClone(escalationTemplate)).expand({
          $root: view,
        });
        expect(escalationCard(input)).toEqual(engine);
      }
    }
  });

  it("set out the record as it stands on the day each is drawn, the same escalation drawn again the next day", () => {
    const escalation = level1();
    const due = (on: string, viewer: PersonRef) =>
      runTexts(card(escalation, viewer, { now: calendar.at(on, "10:00") }))
        .join("")
        .match(/Due: Wednesday 11 November 2026[^A-Z]*/g);
    // The summary at the top and the stage's own section both say it.
    const both = (words: string) => [
      `Due: Wednesday 11 November 2026${words}`,
      `Due: Wednesday 11 November 2026${words}`,
    ];
    expect(due("2026-11-10", people.iro)).toEqual(both(""));
    expect(due("2026-11-11", people.teamManager)).toEqual(both(": due today"));
    expect(due("2026-11-11", people.iro)).toEqual(both(": due today"));
    expect(due("2026-11-12", people.iro)).toEqual(both(": overdue by 1 working day"));
  });

  it("set out the record as the process it is drawn with says, the same escalation drawn with another", () => {
    const escalation = level1();
    const ctx = context({ policy: escalation.policyId as PolicyId });
    const { categories } = ctx.policy;
    const renamed = {
      ...ctx.policy,
      categories: {
        ...categories,
        items: categories.items.map((c) => ({ ...c, label: `${c.label} (renamed)` })),
      },
    };
    const texts = (policy: typeof ctx.policy) =>
      JSON.stringify(escalationCard({ escalation, policy, viewerId: people.iro.id, now: ctx.now, calendar }));
    expect(texts(ctx.policy)).not.toContain("(renamed)");
    expect(texts(renamed)).toContain("(renamed)");
    expect(texts(ctx.policy)).not.toContain("(renamed)");
  });
});

describe("refresh", () => {
  const mri = (id: string) => `29:${id}`;

  it("asks each participant's client to fetch its own view, then anyone else the record wrote to, by MRI", () => {
    const { escalation } = twoStageJourney();
    const view = card(escalation, people.iro, { teamsUserIdOf: mri });
    const onIt = participants(escalation).map((p) => p.id);
    const others = [...new Set(escalation.outbox.map((m) => m.to.id))].filter((id) => !onIt.includes(id));
    expect(view.refresh).toEqual({
      action: {
        type: "Action.Execute",
        verb: VERBS.refresh,
        title: "Refresh",
        data: { escalationId: escalation.id },
      },
      userIds: [...onIt, ...others].map(mri),
    });
  });

  it("leaves out people Teams has no id for yet: they get the card when they are reached", () => {
    const { escalation } = twoStageJourney();
    const known = new Set([people.iro.id, people.teamManager.id]);
    const view = card(escalation, people.iro, {
      teamsUserIdOf: (id) => (known.has(id) ? mri(id) : undefined),
    });
    expect((view.refresh as { userIds: string[] }).userIds).toEqual([
      mri(people.iro.id),
      mri(people.teamManager.id),
    ]);
  });

  it("names at most 60 people, the most involved first", () => {
    const crowd = Array.from({ length: 80 }, (_, i) => ({ id: `p-qa-${i}`, name: `QA ${i}` }));
    const escalation = { ...level1(), qaManagers: crowd };
    const refresh = card(escalation, people.iro, { teamsUserIdOf: mri }).refresh as { userIds: string[] };
    expect(refresh.userIds).toHaveLength(60);
    expect(refresh.userIds[0]).toBe(mri(people.iro.id));
  });
});

describe("date fields say which days they take (hardening point 12)", () => {
  it("every date input's message says what is wrong with a date, not only that one is needed", () => {
    const forAnswerer = card(level1(), people.teamManager);
    const forIro = card(level1(), people.iro, { now: OVERDUE });
    const dates = [...inputs(forAnswerer), ...inputs(forIro)].filter((n) => n.type === "Input.Date");
    expect(dates.length).toBeGreaterThanOrEqual(5);
    for (const input of dates) {
      expect([input.id, input.errorMessage]).toEqual([
        input.id,
        expect.stringMatching(/: (today or a later day|today or an earlier day|a working day after)/),
      ]);
    }
  });
});
