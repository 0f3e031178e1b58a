// Hardening point 14: every card meets WCAG 2.2 AA as Teams draws it. Coloured text meets 4.5:1 on Teams'
// light theme and never takes the colour of links, a status is a word, and every input, the toggles
// included, has a label.
import directoryFile from "../../../examples/directory.json";
import {
  type AdaptiveCard,
  escalationCard,
  helpCard,
  myEscalationsCard,
  raiseFormCard,
  refusalCard,
  welcomeCard,
} from "../../../src/adapters/cards";
import { summarise } from "../../../src/adapters/cosmos/escalation-document";
import { DirectoryIndex, directorySchema } from "../../../src/domain/directory";
import { type Escalation, participants } from "../../../src/domain/escalation";
import { withdraw } from "../../../src/domain/transitions";
import { actors, calendar, context, ok, policy, type PolicyId, raised } from "../../builders/escalations";
import {
  AA_CONTRAST,
  accessibilityProblems,
  contrastRatio,
  TEAMS_LIGHT_THEME,
} from "../../support/accessibility";
import { answeredAtLevel1, handOverWith, inputs, ofType, referredAtLevel1, twoStageJourney } from "./support";

const POLICIES: PolicyId[] = [
  "dorset-qaro",
  "escalation-of-concern",
  "professional-challenge",
  "multi-agency",
];
const directory = new DirectoryIndex(directorySchema.parse(directoryFile));
const RAISER = "753c206b-5640-5c12-b795-8c4dc42cb506";

const answered = answeredAtLevel1;

const referred = () => referredAtLevel1();

const withdrawn = () =>
  ok(
    withdraw(
      raised(),
      { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
      context(),
    ),
  ).escalation;

/** Every participant's card for the escalation at these moments (due, due today, overdue). */
function cardsOf(escalation: Escalation, moments: readonly string[] = [context().now]): AdaptiveCard[] {
  const ctx = context({ policy: escalation.policyId as PolicyId });
  return moments.flatMap((now) =>
    participants(escalation).map((viewer) =>
      escalationCard({
        escalation,
        policy: ctx.policy,
        viewerId: viewer.id,
        now,
        calendar,
        isQaManager: viewer.id === actors.qaManager.person.id,
        handOver: handOverWith(escalation, ctx.policy, []),
      }),
    ),
  );
}

const DUE_TODAY = calendar.at("2026-11-11", "10:00");
const OVERDUE = calendar.at("2026-11-16", "10:00");

function everyCard(): { what: string; card: unknown }[] {
  const cards: { what: string; card: unknown }[] = [];
  const add = (what: string, list: readonly unknown[]) => list.forEach((card) => cards.push({ what, card }));
  add("open", cardsOf(raised(), [context().now, DUE_TODAY, OVERDUE]));
  add("answered", cardsOf(answered()));
  add("resolved", cardsOf(twoStageJourney().escalation));
  add("referred", cardsOf(referred()));
  add("withdrawn", cardsOf(withdrawn()));
  for (const id of POLICIES) {
    add(`welcome ${id}`, [welcomeCard(policy(id)), helpCard(policy(id))]);
    add(`raise form ${id}`, [
      raiseFormCard({ formId: "form-0001-abcd", policy: policy(id), directory, raiserId: RAISER }),
    ]);
  }
  add("refusal", [refusalCard("Only Tariq Mann can respond.", "ESC-3F2A9C1B")]);
  const summaries = [raised(), twoStageJourney().escalation, withdrawn()].map(summarise);
  add("my escalations", [
    myEscalationsCard({
      waiting: [summaries[0]!],
      raised: summaries,
      policy: policy("dorset-qaro"),
      now: OVERDUE,
      calendar,
    }),
  ]);
  return cards;
}

describe("hardening point 14: accessibility", () => {
  it("the contrast check knows which of Teams' colours fail on white", () => {
    const on = (name: keyof typeof TEAMS_LIGHT_THEME.foreground) =>
      contrastRatio(TEAMS_LIGHT_THEME.foreground[name], TEAMS_LIGHT_THEME.background);
    expect(on("good")).toBeLessThan(AA_CONTRAST);
    expect(on("warning")).toBeLessThan(AA_CONTRAST);
    expect(on("attention")).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(on("default")).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(accessibilityProblems({ type: "TextBlock", text: "Resolved", color: "Good" })).toEqual([
      '"Resolved": Good on white is 2.1:1, under 4.5:1',
    ]);
  });

  it("every card, in every state and for every viewer, meets WCAG 2.2 AA", () => {
    const cards = everyCard();
    expect(cards.length).toBeGreaterThan(40);
    const problems = cards.flatMap(({ what, card }) =>
      accessibilityProblems(card).map((p) => `${what}: ${p}`),
    );
    expect([...new Set(problems)]).toEqual([]);
  });

  it("a status is a word, never a colour: the card says Status: and what it is", () => {
    const texts = (card: unknown) => ofType(card, "TextBlock").map((n) => String(n.text));
    expect(texts(cardsOf(raised())[0])).toContain("Status: Open");
    expect(texts(cardsOf(twoStageJourney().escalation)[0])).toContain(
      "Status: Resolved, Wednesday 11 November 2026",
    );
    expect(texts(cardsOf(withdrawn())[0])).toContain("Status: Withdrawn, Wednesday 4 November 2026");
  });

  it("the required toggle has a label, so Teams marks it required and shows its error beside it", () => {
    const iroCard = cardsOf(answered()).find((c) => JSON.stringify(c).includes("nominatedOfficerInformed"))!;
    const toggle = inputs(iroCard).find((n) => n.id === "nominatedOfficerInformed")!;
    expect(toggle).toMatchObject({
      type: "Input.Toggle",
      isRequired: true,
      label: "Nominated Officer informed",
    });
    for (const n of [...inputs(iroCard), ...everyCard().flatMap(({ card }) => inputs(card))]) {
      expect(typeof n.label === "string" && n.label.trim() !== "").toBe(true);
    }
  });
});
