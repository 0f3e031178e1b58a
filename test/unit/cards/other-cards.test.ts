// The welcome, help, refusal and my-escalations cards: valid Adaptive Cards 1.5, no child's name in any of
// them, and verbs the Teams handlers know.
import {
  type AdaptiveCard,
  escalationCard,
  helpCard,
  myEscalationsCard,
  reference,
  refusalCard,
  VERBS,
  welcomeCard,
} from "../../../src/adapters/cards";
import { summarise } from "../../../src/adapters/cosmos/escalation-document";
import { actors, calendar, context, people, policy, type PolicyId, raised } from "../../builders/escalations";

/** A concern between agencies raised straight at stage 3, where the lead agency owes its form. */
const multiAgencyAtStage3 = () =>
  raised(context({ policy: "multi-agency" }), {
    startStageId: "stage-3",
    bypassReason: "The managers already met and could not agree.",
  });
import {
  answeredAtLevel1,
  handOverWith,
  type Node,
  ofType,
  runTexts,
  schemaErrors,
  twoStageJourney,
  validateCard,
} from "./support";

const POLICIES: PolicyId[] = [
  "dorset-qaro",
  "escalation-of-concern",
  "professional-challenge",
  "multi-agency",
];
const EVIL = "**bold** [click](https://evil.example) ${child.name} {{DATE(2026-01-01T00:00:00Z)}}";
const OVERDUE = calendar.at("2026-11-16", "10:00");

function myCard() {
  const open = raised();
  const resolved = twoStageJourney().escalation;
  const other = raised(context(), { id: "3f2a9c1b-0000-4000-8000-000000000000" });
  return myEscalationsCard({
    waiting: [summarise(open)],
    raised: [summarise(open), summarise(resolved), summarise(other)],
    policy: policy("dorset-qaro"),
    now: OVERDUE,
    calendar,
  });
}

describe("every card is a valid Adaptive Card 1.5", () => {
  it.each(POLICIES)("welcome and help under %s", (id) => {
    expect(schemaErrors(validateCard, welcomeCard(policy(id)))).toEqual([]);
    expect(schemaErrors(validateCard, helpCard(policy(id)))).toEqual([]);
  });

  it("refusal", () => {
    expect(schemaErrors(validateCard, refusalCard("Only Tariq Mann can respond.", "ESC-3F2A9C1B"))).toEqual(
      [],
    );
    expect(schemaErrors(validateCard, refusalCard("This card could not be read."))).toEqual([]);
  });

  it("my escalations, full and empty", () => {
    expect(schemaErrors(validateCard, myCard())).toEqual([]);
    const empty = myEscalationsCard({
      waiting: [],
      raised: [],
      policy: policy("dorset-qaro"),
      now: OVERDUE,
      calendar,
    });
    expect(schemaErrors(validateCard, empty)).toEqual([]);
    expect(ofType(empty, "TextBlock").map((n) => n.text)).toEqual(
      expect.arrayContaining(["Nothing is waiting for your answer.", "You have not raised any concerns."]),
    );
  });
});

describe("no child's name outside the escalation card and the raise form", () => {
  const { escalation } = twoStageJourney();
  const child = escalation.child;
  it.each<[string, () => AdaptiveCard]>([
    ["welcome", () => welcomeCard(policy("dorset-qaro"))],
    ["help", () => helpCard(policy("dorset-qaro"))],
    [
      "refusal",
      () =>
        refusalCard(
          "Only Sofia Marr, who was asked to answer Level 2, can respond.",
          reference(escalation.id),
        ),
    ],
    ["my escalations", myCard],
    [
      "the escalation card, to someone not on it",
      () =>
        escalationCard({
          escalation,
          policy: policy("dorset-qaro"),
          viewerId: people.stranger.id,
          now: OVERDUE,
          calendar,
        }),
    ],
  ])("%s", (_, build) => {
    const json = JSON.stringify(build());
    expect(json).not.toContain(child.name);
    expect(json).not.toContain("Jamie");
    expect(json).not.toContain(child.dateOfBirth);
    expect(json).not.toContain(escalation.concern.summary);
  });
});

describe("my escalations", () => {
  const card = myCard();
  const lists = ofType(card, "Container").filter((n) => n.spacing === "Medium");

  it("lists what waits for an answer and what was raised, by reference and case ID", () => {
    expect(lists.map((l) => ((l.items as Node[])[0] as Node).text)).toEqual([
      "Waiting for your answer (1)",
      "Raised by you (3)",
    ]);
    const words = runTexts(card).join("|");
    expect(words).toContain(
      "ESC-ESC1| · Case |MOS-100234|Level 1, due Wednesday 11 November 2026| · overdue by 3 working days",
    );
    expect(words).toContain("Waiting for a response");
    expect(words).toContain("Resolved, Wednesday 11 November 2026");
    expect(words).toContain("ESC-3F2A9C1B");
  });

  it("opens each escalation with the refresh verb, saying it was opened from the list", () => {
    const opens = ofType(card, "Action.Execute").filter((a) => a.verb === VERBS.refresh);
    const fromList = (escalationId: string) => ({ escalationId, from: "my-escalations" });
    expect(opens.map((a) => a.data)).toEqual([
      fromList("esc-1"),
      fromList("esc-1"),
      fromList("esc-1"),
      fromList("3f2a9c1b-0000-4000-8000-000000000000"),
    ]);
  });

  it("shows the first 20 of a long list and says how many more", () => {
    const many = Array.from({ length: 23 }, (_, i) => ({ ...summarise(raised()), id: `esc-${i}` }));
    const long = myEscalationsCard({
      waiting: many,
      raised: [],
      policy: policy("dorset-qaro"),
      now: OVERDUE,
      calendar,
    });
    expect(ofType(long, "Action.Execute").filter((a) => a.verb === VERBS.refresh)).toHaveLength(20);
    expect(ofType(long, "TextBlock").map((n) => n.text)).toContain("And 3 more, not shown.");
  });

  it("shows a case ID exactly as typed", () => {
    const summary = { ...summarise(raised()), caseId: EVIL };
    const card = myEscalationsCard({
      waiting: [summary],
      raised: [],
      policy: policy("dorset-qaro"),
      now: OVERDUE,
      calendar,
    });
    expect(runTexts(card)).toContain(EVIL);
    expect(JSON.stringify(card)).not.toContain("{{DATE(");
    expect(ofType(card, "TextBlock").some((n) => String(n.text).includes("evil.example"))).toBe(false);
  });
});

describe("welcome and help", () => {
  it("the welcome card starts the raise form, lists my escalations and opens help in place", () => {
    const card = welcomeCard(policy("dorset-qaro"));
    const actions = card.actions as Node[];
    expect(actions.map((a) => [a.type, a.title, a.verb])).toEqual([
      ["Action.Execute", "Raise a concern", VERBS.openRaiseForm],
      ["Action.Execute", "My escalations", VERBS.myEscalations],
      ["Action.ShowCard", "Help", undefined],
    ]);
    expect(actions[2]!.card).toEqual(helpCard(policy("dorset-qaro")));
    expect(runTexts(card).join(" ")).toContain("When a QARO raises a concern");
  });

  it("puts the article the raiser's title needs: an IRO or CP Chair, a QARO", () => {
    expect(runTexts(welcomeCard(policy("escalation-of-concern"))).join(" ")).toContain(
      "When an IRO or CP Chair raises a concern",
    );
    expect(runTexts(welcomeCard(policy("professional-challenge"))).join(" ")).toContain(
      "When an IRO / CP chair raises a concern",
    );
  });

  it("the help card lists the commands and the policy's ladder", () => {
    const card = helpCard(policy("dorset-qaro"));
    const facts = ofType(card, "FactSet").flatMap((f) => (f.facts as Node[]).map((x) => x.title));
    expect(facts).toEqual(["raise", "my escalations", "record ESC-…", "report 2026-Q3", "digest", "help"]);
    const words = runTexts(card);
    expect(words).toEqual(
      expect.arrayContaining([
        "Informal: ",
        "the Team Manager answers by a date set according to the child's needs. Copied: Social Worker.",
        "Level 1: ",
        "the Team Manager answers within 5 working days. Copied: Service Manager, QA Manager.",
        "Level 5: Referral to CAF/CASS: ",
        "the QARO may refer at any time, for child in care only. The Local Authority Nominated Officer must be informed first. Copied: QA Manager, Head of Quality Assurance and Partnerships, Local Authority Nominated Officer.",
        "The formal stages total 20 working days.",
        "The QARO may start at a later stage or skip stages, with a reason and consultation with the QA Manager and the Head of Quality Assurance and Partnerships.",
      ]),
    );
  });

  it("says when a policy's formal stages add up to more than the IRO Handbook's 20 working days", () => {
    const words = runTexts(helpCard(policy("escalation-of-concern")));
    expect(words).toContain(
      "The formal stages total 22 working days, more than the 20 of the IRO Handbook (6.2).",
    );
    expect(runTexts(helpCard(policy("professional-challenge")))).toContain(
      "the Service Manager answers within 5 working days (10 working days from the start of the challenge). Copied: IRO's Manager.",
    );
  });
});

describe("refusal", () => {
  it("shows the message literally and the reference", () => {
    const card = refusalCard(`Not allowed ${EVIL}`, "ESC-3F2A9C1B");
    expect(runTexts(card)).toEqual([`Not allowed ${EVIL}`]);
    expect(ofType(card, "TextBlock").map((n) => n.text)).toContain("Reference: ESC-3F2A9C1B");
    expect(JSON.stringify(card)).not.toContain("{{DATE(");
  });

  it("puts nothing but a reference in a TextBlock", () => {
    const card = refusalCard("No.", "[click](https://evil.example)");
    expect(JSON.stringify(card)).not.toContain("evil.example");
  });
});

describe("reference", () => {
  it("is ESC- and the id's first 8 letters and digits, upper case", () => {
    expect(reference("3f2a9c1b-0000-4000-8000-000000000000")).toBe("ESC-3F2A9C1B");
    expect(reference("esc-1")).toBe("ESC-ESC1");
  });
});

describe("verbs", () => {
  it("every Action.Execute on every card uses a verb the handlers know", () => {
    const { escalation } = twoStageJourney();
    const cards: AdaptiveCard[] = [
      welcomeCard(policy("dorset-qaro")),
      myCard(),
      refusalCard("No.", "ESC-1"),
      ...[people.iro, people.teamManager, people.serviceManager].map((viewer) =>
        escalationCard({
          escalation: raised(),
          policy: policy("dorset-qaro"),
          viewerId: viewer.id,
          now: OVERDUE,
          calendar,
          isQaManager: viewer === people.iro,
          handOver: handOverWith(raised(), policy("dorset-qaro"), [people.deputyTeamManager]),
        }),
      ),
      escalationCard({
        escalation,
        policy: policy("dorset-qaro"),
        viewerId: actors.iro.person.id,
        now: OVERDUE,
        calendar,
      }),
      // The lead agency's manager at the multi-agency stage 3: the Escalation Notification Form.
      escalationCard({
        escalation: multiAgencyAtStage3(),
        policy: policy("multi-agency"),
        viewerId: people.serviceManager.id,
        now: OVERDUE,
        calendar,
      }),
      // The person who answered, before the IRO acts: they may correct their response.
      escalationCard({
        escalation: answeredAtLevel1(),
        policy: policy("dorset-qaro"),
        viewerId: people.teamManager.id,
        now: OVERDUE,
        calendar,
      }),
    ];
    const known = new Set<string>(Object.values(VERBS));
    const used = new Set(cards.flatMap((c) => ofType(c, "Action.Execute").map((a) => String(a.verb))));
    expect([...used].filter((v) => !known.has(v))).toEqual([]);
    // Every verb but "raise" (sent by the raise form) and "open" (on the digest's overdue items), each
    // tested with its card, appears on one of these cards.
    expect([...known].filter((v) => !used.has(v))).toEqual([VERBS.raise, VERBS.open]);
  });
});
