/**
 * What a card action and a reminders run ask of Cosmos DB, counted at the wire with the real client: a
 * respond reads the escalation once, writes it once with the claim of the messages it owes, and writes it
 * once more marking them sent; a due escalation in the reminders run costs the same three.
 */
import { VERBS } from "../../src/adapters/cards";
import {
  BotHarness,
  headlineOf,
  ON_THE_SAMPLE_ESCALATION,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";
import { type FaultyProxy, type ProxiedRequest, startFaultyProxy } from "../support/faulty-proxy";

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

/** The requests made to Cosmos DB while `work` runs and the sends it started finish. */
async function requestsDuring(work: () => Promise<unknown>): Promise<ProxiedRequest[]> {
  const seen: ProxiedRequest[] = [];
  proxy.plan = (request) => {
    seen.push(request);
    return "pass";
  };
  await work();
  await h.idle();
  proxy.plan = () => "pass";
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
