// One council running several processes at once (POLICIES): the raise form offers the processes the raiser
// may start, by role; each escalation keeps its policy for life; reminders and reports follow each one's.
import ExcelJS from "exceljs";

import { VERBS } from "../../src/adapters/cards";
import { reportFor } from "../../src/application/period-report";
import { parsePeriod } from "../../src/domain/periods";
import type { Policy } from "../../src/domain/policy";
import {
  actionsOf,
  BotHarness,
  buttonsOf,
  type Card,
  cardText,
  inputOf,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
  validRaiseForm,
} from "../support/bot-harness";

const POLICIES = "dorset-qaro,professional-challenge,multi-agency";
// Tom Okafor chairs child protection conferences: a CP Chair, not an IRO.
const DIRECTORY = {
  ...SAMPLE_DIRECTORY,
  people: SAMPLE_DIRECTORY.people.map((p) =>
    p.name === "Tom Okafor" ? { ...p, roles: ["cp-chair" as const] } : p,
  ),
};

let h: BotHarness;
let priya: TeamsPerson;
let tom: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start({ env: { POLICY: "dorset-qaro", POLICIES }, directory: DIRECTORY });
  priya = h.as("Priya Shah");
  tom = h.as("Tom Okafor");
  for (const person of [priya, tom, h.as("Daniel Reid"), h.as("Helen Marsh")]) await person.install();
  for (const person of [priya, tom]) person.newCards();
}, 60_000);

afterAll(async () => {
  await h.close();
});

const policy = (id: string): Policy => h.bot.services.policies.get(id)!;

/** A valid form for the policy: its own first category and outcome. */
function formFor(p: Policy, overrides: Record<string, string> = {}): Record<string, string> {
  return validRaiseForm({
    categories: p.categories.items.find((c) => c.requiresText !== true)!.id,
    outcomeSought: p.outcomes.items.find((c) => c.requiresText !== true)!.id,
    ...overrides,
  });
}

/** Presses the process's button on the choice of processes: the raise form for that process. */
async function open(person: TeamsPerson, choice: Card, p: Policy) {
  const button = buttonsOf(choice).find((b) => b.title === p.name);
  if (!button) throw new Error(`no button for ${p.name}`);
  return person.act(VERBS.openRaiseForm, button.data);
}

async function chooseAndRaise(person: TeamsPerson, p: Policy, overrides: Record<string, string> = {}) {
  await person.say("raise");
  const choice = person.newCards().at(-1)!.card;
  const opened = await open(person, choice, p);
  expect(cardText(opened.card!)).toContain(p.name);
  const answer = await person.press(opened.card!, VERBS.raise, formFor(p, overrides));
  expect(answer.status).toBe(200);
  await h.idle();
  const mine = await h.bot.services.store.raisedBy(person.id);
  return h.escalation(mine.at(-1)!.id);
}

it("offers each raiser the processes their role may start", async () => {
  await priya.say("raise");
  expect(buttonsOf(priya.newCards()[0]!.card).map((b) => b.title)).toEqual([
    policy("dorset-qaro").name,
    policy("professional-challenge").name,
    policy("multi-agency").name,
  ]);
  await tom.say("raise");
  expect(buttonsOf(tom.newCards()[0]!.card).map((b) => b.title)).toEqual([
    policy("professional-challenge").name,
    policy("multi-agency").name,
  ]);
});

it("an IRO and a CP Chair each raise under their own process, which each escalation keeps", async () => {
  const byPriya = await chooseAndRaise(priya, policy("dorset-qaro"));
  expect(byPriya.policyId).toBe("dorset-qaro");
  expect(byPriya.stages[0]!.name).toBe(policy("dorset-qaro").stages.find((s) => s.id === "stage-1")!.name);

  const byTom = await chooseAndRaise(tom, policy("professional-challenge"), {
    legalStatus: "CP",
    caseId: "MOS-CP-1",
    startStageId: "stage-1",
  });
  expect(byTom).toMatchObject({ policyId: "professional-challenge", raisedAs: "cp-chair" });
  expect(byTom.stages[0]!.due.workingDays).toBe(5);
});

it("a form for a process the council does not run is refused, and nothing is raised", async () => {
  await priya.say("raise");
  const choice = priya.newCards().at(-1)!.card;
  const opened = await open(priya, choice, policy("dorset-qaro"));
  const before = (await h.bot.services.store.raisedBy(priya.id)).length;
  const answer = await priya.press(opened.card!, VERBS.raise, {
    ...formFor(policy("dorset-qaro")),
    policyId: "escalation-of-concern",
  });
  expect(cardText(answer.card!)).toContain("The council does not run the process this form was drawn for");
  expect((await h.bot.services.store.raisedBy(priya.id)).length).toBe(before);
});

it("a reminders run and a report handle each escalation under its own policy, and the report filters by process", async () => {
  h.clock.set("2026-11-20T09:00:00.000Z");
  const summary = await h.bot.runReminders(false);
  expect(summary).toBeDefined();
  const dorset = (await h.bot.services.store.raisedBy(priya.id)).at(0)!;
  const pc = (await h.bot.services.store.raisedBy(tom.id)).at(-1)!;
  const owed = async (id: string) => (await h.escalation(id)).outbox.map((m) => m.kind);
  expect(await owed(dorset.id)).toEqual(expect.arrayContaining(["overdue-chase"]));
  expect(await owed(pc.id)).toEqual(expect.arrayContaining(["overdue-chase"]));

  const period = parsePeriod("2026-10-01 2026-12-31");
  if (!period.ok) throw new Error(period.problem);
  const all = await reportFor(h.bot.services, period.period);
  expect(all.policies.map((p) => p.id).sort()).toEqual(["dorset-qaro", "professional-challenge"]);
  const onlyPc = await reportFor(h.bot.services, period.period, "professional-challenge");
  expect(onlyPc.raised.total).toBe(1);
  expect(onlyPc.policies.map((p) => p.id)).toEqual(["professional-challenge"]);
});

/** The text of the last message the bot posted in this person's chat. */
function lastText(person: TeamsPerson): string {
  const text = h.connector.activities(person.user.conversationId).at(-1)?.activity["text"];
  return typeof text === "string" ? text : "";
}

it("a QA Manager asks in chat for one process's report and digest, and an unknown process gets the choices", async () => {
  const helen = h.as("Helen Marsh");
  helen.newCards();
  const pc = policy("professional-challenge");

  await helen.say("report 2026-Q4 professional-challenge");
  const [report] = helen.newCards();
  expect(cardText(report!.card)).toContain(`${h.bot.services.councilName}: ${pc.name}`);
  const offer = helen.fileOffers().at(-1)!;
  expect(offer.acceptContext).toEqual({
    file: "report",
    from: "2026-10-01",
    to: "2026-12-31",
    policyId: "professional-challenge",
  });
  const { upload } = await helen.acceptFile(offer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(h.connector.uploaded(upload.uniqueId)!).buffer);
  // Tom's one escalation, not Priya's under Dorset's process.
  expect(workbook.getWorksheet("Headline figures")!.getRow(2).values).toEqual([
    undefined,
    "Raised in the period",
    1,
  ]);

  await helen.say("report 2026-Q4");
  expect(helen.fileOffers().at(-1)!.acceptContext).toEqual({
    file: "report",
    from: "2026-10-01",
    to: "2026-12-31",
  });

  await helen.say("digest professional-challenge");
  const digest = helen
    .newCards()
    .map((c) => cardText(c.card))
    .join("\n");
  expect(digest).toContain(pc.name);
  expect(digest).not.toContain(policy("dorset-qaro").name);

  const offers = helen.fileOffers().length;
  await helen.say("digest everything");
  expect(lastText(helen)).toBe(
    `To see one process only, add its id: ${POLICIES.split(",").join(", ")} (e.g. digest multi-agency).`,
  );
  await helen.say("report 2026-Q4 everything");
  expect(lastText(helen)).toContain("To see one process only, add its id:");
  expect(helen.fileOffers()).toHaveLength(offers);
  expect(helen.newCards()).toEqual([]);
});

it("the message action offers the choice of processes, carrying the message on to the chosen process's form", async () => {
  const fetched = await priya.fetchTask("<p>The care plan review was moved <b>twice</b>.</p>");
  const choice = fetched.card!;
  expect(inputOf(choice, "summary")["value"]).toBe("The care plan review was moved twice.");
  const buttons = actionsOf(choice).filter((a) => a.type === "Action.Submit");
  expect(buttons.map((b) => b.title)).toEqual([
    policy("dorset-qaro").name,
    policy("professional-challenge").name,
    policy("multi-agency").name,
  ]);

  const dorset = policy("dorset-qaro");
  const chosen = buttons.find((b) => b.title === dorset.name)!;
  const opened = await priya.submitAction({
    ...(chosen.data as Record<string, unknown>),
    summary: "The care plan review was moved twice, and the carers were not told.",
  });
  const form = opened.card!;
  expect(cardText(form)).toContain(dorset.name);
  expect(inputOf(form, "summary")["value"]).toBe(
    "The care plan review was moved twice, and the carers were not told.",
  );
  const submit = actionsOf(form).find((a) => a.type === "Action.Submit" && a.title !== undefined)!;
  const before = new Set((await h.bot.services.store.raisedBy(priya.id)).map((e) => e.id));
  const raised = await priya.submitAction({
    ...(submit.data as Record<string, unknown>),
    ...formFor(dorset, { summary: String(inputOf(form, "summary")["value"]) }),
  });
  expect(raised.message).toMatch(/^Escalation ESC-[0-9A-Z]{8} was sent\.$/);
  await h.idle();
  const fresh = (await h.bot.services.store.raisedBy(priya.id)).filter((e) => !before.has(e.id));
  expect(fresh).toHaveLength(1);
  const escalation = await h.escalation(fresh[0]!.id);
  expect(escalation.policyId).toBe("dorset-qaro");
  expect(escalation.concern.summary).toBe(
    "The care plan review was moved twice, and the carers were not told.",
  );
});
