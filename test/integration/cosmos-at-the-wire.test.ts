/**
 * What the bot asks of Cosmos DB, seen at the wire through a proxy in front of the test server, with the
 * real client. A card action reads the escalation once, writes it once with the claim of the messages it
 * owes, and writes it once more marking them sent; a due escalation in the reminders run costs the same
 * three. Hardening point 7: when the answer to an action's write is lost (the write landed, the connection
 * dropped), the retry finds the action already recorded, and what it owes is sent at once, not left for
 * the next reminders run.
 */
import { VERBS } from "../../src/adapters/cards";
import {
  BotHarness,
  headlineOf,
  ON_THE_SAMPLE_ESCALATION,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";
import {
  type FaultyProxy,
  passEverything,
  type ProxiedRequest,
  startFaultyProxy,
} from "../support/faulty-proxy";

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

/** The requests made to Cosmos DB while `work` runs and the sends it started finish. */
async function requestsDuring(work: () => Promise<unknown>): Promise<ProxiedRequest[]> {
  const seen: ProxiedRequest[] = [];
  proxy.plan = (request) => {
    seen.push(request);
    return "pass";
  };
  await work();
  await h.idle();
  proxy.plan = passEverything;
  return seen;
}

/** Each request as method and path, the document named by its role. */
const described = (requests: readonly ProxiedRequest[], id: string) =>
  requests.map(
    (r) => `${r.method} ${r.path.replace(/^\/dbs\/[^/]+\/colls\//, "").replace(`/docs/${id}`, "/{id}")}`,
  );

/** The requests on one escalation's document. */
const onDocument = (requests: readonly ProxiedRequest[], id: string) =>
  described(
    requests.filter((r) => r.path.includes(`/docs/${id}`)),
    id,
  );

it("a respond reads the escalation once and writes it twice: the response with its claim, then the sends", async () => {
  const id = await raiseThroughCard(h, priya, VERBS.raise);
  await h.idle();
  const requests = await requestsDuring(() =>
    daniel.press(daniel.cardAbout(id), "respond", {
      whatDone: "A health assessment is booked.",
      who: "Amy Clarke",
      byWhen: "2026-11-12",
      expectedOutcome: "childs-plan-on-track",
    }),
  );
  expect(described(requests, id)).toEqual([
    "GET escalations/{id}",
    "PUT escalations/{id}",
    "PUT escalations/{id}",
  ]);
  const stored = await h.escalation(id);
  expect(stored.outbox.filter((m) => m.status === "pending")).toEqual([]);
  expect(priya.newCards().map((c) => headlineOf(c.card))).toContain("Response received: Level 1");
});

it("a due escalation in the reminders run costs a read and two writes, beside the run's own queries", async () => {
  const ids = [await raiseThroughCard(h, priya, VERBS.raise), await raiseThroughCard(h, priya, VERBS.raise)];
  await h.idle();
  // Both Level 1s are overdue: each is owed its chase.
  h.clock.set("2026-11-20T09:00:00.000Z");
  const requests = await requestsDuring(() => h.bot.runReminders(false));
  for (const id of ids) {
    expect(onDocument(requests, id)).toEqual([
      `GET escalations/{id}`,
      `PUT escalations/{id}`,
      `PUT escalations/{id}`,
    ]);
    const escalation = await h.escalation(id);
    expect(escalation.outbox.filter((m) => m.kind === "overdue-chase").map((m) => m.status)).toEqual([
      "sent",
    ]);
  }
});
