/**
 * How the bot's messages reach people: through the outbox, right after the write that owed them. Someone who
 * has not installed the bot yet keeps their message owed (nothing is dropped) until they do; a connector
 * that throttles is waited for as its Retry-After asks, and the message is delivered once. No notification
 * preview names a child.
 */
import { VERBS } from "../../src/adapters/cards";
import { dispatchOutbox } from "../../src/application/dispatch-outbox";
import {
  BotHarness,
  cardSchemaProblems,
  headlineOf,
  previewOf,
  previewsNamingTheChild,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;
let daniel: TeamsPerson;
let hannah: TeamsPerson;
let helen: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  daniel = h.as("Daniel Reid");
  hannah = h.as("Hannah Brooks");
  helen = h.as("Helen Marsh");
  for (const person of [priya, hannah, helen]) await person.install();
});

afterAll(async () => {
  await h.close();
});

describe("a person with no stored conversation reference", () => {
  let id: string;

  it("keeps their message owed, with the reason, and delivers everyone else's", async () => {
    expect(await h.bot.services.conversations.get(daniel.id)).toBeUndefined();
    id = await raiseThroughCard(h, priya, VERBS.raise);
    const escalation = await h.escalation(id);
    const toDaniel = escalation.outbox.filter((m) => m.to.id === daniel.id);
    expect(toDaniel).toEqual([
      expect.objectContaining({
        kind: "stage-assigned",
        status: "pending",
        lastError: "no-conversation-reference",
      }),
    ]);
    const others = escalation.outbox.filter((m) => m.to.id !== daniel.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((m) => m.status === "sent")).toBe(true);
    expect(await h.bot.services.store.withPendingMessages(100)).toContain(id);
    expect(h.connector.activities(daniel.user.conversationId)).toEqual([]);
  });

  it("is not tried again before its retry time", async () => {
    const result = await dispatchOutbox(h.bot.dispatch, id);
    expect(result).toEqual({ sent: 0, undelivered: 0 });
  });

  it("is delivered once they have installed the bot and the outbox is dispatched again", async () => {
    await daniel.install();
    daniel.newCards();
    h.clock.advance(16 * 60_000);
    const result = await dispatchOutbox(h.bot.dispatch, id);
    expect(result).toEqual({ sent: 1, undelivered: 0 });
    expect(daniel.newCards().map((c) => headlineOf(c.card))).toEqual(["You are asked to respond: Level 1"]);
    const item = (await h.escalation(id)).outbox.find((m) => m.to.id === daniel.id);
    expect(item).toMatchObject({ status: "sent", attempts: 2 });
    expect(item?.lastError).toBeUndefined();
    expect(await h.bot.services.store.withPendingMessages(100)).not.toContain(id);
    // Dispatching again sends nothing twice.
    expect(await dispatchOutbox(h.bot.dispatch, id)).toEqual({ sent: 0, undelivered: 0 });
    expect(daniel.newCards()).toEqual([]);
  });
});

describe("a connector that throttles", () => {
  it("is waited for as Retry-After asks, and the message is delivered once", async () => {
    const id = await raiseThroughCard(h, priya, VERBS.raise);
    const stageCard = daniel
      .received()
      .filter((c) => JSON.stringify(c.card).includes(id))
      .at(-1)!.card;
    const before = h.connector.activityRequests(priya.user.conversationId).length;
    h.connector.throttleNext(1, "1");
    const answer = await daniel.press(stageCard, "respond", {
      whatDone: "Booked.",
      who: "Amy Clarke",
      byWhen: "2026-11-12",
      expectedOutcome: "childs-plan-on-track",
    });
    expect(answer.status).toBe(200);
    await h.idle();
    const requests = h.connector.activityRequests(priya.user.conversationId).slice(before);
    expect(requests.map((r) => r.status)).toEqual([429, 201]);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(requests[1]!.body).toEqual(requests[0]!.body);
    const item = (await h.escalation(id)).outbox.find((m) => m.kind === "response-received");
    expect(item).toMatchObject({ status: "sent", attempts: 1 });
    const copies = (await h.escalation(id)).outbox.filter((m) => m.kind === "response-copy");
    expect(copies.every((m) => m.status === "sent")).toBe(true);
  });

  it("keeps the message owed when the connector keeps throttling beyond the retries", async () => {
    const id = await raiseThroughCard(h, priya, VERBS.raise);
    const stageCard = daniel
      .received()
      .filter((c) => JSON.stringify(c.card).includes(id))
      .at(-1)!.card;
    h.connector.throttleNext(4, "0");
    await daniel.press(stageCard, "respond", {
      whatDone: "Booked.",
      who: "Amy Clarke",
      byWhen: "2026-11-12",
      expectedOutcome: "childs-plan-on-track",
    });
    await h.idle();
    const item = (await h.escalation(id)).outbox.find((m) => m.kind === "response-received");
    expect(item).toMatchObject({ status: "pending", lastError: "http-429" });
    h.clock.advance(16 * 60_000);
    expect(await dispatchOutbox(h.bot.dispatch, id)).toEqual({ sent: 1, undelivered: 0 });
  });
});

describe("notification previews", () => {
  it("name no child in any activity the bot sent", () => {
    const activities = h.connector.activities();
    expect(activities.length).toBeGreaterThan(5);
    expect(previewsNamingTheChild(h)).toEqual([]);
    expect(activities.filter((a) => previewOf(a.activity).trim() === "")).toEqual([]);
  });
});

it("every card the bot answered with or sent validates against the Adaptive Card 1.5 schema", () => {
  const invalid = h
    .allCards()
    .map(({ where, card }) => ({ where, problems: cardSchemaProblems(card) }))
    .filter((c) => c.problems.length > 0);
  expect(invalid).toEqual([]);
});
