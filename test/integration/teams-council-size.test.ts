// A council's size: 5,000 people in 400 teams. Every message the bot sends or answers with stays within
// Teams' 28 KB, and every people field (the team, the social worker, the team manager, the IRO's manager,
// the delegate) is filled the way Teams fills it: by typing into the picker, which asks the bot with an
// `application/search` invoke. Nobody but the IRO has opened the bot; the rest are reached by install.
import { MAX_CARD_BYTES } from "../../src/adapters/cards/teams-limit";
import { councilDirectory } from "../builders/council-directory";
import {
  BotHarness,
  type Card,
  cardSchemaProblems,
  inputOf,
  type TeamsPerson,
  validRaiseForm,
} from "../support/bot-harness";

const council = councilDirectory({ people: 5000, teams: 400 });
const byId = new Map(council.data.people.map((p) => [p.id, p]));
const serviceManager = byId.get(council.team.roles["service-manager"]![0]!)!;

let h: BotHarness;

beforeAll(async () => {
  h = await BotHarness.start({ directory: council.data, graph: true });
  await h.as(council.iro.name).install();
}, 60_000);

afterAll(async () => {
  await h.close();
});

const latest = (person: TeamsPerson): Card => person.received().at(-1)!.card;
const staticValues = (card: Card, inputId: string): unknown[] =>
  ((inputOf(card, inputId)["choices"] as { value: unknown }[] | undefined) ?? []).map((c) => c.value);

/** Types the start of a name into a picker and picks that person (or team) from what the bot offers. */
async function pick(
  person: TeamsPerson,
  card: Card,
  inputId: string,
  wanted: { id: string; name: string },
  inputs: Readonly<Record<string, string>> = {},
): Promise<string> {
  const typed = wanted.name.split(" ").slice(0, 2).join(" ");
  const offered = await person.search(card, inputId, typed, inputs);
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.length).toBeLessThanOrEqual(15);
  const found = offered.find((c) => c.value === wanted.id);
  if (!found) throw new Error(`typing "${typed}" into ${inputId} did not offer ${wanted.name}`);
  return found.value;
}

it("walks raise → respond → escalate → hand over → respond → resolve, every people field searched, every message within 28 KB", async () => {
  const iro = h.as(council.iro.name);
  const teamManager = h.as(council.teamManager.name);
  const manager = h.as(serviceManager.name);

  await iro.say("raise");
  const form = latest(iro);
  // The form lists no one it was not asked for: the people come from the search.
  for (const field of ["teamId", "socialWorkerId", "teamManagerId", "responsibleId"])
    expect({ field, listed: staticValues(form, field) }).toEqual({ field, listed: [] });

  const teamId = await pick(iro, form, "teamId", { id: council.team.id, name: council.team.name });
  const socialWorkerId = await pick(iro, form, "socialWorkerId", council.socialWorker, { teamId });
  const teamManagerId = await pick(iro, form, "teamManagerId", council.teamManager, { teamId });
  const iroManagerId = await pick(iro, form, "iroManagerId", council.iroManager);
  // With the team chosen, the social worker's picker offers that team's people only.
  const anyone = await iro.search(form, "socialWorkerId", "", { teamId });
  expect(anyone.every((c) => byId.get(c.value)?.teamId === teamId)).toBe(true);

  const raised = await iro.press(
    form,
    "raise",
    validRaiseForm({ teamId, socialWorkerId, teamManagerId, iroManagerId }),
  );
  expect(raised.status).toBe(200);
  await h.idle();
  const [summary] = await h.bot.services.store.raisedBy(iro.id);
  const id = summary!.id;

  h.clock.set("2026-11-05T09:30:00.000Z");
  await teamManager.press(latest(teamManager), "respond", {
    whatDone: "A health assessment is booked for 12 November.",
    who: council.socialWorker.name,
    byWhen: "2026-11-12",
    expectedOutcome: "childs-plan-on-track",
  });
  await h.idle();
  h.clock.set("2026-11-06T10:00:00.000Z");
  await iro.press(latest(iro), "escalate", { reasons: "Level 2 oversight is needed." });
  await h.idle();

  // The Service Manager hands Level 2 to someone the hand-over's search offers: one of the people
  // who report to them, never the IRO or the social worker.
  const level2 = latest(manager);
  const reports = council.data.people.filter((p) => p.managerId === serviceManager.id);
  const delegate = reports[0]!;
  const toId = await pick(manager, level2, "toId", delegate);
  const offered = await manager.search(level2, "toId", "");
  expect(offered.map((c) => c.value)).not.toContain(council.iro.id);
  expect(offered.map((c) => c.value)).not.toContain(serviceManager.id);
  await manager.press(level2, "reassign", { toId, reason: "On leave this week." });
  await h.idle();

  const deputy = h.as(delegate.name);
  h.clock.set("2026-11-09T10:00:00.000Z");
  await deputy.press(latest(deputy), "respond", {
    whatDone: "The plan goes to panel on Thursday.",
    who: delegate.name,
    byWhen: "2026-11-19",
    expectedOutcome: "childs-plan-on-track",
  });
  await h.idle();
  await iro.press(latest(iro), "resolve", {
    resolvedOn: "2026-11-09",
    outcomeConfirmed: "childs-plan-on-track",
  });
  await h.idle();

  const escalation = await h.escalation(id);
  expect(escalation.status).toBe("resolved");
  expect(escalation.team.id).toBe(council.team.id);
  expect(escalation.stages[1]?.delegation?.to.id).toBe(delegate.id);

  // Everything the bot put on the wire, and everything it answered with, fits in a Teams message.
  const sent = h.connector.activities().map((a) => Buffer.byteLength(JSON.stringify(a.activity)));
  const answered = h.cards.map((c) => Buffer.byteLength(JSON.stringify(c.card)));
  const searches = h.searchAnswers.map((text) => Buffer.byteLength(text));
  process.stdout.write(
    `5,000 people: largest message sent ${Math.max(...sent)} B, largest card answered ${Math.max(...answered)} B, largest search answer ${Math.max(...searches)} B\n`,
  );
  expect(sent.length).toBeGreaterThan(10);
  expect(Math.max(...sent, ...answered, ...searches)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(h.connector.activityRequests().filter((r) => r.status === 413)).toEqual([]);
  expect(
    h.allCards().flatMap(({ where, card }) => cardSchemaProblems(card).map((p) => `${where}: ${p}`)),
  ).toEqual([]);
}, 60_000);

it("a search from someone outside the directory finds no one", async () => {
  const iro = h.as(council.iro.name);
  await iro.say("raise");
  const form = latest(iro);
  expect(await h.outsider().search(form, "socialWorkerId", "a")).toEqual([]);
});
