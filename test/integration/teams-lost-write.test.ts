/**
 * Hardening point 7, over HTTP with the real Cosmos DB client: when the answer to an action's write is lost
 * (the write landed, the connection dropped), the retry finds the action already recorded, and what it owes
 * is sent at once, not left for the next reminders run.
 */
import { VERBS } from "../../src/adapters/cards";
import {
  BotHarness,
  headlineOf,
  ON_THE_SAMPLE_ESCALATION,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";
import { type FaultyProxy, passEverything, startFaultyProxy } from "../support/faulty-proxy";

let h: BotHarness;
let proxy: FaultyProxy;
let priya: TeamsPerson;
let daniel: TeamsPerson;

beforeAll(async () => {
  proxy = await startFaultyProxy();
  h = await BotHarness.start({ cosmosEndpoint: (server) => proxy.forwardTo(server) });
  priya = h.as("Priya Shah");
  daniel = h.as("Daniel Reid");
  await h.installAll(ON_THE_SAMPLE_ESCALATION);
});

afterAll(async () => {
  await h.close();
  await proxy.stop();
});

it("hardening point 7: a response whose write answer was lost is sent to the IRO at once", async () => {
  const id = await raiseThroughCard(h, priya, VERBS.raise);
  await h.idle();
  priya.newCards();
  let lost = 0;
  proxy.plan = (request) => {
    const recordsTheResponse =
      request.isDocumentWrite && request.method === "PUT" && request.body.includes('"kind":"responded"');
    return recordsTheResponse && lost++ === 0 ? "lose-response" : "pass";
  };

  const answer = await daniel.press(daniel.cardAbout(id), "respond", {
    whatDone: "A health assessment is booked.",
    who: "Amy Clarke",
    byWhen: "2026-11-12",
    expectedOutcome: "childs-plan-on-track",
  });
  await h.idle();
  proxy.plan = passEverything;

  expect(lost).toBeGreaterThanOrEqual(1);
  expect(proxy.injected["lose-response"]).toBe(1);
  expect(answer.status).toBe(200);
  // No reminders run: the dispatch after the action sent what the response owes.
  expect(priya.newCards().map((c) => headlineOf(c.card))).toEqual(["Response received: Level 1"]);
  const stored = await h.escalation(id);
  expect(stored.events.filter((e) => e.kind === "responded")).toHaveLength(1);
  expect(stored.outbox.filter((m) => m.status === "pending")).toEqual([]);
});
