// "My escalations" for the people who oversee: a QA Manager sees every open escalation, a senior manager
// (Service Manager, Head of Locality, Head of Service) the open ones in the teams they hold that role for;
// overdue first, each with its team, stage and due date, an Open button and, on the card it opens, the way
// back to the list. Someone who oversees no team sees only their own lists, and cannot open the others.
import { VERBS } from "../../src/adapters/cards";
import { reference } from "../../src/adapters/cards/render";
import { accessibilityProblems } from "../support/accessibility";
import {
  BotHarness,
  buttonsOf,
  type Card,
  cardText,
  CHILD,
  findAction,
  raiseThroughCard,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;
const ids: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };

const personId = (name: string) => SAMPLE_DIRECTORY.people.find((p) => p.name === name)!.id;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  for (const name of [
    "Priya Shah",
    "Helen Marsh",
    "Hannah Brooks",
    "Ian Moss",
    "Julia Fenwick",
    "Tom Okafor",
  ])
    await h.as(name).install();
  // A: North, raised Wednesday 4 November, Level 1 due 11 November.
  ids.a = await raiseThroughCard(h, priya, VERBS.raise);
  // B: East (child protection), raised Monday 9 November, due 16 November.
  h.clock.set("2026-11-09T10:00:00.000Z");
  ids.b = await raiseThroughCard(h, priya, VERBS.raise, {
    teamId: "east-cp",
    legalStatus: "CP",
    socialWorkerId: personId("Chloe Evans"),
    teamManagerId: personId("Farah Iqbal"),
    caseId: "LCS-500002",
  });
  // C: North, raised Monday 16 November, due 23 November.
  h.clock.set("2026-11-16T10:00:00.000Z");
  ids.c = await raiseThroughCard(h, priya, VERBS.raise, { caseId: "LCS-500003" });
}, 90_000);

afterAll(async () => {
  await h.close();
});

async function myList(name: string): Promise<Card> {
  const person = h.as(name);
  const before = person.received().length;
  await person.say("my escalations");
  return person.received()[before]!.card;
}

/** The first list's heading and its entries, one line each: "ESC-… · Case … / team · stage, due … · overdue". */
function firstList(card: Card): { heading: string; entries: string[] } {
  const lists = (card["body"] as Record<string, unknown>[]).filter((n) => n["type"] === "Container");
  const first = lists[0]!;
  const items = first["items"] as Record<string, unknown>[];
  return {
    heading: cardText(items[0]),
    entries: items.filter((n) => n["type"] === "Container").map((n) => cardText(n)),
  };
}

it("a QA Manager sees every open escalation, overdue first, with team, stage and due date", async () => {
  const card = await myList("Helen Marsh");
  const { heading, entries } = firstList(card);
  expect(heading).toBe("Every open escalation, overdue first (3)");
  expect(entries[0]).toContain(reference(ids.a));
  expect(entries[0]).toContain("North Children in Care Team · Level 1, due Wednesday 11 November 2026");
  expect(entries[0]).toContain("overdue by 3 working days");
  expect(entries[1]).toContain(reference(ids.b));
  expect(entries[1]).toContain("East Child Protection Team · Level 1, due Monday 16 November 2026");
  expect(entries[1]).not.toContain("overdue");
  expect(entries[2]).toContain(reference(ids.c));
  expect(buttonsOf(card).map((b) => b.title)).toEqual(
    expect.arrayContaining([
      `Open ${reference(ids.a)}`,
      `Open ${reference(ids.b)}`,
      `Open ${reference(ids.c)}`,
    ]),
  );
  // The list names no child: case IDs only.
  expect(cardText(card)).not.toContain(CHILD.name);
  expect(accessibilityProblems(card)).toEqual([]);
});

it("a Service Manager sees the open escalations of the teams they manage, and no other", async () => {
  const hannah = firstList(await myList("Hannah Brooks"));
  expect(hannah.heading).toBe("Open in your teams, overdue first (2)");
  expect(hannah.entries.map((e) => e.slice(0, 12))).toEqual([reference(ids.a), reference(ids.c)]);
  const ian = firstList(await myList("Ian Moss"));
  expect(ian.heading).toBe("Open in your teams, overdue first (1)");
  expect(ian.entries[0]).toContain(reference(ids.b));
});

it("a Head of Locality opens one from the list, sees the child, and goes back to the list", async () => {
  const julia = h.as("Julia Fenwick");
  const list = await myList("Julia Fenwick");
  expect(firstList(list).heading).toBe("Open in your teams, overdue first (3)");
  const opened = await julia.press(list, VERBS.refresh, {}, {});
  // press() takes the first Open button: the most overdue.
  expect(opened.status).toBe(200);
  expect(cardText(opened.card)).toContain(CHILD.name);
  expect(cardText(opened.card)).toContain(reference(ids.a));
  const back = findAction(opened.card!, VERBS.myEscalations);
  expect(back?.title).toBe("Back to my escalations");
  const again = await julia.press(opened.card!, VERBS.myEscalations);
  expect(firstList(again.card!).heading).toBe("Open in your teams, overdue first (3)");
});

it("someone who oversees no team has no such list, and cannot open an escalation they are not on", async () => {
  const tom = h.as("Tom Okafor");
  const card = await myList("Tom Okafor");
  expect(cardText(card)).not.toContain("overdue first");
  const refused = await tom.act(VERBS.refresh, { escalationId: ids.a, from: "my-escalations" });
  expect(cardText(refused.card)).toContain("Only the people on this escalation can see it.");
  expect(cardText(refused.card)).not.toContain(CHILD.name);
});
