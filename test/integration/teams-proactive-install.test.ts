// Managers who never opened the bot (the app installed from the council's catalog, CATALOG_APP_ID): the Team Manager, the Service Manager and every copied person are
// reached by installing the app for them with Microsoft Graph (a Graph double), then sending into the 1:1
// chat it opens. The Bot Connector double, like Teams, refuses a message to a chat that does not exist.
import { VERBS } from "../../src/adapters/cards";
import {
  BotHarness,
  type Card,
  cardText,
  chatIdOf,
  headlineOf,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start({ graph: true });
  priya = h.as("Priya Shah");
  await priya.install(); // only the IRO has ever opened the bot
});

afterAll(async () => {
  await h.close();
});

const latest = (person: TeamsPerson): Card => person.received().at(-1)!.card;

it("walks raise → respond → escalate → respond → resolve with everyone else reached by proactive install, nothing sent twice", async () => {
  const daniel = h.as("Daniel Reid");
  const hannah = h.as("Hannah Brooks");
  const helen = h.as("Helen Marsh");
  const julia = h.as("Julia Fenwick");

  const id = await raiseThroughCard(h, priya, VERBS.raise);
  expect(headlineOf(latest(daniel))).toBe("You are asked to respond: Level 1");
  expect(headlineOf(latest(hannah))).toBe("For information: Level 1");
  expect(h.graph!.installed()).toEqual(expect.arrayContaining([daniel.id, hannah.id, helen.id]));
  // The chat a proactive install opens is the person's 1:1 chat, and the reference to it is kept.
  const reference = (await h.bot.services.conversations.get(daniel.id)) as { conversation: { id: string } };
  expect(reference.conversation.id).toBe(chatIdOf(daniel.id));

  h.clock.set("2026-11-05T09:30:00.000Z");
  await daniel.press(latest(daniel), "respond", {
    whatDone: "A health assessment is booked for 12 November.",
    who: "Amy Clarke",
    byWhen: "2026-11-12",
    expectedOutcome: "childs-plan-on-track",
  });
  await h.idle();
  h.clock.set("2026-11-06T10:00:00.000Z");
  await priya.press(latest(priya), "escalate", { reasons: "Level 2 oversight is needed." });
  await h.idle();
  expect(headlineOf(latest(hannah))).toBe("You are asked to respond: Level 2");
  expect(h.graph!.installed()).toContain(julia.id);

  h.clock.set("2026-11-09T10:00:00.000Z");
  await hannah.press(latest(hannah), "respond", {
    whatDone: "The plan goes to panel on Thursday.",
    who: "Hannah Brooks",
    byWhen: "2026-11-19",
    expectedOutcome: "childs-plan-on-track",
  });
  await h.idle();
  await priya.press(latest(priya), "resolve", {
    resolvedOn: "2026-11-09",
    outcomeConfirmed: "childs-plan-on-track",
  });
  await h.idle();

  const escalation = await h.escalation(id);
  expect(escalation.status).toBe("resolved");
  // Every owed message was sent, each once: one message in the recipient's chat per outbox item.
  expect(escalation.outbox.filter((m) => m.status !== "sent" && m.status !== "superseded")).toEqual([]);
  for (const person of [daniel, hannah, helen, julia]) {
    const owed = escalation.outbox.filter((m) => m.to.id === person.id && m.status === "sent").length;
    expect({ who: person.name, posts: h.connector.activities(chatIdOf(person.id)).length }).toEqual({
      who: person.name,
      posts: owed,
    });
    expect(headlineOf(latest(person))).toBe("The escalation has concluded");
  }
  // Each person was installed for once; a later message found the chat already open.
  const installs = h.graph!.requests.filter((r) => r.method === "POST");
  expect(new Set(installs.map((r) => r.path)).size).toBe(installs.length);
  expect(h.graph!.requests.every((r) => r.authorization === "Bearer graph-token")).toBe(true);
});

it("waits out Graph's throttling (429 with Retry-After) and then reaches the person", async () => {
  const erin = h.as("Erin Walsh");
  h.graph!.throttleNext(1, "0");
  const delivery = await deliverTo(erin.id);
  expect(delivery).toEqual({ status: "sent" });
  expect(h.graph!.requests.some((r) => r.status === 429)).toBe(true);
  expect(h.graph!.installed()).toContain(erin.id);
});

it("says why someone the council's policy blocks cannot be reached, and sends nothing", async () => {
  const ben = h.as("Ben Hughes");
  h.graph!.blocked.add(ben.id);
  expect(await deliverTo(ben.id)).toEqual({ status: "undeliverable", reason: "teams-app-blocked" });
  expect(h.connector.activities(chatIdOf(ben.id))).toEqual([]);
});

/** One owed message to this person about a fresh escalation, through the bot's own delivery channel. */
async function deliverTo(personId: string) {
  const id = await raiseThroughCard(h, priya, VERBS.raise, { summary: `For ${personId}` });
  const escalation = await h.escalation(id);
  const item = { ...escalation.outbox[0]!, to: { id: personId, name: "" } };
  return h.bot.dispatch.channel.deliver(item, escalation);
}

it("a manager the app is blocked for: the IRO is told within the same dispatch, once, in words, and the digest says so too", async () => {
  const farah = h.as("Farah Iqbal");
  h.graph!.blocked.add(farah.id);
  const notices = () => priya.received().filter((c) => headlineOf(c.card) === "Not reached: Farah Iqbal");
  const id = await raiseThroughCard(h, priya, VERBS.raise, {
    teamId: "east-cp",
    socialWorkerId: h.personId("Chloe Evans"),
    teamManagerId: farah.id,
    summary: "Farah is blocked",
  });
  const words =
    "Farah Iqbal cannot be reached in Teams: the app is blocked for them by the council's policy.";
  expect(notices()).toHaveLength(1);
  expect(notices()[0]!.summary).toMatch(/^ESC-[0-9A-F]{8}: someone on your escalation could not be reached$/);
  expect(cardText(notices()[0]!.card)).toContain(words);

  // Tried again on later runs; the IRO is not told again.
  for (let run = 0; run < 3; run++) {
    h.clock.advance(20 * 60_000);
    await h.bot.runReminders(false);
    await h.idle();
  }
  const escalation = await h.escalation(id);
  expect(escalation.outbox.find((m) => m.to.id === farah.id)).toMatchObject({
    status: "pending",
    lastError: "teams-app-blocked",
  });
  expect(escalation.outbox.find((m) => m.to.id === farah.id)!.attempts).toBeGreaterThan(1);
  expect(notices()).toHaveLength(1);

  // The IRO's own card says it while the message is owed; the QA Manager's digest says it in words.
  const card = await priya.act(VERBS.refresh, { escalationId: id });
  expect(cardText(card.card)).toContain(words);
  const helen = h.as("Helen Marsh");
  const before = helen.received().length;
  await h.bot.sendDigests({ force: true });
  const digest = helen
    .received()
    .slice(before)
    .map((c) => cardText(c.card))
    .join("\n");
  expect(digest).toContain("Farah Iqbal cannot be reached in Teams: the app is blocked");
});
