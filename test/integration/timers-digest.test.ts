/**
 * The QA Manager's digest through the bot as Teams meets it: sent by the weekly timer to each QA Manager (once a
 * day whatever the timer does, thanks to the delivery log), only at 08:00 London time on a Monday unless forced,
 * and on demand with the command `digest`, for QA Managers only. The cards carry the week's figures for a
 * small set of escalations whose answers were worked out by hand, name children by case ID only, stay under
 * Teams' 28 KB, and validate against the Adaptive Card 1.5 schema once each chart is replaced by its fallback.
 */
import { reference, VERBS } from "../../src/adapters/cards";
import {
  BotHarness,
  type Card,
  cardSchemaProblems,
  cardText,
  CHILD,
  findAction,
  headlineOf,
  nodesOf,
  raiseThroughCard,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
} from "../support/bot-harness";

const TEAMS_LIMIT = 28 * 1024;
const DIGEST_SUMMARY = "Your weekly escalations digest";

let h: BotHarness;
let priya: TeamsPerson;
let helen: TeamsPerson;
const ids: Record<"north" | "south" | "east", string> = { north: "", south: "", east: "" };

function person(name: string): string {
  const found = SAMPLE_DIRECTORY.people.find((p) => p.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found.id;
}

const latestCard = (p: TeamsPerson): Card => p.received().at(-1)!.card;

beforeAll(async () => {
  // Wednesday 11 November 2026, 10:00 in London (GMT).
  h = await BotHarness.start({ now: "2026-11-11T10:00:00.000Z" });
  priya = h.as("Priya Shah");
  helen = h.as("Helen Marsh");
  // Everyone on these escalations has the bot, except Erin Walsh (South CIC's Team Manager).
  for (const name of [
    "Priya Shah",
    "Helen Marsh",
    "Daniel Reid",
    "Hannah Brooks",
    "Farah Iqbal",
    "Ian Moss",
  ]) {
    await h.as(name).install();
  }

  // South: raised Wed 11 Nov, due Wed 18 Nov (12, 13, 16, 17, 18); never answered, so on Mon 23 Nov it is
  // 3 working days overdue (19, 20, 23). Its card to Erin Walsh cannot be delivered.
  ids.south = await raiseThroughCard(h, priya, VERBS.raise, {
    caseId: "LCS-200002",
    teamId: "south-cic",
    socialWorkerId: person("Ben Hughes"),
    teamManagerId: person("Erin Walsh"),
    categories: "care-plan-implementation",
  });
  // North: raised Mon 16 Nov, due Mon 23 Nov (17, 18, 19, 20, 23): due this week, on the digest's day.
  h.clock.set("2026-11-16T10:00:00.000Z");
  ids.north = await raiseThroughCard(h, priya, VERBS.raise, {
    caseId: "LCS-100001",
    categories: "care-plan-implementation,health-issues",
  });
  // East: a child protection case raised Tue 17 Nov, answered Wed 18 Nov (1 working day, on time: due
  // Tue 24 Nov), resolved Thu 19 Nov.
  h.clock.set("2026-11-17T10:00:00.000Z");
  ids.east = await raiseThroughCard(h, priya, VERBS.raise, {
    caseId: "LCS-300003",
    legalStatus: "CP",
    teamId: "east-cp",
    socialWorkerId: person("Chloe Evans"),
    teamManagerId: person("Farah Iqbal"),
    categories: "safety",
  });
  h.clock.set("2026-11-18T11:00:00.000Z");
  const farah = h.as("Farah Iqbal");
  const responded = await farah.press(latestCard(farah), VERBS.respond, {
    whatDone: "A strategy meeting was held and a safety plan agreed.",
    who: "Chloe Evans",
    byWhen: "2026-11-25",
    expectedOutcome: "safeguarding-concern-addressed",
  });
  expect(responded.status).toBe(200);
  await h.idle();
  h.clock.set("2026-11-19T14:00:00.000Z");
  const resolved = await priya.press(latestCard(priya), VERBS.resolve, {
    resolvedOn: "2026-11-19",
    outcomeConfirmed: "safeguarding-concern-addressed",
  });
  expect(headlineOf(resolved.card!)).toBe("The escalation is resolved");
  await h.idle();
  expect((await h.escalation(ids.east)).status).toBe("resolved");
});

afterAll(async () => {
  await h.close();
});

/** The digest cards posted since the connector had `from` cards, to anyone. */
function digestsSince(from: number): { to: string; card: Card; summary: string }[] {
  return h.connector
    .cards()
    .slice(from)
    .map((c) => ({ to: c.conversationId, card: c.card, summary: c.summary ?? "" }));
}

/** The card with each `Chart.*` element replaced by its fallback (or dropped), as a client that draws no charts shows it. */
function withoutCharts(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .filter(
        (v) =>
          !(
            String((v as Record<string, unknown> | null)?.["type"]).startsWith("Chart.") &&
            (v as Record<string, unknown>)["fallback"] === "drop"
          ),
      )
      .map(withoutCharts);
  if (typeof value !== "object" || value === null) return value;
  const node = value as Record<string, unknown>;
  if (typeof node["type"] === "string" && node["type"].startsWith("Chart.")) {
    if (node["fallback"] === undefined) throw new Error(`${node["type"]} has no fallback`);
    return withoutCharts(node["fallback"]);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withoutCharts(v)]));
}

/** Every fact of the card outside its charts (whose fallbacks repeat the themes), title → value. */
function factsOf(card: Card): Record<string, string> {
  const body = Array.isArray(card["body"]) ? (card["body"] as Record<string, unknown>[]) : [];
  const facts: Record<string, string> = {};
  for (const node of nodesOf(body.filter((e) => !String(e["type"]).startsWith("Chart.")))) {
    if (node["type"] !== "FactSet" || !Array.isArray(node["facts"])) continue;
    for (const f of node["facts"] as { title: string; value: string }[]) facts[f.title] = f.value;
  }
  return facts;
}

function charts(card: Card): Record<string, unknown>[] {
  return nodesOf(card).filter((n) => typeof n["type"] === "string" && n["type"].startsWith("Chart."));
}

/** The words of the cards' TextRuns, one line per RichTextBlock. */
function listed(cards: readonly Card[]): string[] {
  return cards.flatMap((card) =>
    nodesOf(card)
      .filter((n) => n["type"] === "RichTextBlock")
      .map((n) => (n["inlines"] as { text: string }[]).map((i) => i.text).join("")),
  );
}

function expectAWellFormedDigest(cards: readonly Card[]): void {
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    expect(cardSchemaProblems(withoutCharts(card))).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_LIMIT);
    const text = JSON.stringify(card);
    for (const word of [CHILD.name, ...CHILD.name.split(" "), CHILD.dateOfBirth, "9 March 2014"]) {
      expect(text).not.toContain(word);
    }
  }
}

describe("the weekly digest on Monday 23 November 2026", () => {
  let cards: Card[];

  it("is not sent by the timer at 07:00 London time", async () => {
    h.clock.set("2026-11-23T07:00:00.000Z");
    const before = h.connector.cards().length;
    expect(await h.bot.sendDigests()).toBeUndefined();
    expect(digestsSince(before)).toEqual([]);
  });

  it("forced, goes to each QA Manager who has installed the bot: Helen Marsh", async () => {
    h.clock.set("2026-11-23T08:00:00.000Z");
    const before = h.connector.cards().length;
    const run = await h.bot.sendDigests({ force: true });
    expect(run).toEqual({ qaManagers: 1, sent: 1, skipped: 0, undelivered: 0 });
    const sent = digestsSince(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((s) => s.to === helen.user.conversationId && s.summary === DIGEST_SUMMARY)).toBe(true);
    cards = sent.map((s) => s.card);
    // The message around each card (ids, conversation, preview) takes under 1 KB: the card unit tests keep
    // each card 1 KB under the limit.
    const activities = h.connector.activities(helen.user.conversationId).slice(-sent.length);
    for (const [i, a] of activities.entries()) {
      const envelope =
        Buffer.byteLength(JSON.stringify(a.activity)) - Buffer.byteLength(JSON.stringify(cards[i]));
      expect(envelope).toBeLessThan(1024);
    }
  });

  it("carries the figures worked out by hand", () => {
    expect(headlineOf(cards[0]!)).toBe(
      "Escalations digest: Monday 16 November 2026 to Monday 23 November 2026",
    );
    expect(factsOf(cards[0]!)).toEqual({
      Open: "2",
      "Due this week": "1",
      Overdue: "1",
      "Concluded this period": "1",
      "Responses on time": "100% (1 of 1)",
      "Median time to respond": "1 working day",
      "Messages not delivered": "1",
      "Care Plan implementation": "2",
      "Concerns re: safety": "1",
      "Health issues": "1",
      "Level 1": "2",
      "North Children in Care Team": "1 open, 0 overdue",
      "South Children in Care Team": "1 open, 1 overdue",
    });
    const lines = listed(cards);
    expect(lines).toEqual([
      `LCS-200002 (${reference(ids.south)}) · Level 1 · due Wednesday 18 November 2026, overdue by 3 working days · Erin Walsh · South Children in Care Team`,
      `LCS-100001 (${reference(ids.north)}) · Level 1 · due Monday 23 November 2026 · Daniel Reid · North Children in Care Team`,
      `LCS-300003 (${reference(ids.east)}) · Thursday 19 November 2026 · Resolved: Safeguarding concern addressed- child now safe`,
      `${reference(ids.south)} · the stage to answer, to Erin Walsh, since Wednesday 11 November 2026: Erin Walsh has not opened the bot in Teams yet`,
    ]);
  });

  it("draws the themes as bars with their full labels and counts, then the same numbers as text", () => {
    const found = cards.flatMap(charts);
    expect(found).toHaveLength(1);
    const chart = found[0]!;
    expect(chart["type"]).toBe("Chart.HorizontalBar");
    const themes = [
      { x: "Care Plan implementation", y: 2 },
      { x: "Concerns re: safety", y: 1 },
      { x: "Health issues", y: 1 },
    ];
    expect(chart["data"]).toEqual(themes);
    const body = cards[0]!["body"] as Record<string, unknown>[];
    expect(body[body.indexOf(chart) + 1]!["facts"]).toEqual(
      themes.map((t) => ({ title: t.x, value: String(t.y) })),
    );
  });

  it("opens an overdue escalation in a new message from its button, leaving the digest as it is", async () => {
    const card = cards.find((c) => findAction(c, VERBS.open))!;
    helen.newCards();
    const answer = await helen.press(card, VERBS.open);
    expect(answer.status).toBe(200);
    // A message answer: Teams keeps the digest card and shows the words.
    expect(answer.card).toBeUndefined();
    expect(answer.message).toBe(`${reference(ids.south)} is opened below.`);
    const opened = helen.newCards();
    expect(opened.map((c) => c.summary)).toEqual([reference(ids.south)]);
    expect(cardText(opened[0]!.card)).toContain("LCS-200002");
  });

  it("is valid, under 28 KB a card, and names children by case ID only", () => {
    expectAWellFormedDigest(cards);
  });

  it("is not sent twice the same day, forced or by the timer", async () => {
    const before = h.connector.cards().length;
    expect(await h.bot.sendDigests()).toEqual({ qaManagers: 1, sent: 0, skipped: 1, undelivered: 0 });
    h.clock.set("2026-11-23T08:45:00.000Z");
    expect(await h.bot.sendDigests({ force: true })).toMatchObject({ sent: 0, skipped: 1 });
    expect(await Promise.all([h.bot.sendDigests(), h.bot.sendDigests()])).toEqual([
      expect.objectContaining({ sent: 0 }),
      expect.objectContaining({ sent: 0 }),
    ]);
    expect(digestsSince(before)).toEqual([]);
  });

  it("is not sent by the timer at 09:00 London time", async () => {
    h.clock.set("2026-11-23T09:00:00.000Z");
    expect(await h.bot.sendDigests()).toBeUndefined();
  });
});

describe("the command digest", () => {
  it("shows a QA Manager the digest cards", async () => {
    h.clock.set("2026-11-23T10:00:00.000Z");
    helen.newCards();
    const answer = await helen.say("digest");
    expect(answer.status).toBe(200);
    const shown = helen.newCards().map((c) => c.card);
    expectAWellFormedDigest(shown);
    expect(headlineOf(shown[0]!)).toMatch(/^Escalations digest: /);
    expect(factsOf(shown[0]!)).toMatchObject({ Open: "2", Overdue: "1", "Concluded this period": "1" });
    expect(shown.flatMap(charts).map((c) => c["type"])).toEqual(["Chart.HorizontalBar"]);
  });

  it("refuses anyone else", async () => {
    priya.newCards();
    const answer = await priya.say("digest");
    expect(answer.status).toBe(200);
    const shown = priya.newCards();
    expect(shown.map((c) => c.summary)).toEqual(["The digest is for QA Managers"]);
    expect(JSON.stringify(shown[0]!.card)).toContain("The digest is for QA Managers.");
    expect(shown.flatMap((c) => charts(c.card))).toEqual([]);
    expect(JSON.stringify(shown[0]!.card)).not.toContain("LCS-");
  });
});

describe("the weekly timer in British Summer Time", () => {
  it("sends at 07:00Z on a Monday (08:00 in London), and not at 08:00Z (09:00 in London)", async () => {
    // Monday 5 April 2027.
    h.clock.set("2027-04-05T07:00:00.000Z");
    const before = h.connector.cards().length;
    expect(await h.bot.sendDigests()).toMatchObject({ sent: 1 });
    expect(digestsSince(before).map((s) => s.to)).toEqual(
      expect.arrayContaining([helen.user.conversationId]),
    );
    h.clock.set("2027-04-05T08:00:00.000Z");
    expect(await h.bot.sendDigests()).toBeUndefined();
  });
});

// The local host calls the digest every minute, so the day is checked as well as the hour.
it("is not sent by the timer at 08:00 London time on a day other than Monday", async () => {
  h.clock.set("2026-11-24T08:00:00.000Z");
  const before = h.connector.cards().length;
  expect(await h.bot.sendDigests()).toBeUndefined();
  expect(digestsSince(before)).toEqual([]);
});
