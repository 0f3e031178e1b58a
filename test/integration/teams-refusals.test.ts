/**
 * What the bot refuses, over HTTP with real Teams activities: people acting on an escalation they may not act
 * on, card data that names another escalation or is forged, stale cards, replays and two people at once.
 * Each refusal answers with a card, changes nothing, sends nothing, and a refused permission is an audit event.
 */
import { reference, VERBS } from "../../src/adapters/cards";
import type { Escalation } from "../../src/domain/escalation";
import {
  BotHarness,
  buttonsOf,
  type Card,
  cardSchemaProblems,
  cardText,
  CHILD,
  headlineOf,
  previewsNamingTheChild,
  raiseThroughCard,
  type TeamsPerson,
  textRuns,
  validRaiseForm,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;
let tom: TeamsPerson;
let daniel: TeamsPerson;
let george: TeamsPerson;
let erin: TeamsPerson;
let helen: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  tom = h.as("Tom Okafor");
  daniel = h.as("Daniel Reid");
  george = h.as("George Patel");
  erin = h.as("Erin Walsh");
  helen = h.as("Helen Marsh");
  for (const person of [priya, tom, daniel, george, erin, helen, h.as("Hannah Brooks"), h.as("Ben Hughes")]) {
    await person.install();
  }
});

afterAll(async () => {
  await h.close();
});

const raise = (overrides: Readonly<Record<string, string>> = {}) =>
  raiseThroughCard(h, priya, VERBS.raise, overrides);

/** The card the person was last sent about this escalation. */
function lastCardAbout(person: TeamsPerson, escalationId: string): Card {
  const cards = person.received().filter((c) => JSON.stringify(c.card).includes(escalationId));
  const last = cards[cards.length - 1];
  if (!last) throw new Error(`${person.name} has no card about ${escalationId}`);
  return last.card;
}

/** The escalation without its refusal log: what a refusal must leave unchanged. */
function withoutRefusals(escalation: Escalation): Escalation {
  const { refusals: _refusals, ...rest } = escalation;
  return rest;
}

function refusals(escalation: Escalation) {
  return escalation.refusals?.folded ?? [];
}

/** Acts, and checks that nothing but (perhaps) a refused-attempt event was recorded and nothing was sent. */
async function expectNothingChanges(escalationId: string, act: () => Promise<unknown>): Promise<Escalation> {
  await h.idle();
  const before = await h.escalation(escalationId);
  const sends = h.connector.activities().length;
  await act();
  await h.idle();
  const after = await h.escalation(escalationId);
  expect(withoutRefusals(after)).toEqual(withoutRefusals(before));
  expect(h.connector.activities().length).toBe(sends);
  return after;
}

function expectRefusal(card: Card | undefined): string {
  expect(card).toBeDefined();
  const text = cardText(card);
  // A refusal card may be seen by someone not on the escalation: it names no child.
  expect(text).not.toContain(CHILD.name);
  expect(text).not.toContain(CHILD.caseId);
  expect(
    buttonsOf(card!).filter((a) => ["respond", "resolve", "escalate", "reassign"].includes(a.verb ?? "")),
  ).toEqual([]);
  return text;
}

const respondInputs = {
  whatDone: "A health assessment is booked.",
  who: "Amy Clarke",
  byWhen: "2026-11-12",
  expectedOutcome: "childs-plan-on-track",
};

describe("people who may not act", () => {
  let id: string;

  beforeAll(async () => {
    id = await raise();
  });

  it("refuses a stranger on the directory, records the attempt and changes nothing else", async () => {
    const stageCard = lastCardAbout(daniel, id);
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    const after = await expectNothingChanges(id, async () => {
      answer = await erin.press(stageCard, "respond", respondInputs);
    });
    expect(answer?.status).toBe(200);
    expect(expectRefusal(answer?.card)).toContain("Only Daniel Reid");
    const refused = refusals(after);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      person: { id: erin.id, name: "Erin Walsh" },
      action: "respond",
      code: "not-permitted",
      count: 1,
    });
  });

  it("refuses a stranger asking to see the card, and records that too", async () => {
    let answer: Awaited<ReturnType<TeamsPerson["act"]>> | undefined;
    const after = await expectNothingChanges(id, async () => {
      answer = await erin.act(VERBS.refresh, { escalationId: id });
    });
    expect(expectRefusal(answer?.card)).toContain("Only the people on this escalation can see it.");
    expect(refusals(after).map((e) => [e.person.name, e.action])).toContainEqual(["Erin Walsh", "view"]);
  });

  it("refuses someone who is not in the council's directory", async () => {
    const outsider = h.outsider();
    await outsider.install();
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    const before = await h.escalation(id);
    await expectNothingChanges(id, async () => {
      answer = await outsider.press(lastCardAbout(daniel, id), "respond", respondInputs);
    });
    expect(expectRefusal(answer?.card)).toContain("not in the council's directory");
    const after = await h.escalation(id);
    expect(after.events).toEqual(before.events);
    expect(after.refusals).toEqual(before.refusals);
  });

  it("refuses the IRO acting as the manager", async () => {
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    const after = await expectNothingChanges(id, async () => {
      answer = await priya.press(lastCardAbout(daniel, id), "respond", respondInputs);
    });
    expect(expectRefusal(answer?.card)).toContain("Only Daniel Reid");
    expect(refusals(after).at(-1)).toMatchObject({ person: { name: "Priya Shah" }, action: "respond" });
  });

  it("refuses the manager resolving or escalating", async () => {
    const iroCard = lastCardAbout(priya, id);
    for (const [verb, inputs] of [
      ["resolve", { resolvedOn: "2026-11-04", outcomeConfirmed: "childs-plan-on-track" }],
      ["escalate", { reasons: "I would like my own manager to look." }],
      ["withdraw", { reason: "Not needed." }],
    ] as const) {
      let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
      const after = await expectNothingChanges(id, async () => {
        answer = await daniel.press(iroCard, verb, inputs);
      });
      expect(expectRefusal(answer?.card)).toContain(
        "Only Priya Shah, who raised the concern, or a QA Manager",
      );
      expect(refusals(after).at(-1)).toMatchObject({
        person: { name: "Daniel Reid" },
        action: verb,
        code: "not-permitted",
      });
    }
  });

  it("refuses another IRO deciding on a concern they did not raise", async () => {
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    await expectNothingChanges(id, async () => {
      answer = await tom.press(lastCardAbout(priya, id), "withdraw", { reason: "Duplicate." });
    });
    expect(expectRefusal(answer?.card)).toContain("Only Priya Shah");
  });

  it("lets the QA Manager act for the IRO (the one exception)", async () => {
    const other = await raise();
    const answer = await helen.press(lastCardAbout(priya, other), "withdraw", {
      reason: "Raised twice by mistake.",
    });
    expect(headlineOf(answer.card!)).toBe("The escalation was withdrawn");
    expect((await h.escalation(other)).status).toBe("withdrawn");
  });
});

describe("card data", () => {
  let north: string;
  let south: string;

  beforeAll(async () => {
    north = await raise();
    south = await raise({
      teamId: "south-cic",
      teamManagerId: h.personId("Erin Walsh"),
      socialWorkerId: h.personId("Ben Hughes"),
    });
    expect((await h.escalation(south)).stages[0]!.responsible.name).toBe("Erin Walsh");
  });

  it("naming another escalation is refused: the manager of one cannot answer the other", async () => {
    let answer: Awaited<ReturnType<TeamsPerson["act"]>> | undefined;
    const northBefore = await h.escalation(north);
    const after = await expectNothingChanges(south, async () => {
      answer = await daniel.act("respond", {
        escalationId: south,
        stageId: "stage-1",
        version: 1,
        ...respondInputs,
      });
    });
    expect(expectRefusal(answer?.card)).toContain("Only Erin Walsh");
    expect(refusals(after).at(-1)).toMatchObject({ person: { name: "Daniel Reid" } });
    expect(await h.escalation(north)).toEqual(northBefore);
  });

  it.each([
    ["no data at all", undefined],
    ["a string", "garbage"],
    ["an array", [1, 2, 3]],
    ["a number for the escalation", { escalationId: 42, stageId: "stage-1" }],
    ["no stage", { escalationId: "__NORTH__" }],
    ["an empty escalation id", { escalationId: "", stageId: "stage-1" }],
    ["an escalation id a thousand characters long", { escalationId: "e".repeat(1000), stageId: "stage-1" }],
    ["a version that is not a number", { escalationId: "__NORTH__", stageId: "stage-1", version: "two" }],
    ["a negative version", { escalationId: "__NORTH__", stageId: "stage-1", version: -1 }],
    [
      "text far over any limit",
      { escalationId: "__NORTH__", stageId: "stage-1", whatDone: "x".repeat(20_001) },
    ],
  ])("forged data (%s) is refused and changes nothing", async (_what, data) => {
    const forged = JSON.parse(JSON.stringify(data ?? null).replace(/__NORTH__/g, north)) as unknown;
    let answer: Awaited<ReturnType<TeamsPerson["act"]>> | undefined;
    const after = await expectNothingChanges(north, async () => {
      answer = await daniel.act("respond", forged ?? undefined);
    });
    expect(answer?.status).toBe(200);
    expect(expectRefusal(answer?.card)).toMatch(/could not be read|nothing was changed/i);
    expect(refusals(after)).toEqual(refusals(await h.escalation(north)));
  });

  it("an escalation that does not exist is refused", async () => {
    const answer = await daniel.act("respond", {
      escalationId: "00000000-0000-4000-8000-00000000dead",
      stageId: "stage-1",
      ...respondInputs,
    });
    expect(expectRefusal(answer.card)).toContain("could not be found");
  });

  it("who acts comes from Teams, not from the card: data claiming to be the manager changes nothing", async () => {
    const stageCard = lastCardAbout(daniel, north);
    const claims = {
      actorId: daniel.id,
      from: { aadObjectId: daniel.id },
      respondedBy: { id: daniel.id, name: "Daniel Reid" },
      aadObjectId: daniel.id,
    };
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    await expectNothingChanges(north, async () => {
      answer = await erin.press(stageCard, "respond", {
        ...respondInputs,
        ...(claims as unknown as Record<string, string>),
      });
    });
    expect(expectRefusal(answer?.card)).toContain("Only Daniel Reid");
  });

  it("a stale card gets the current card back with a notice, and records nothing", async () => {
    const priyasCard = lastCardAbout(priya, north);
    const handed = await daniel.press(lastCardAbout(daniel, north), "reassign", {
      toId: george.id,
      reason: "George knows the family.",
    });
    expect(headlineOf(handed.card!)).toBe("Handed to your delegate");
    await h.idle();
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    await expectNothingChanges(north, async () => {
      answer = await priya.press(priyasCard, "extend", {
        newDue: "2026-11-20",
        reason: "Waiting for the minutes.",
      });
    });
    const card = answer!.card!;
    expect(cardText(card)).toContain("This card is out of date");
    // The current card: the delegation is on it.
    expect(cardText(card)).toContain("George Patel");
    expect(JSON.stringify(card)).toContain(`"version":${(await h.escalation(north)).version}`);
  });

  it("after a hand-over the manager's own card is read-only, and a press on the old one is refused (hardening point 11)", async () => {
    const oldCard = lastCardAbout(daniel, north);
    const current = (await daniel.act(VERBS.refresh, { escalationId: north })).card!;
    expect(buttonsOf(current).map((b) => b.verb)).not.toContain("respond");
    expect(buttonsOf(current).map((b) => b.verb)).not.toContain("reassign");
    const runs = textRuns(current).join("");
    expect(runs).toContain("To answer: George Patel");
    expect(runs).not.toContain("To answer: Daniel Reid");
    await expectNothingChanges(north, async () => {
      const answer = await daniel.press(oldCard, "respond", respondInputs);
      expect(cardText(answer.card)).toMatch(/George Patel/);
    });
  });
});

describe("replays and people acting at once", () => {
  it("records a response replayed three times (same and new activity ids) once, with the same card each time", async () => {
    const id = await raise();
    const stageCard = lastCardAbout(daniel, id);
    const priyaBefore = priya.received().length;
    const activityId = "f:replayed-activity-1";
    const first = await daniel.press(stageCard, "respond", respondInputs, { id: activityId });
    const second = await daniel.press(stageCard, "respond", respondInputs, { id: activityId });
    const third = await daniel.press(stageCard, "respond", respondInputs);
    await h.idle();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(second.card).toEqual(first.card);
    expect(third.card).toEqual(first.card);
    expect(headlineOf(first.card!)).toBe("Your response was recorded");
    const escalation = await h.escalation(id);
    expect(escalation.events.filter((e) => e.kind === "responded")).toHaveLength(1);
    expect(escalation.outbox.filter((m) => m.kind === "response-received")).toHaveLength(1);
    expect(
      priya
        .received()
        .slice(priyaBefore)
        .map((c) => headlineOf(c.card)),
    ).toEqual(["Response received: Level 1"]);
  });

  it("records a raise form submitted three times once", async () => {
    const before = (await h.bot.services.store.raisedBy(priya.id)).length;
    await priya.say("raise");
    const form = priya.received().at(-1)!.card;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await priya.press(form, VERBS.raise, validRaiseForm()));
    await h.idle();
    expect((await h.bot.services.store.raisedBy(priya.id)).length).toBe(before + 1);
    expect(answers[1]!.card).toEqual(answers[0]!.card);
    expect(answers[2]!.card).toEqual(answers[0]!.card);
  });

  it("two answers at once (the delegate on a phone and at a desk): one is recorded, the other is told who answered and when", async () => {
    const id = await raise();
    await daniel.press(lastCardAbout(daniel, id), "reassign", {
      toId: george.id,
      reason: "George is covering.",
    });
    await h.idle();
    // Two presses from the card George holds, drawn at the same version.
    const georgeCard = lastCardAbout(george, id);
    h.clock.set("2026-11-05T09:00:00.000Z");
    const [first, second] = await Promise.all([
      george.press(georgeCard, "respond", { ...respondInputs, whatDone: "George's first answer." }, {}),
      george.press(georgeCard, "respond", { ...respondInputs, whatDone: "George's second answer." }, {}),
    ]);
    await h.idle();
    const escalation = await h.escalation(id);
    const responded = escalation.events.filter((e) => e.kind === "responded");
    expect(responded).toHaveLength(1);
    const [won, lost] = cardText(first.card).includes("Your response was recorded")
      ? [first, second]
      : [second, first];
    expect(headlineOf(won.card!)).toBe("Your response was recorded");
    const loserText = cardText(lost.card);
    expect(loserText).toContain("George Patel already answered");
    expect(loserText).toMatch(/2026-11-05|5 November 2026/);
    expect(escalation.outbox.filter((m) => m.kind === "response-received")).toHaveLength(1);
  });
});

describe("text over the limits", () => {
  it("a response over 4000 characters gets a clear message and changes nothing", async () => {
    const id = await raise();
    let answer: Awaited<ReturnType<TeamsPerson["press"]>> | undefined;
    await expectNothingChanges(id, async () => {
      answer = await daniel.press(lastCardAbout(daniel, id), "respond", {
        ...respondInputs,
        whatDone: "y".repeat(4001),
      });
    });
    expect(cardText(answer?.card)).toContain("is 4001 characters long; the limit is 4000");
  });
});

it("no notification preview names a child", () => {
  expect(h.connector.activities().length).toBeGreaterThan(0);
  expect(previewsNamingTheChild(h)).toEqual([]);
});

it("every card the bot answered with or sent validates against the Adaptive Card 1.5 schema", () => {
  const invalid = h
    .allCards()
    .map(({ where, card }) => ({ where, problems: cardSchemaProblems(card) }))
    .filter((c) => c.problems.length > 0);
  expect(invalid).toEqual([]);
});

it("a form sent back with every long text at its limit would be too big for Teams: the answer names the problem and leaves the form as typed", async () => {
  const said = await priya.say("raise");
  expect(said.status).toBe(200);
  const form = priya.received().at(-1)!.card;
  const long = (word: string) => `${word} `.repeat(800).slice(0, 4000);
  const before = (await h.bot.services.store.raisedBy(priya.id)).length;
  const answer = await priya.press(
    form,
    VERBS.raise,
    validRaiseForm({
      dateOfBirth: "2031-01-01",
      summary: long("summary"),
      impactOnChild: long("impact"),
      requestedWhat: long("what"),
      categories: "care-plan-implementation,other",
      categoryOther: long("other"),
      outcomeSought: "other",
      outcomeOther: long("outcome"),
    }),
  );
  expect(answer.status).toBe(200);
  expect(answer.card).toBeUndefined();
  expect(answer.message).toBe(
    "The concern was not sent. The child's date of birth is Wednesday 1 January 2031, which is after today. What you typed is still in the form: correct it and send again.",
  );
  expect(Buffer.byteLength(answer.text)).toBeLessThan(28 * 1024);
  expect(await h.bot.services.store.raisedBy(priya.id)).toHaveLength(before);
});

it("a message longer than a summary may be is shortened into the form with a note saying so, never silently (hardening point 9)", async () => {
  const words = "The placement plan has not been reviewed. ".repeat(250);
  const answer = await priya.fetchTask(`<p>${words}</p>`);
  expect(answer.status).toBe(200);
  const text = cardText(answer.card);
  expect(text).toContain(
    `The message is ${words.trim().length.toLocaleString("en-GB")} characters long and a summary may be 4,000: only its first 4,000 are in the summary below.`,
  );
});

describe("typed text (hardening point 15)", () => {
  const lastText = (person: TeamsPerson) =>
    h.connector.activities(person.user.conversationId).at(-1)?.activity["text"];

  it("a typed reference opens the escalation for someone on it", async () => {
    const id = await raise({ summary: "Opened by reference" });
    const ref = reference(id);
    const before = priya.received().length;
    expect((await priya.say(ref.toLowerCase())).status).toBe(200);
    const [opened] = priya.received().slice(before);
    expect(opened?.summary).toBe(ref);
    expect(cardText(opened!.card)).toContain(CHILD.name);
    expect(cardText(opened!.card)).toContain("Opened by reference");
  });

  it("someone not on it is told there is none for them, exactly as for a reference that does not exist", async () => {
    const id = await raise({ summary: "Not for Ben" });
    const ben = h.as("Ben Hughes");
    const before = ben.received().length;
    await ben.say(reference(id));
    expect(ben.received().slice(before)).toEqual([]);
    expect(lastText(ben)).toBe(`There is no escalation ${reference(id)} for you to see.`);
    await ben.say("ESC-00000000");
    expect(lastText(ben)).toBe("There is no escalation ESC-00000000 for you to see.");
  });

  it("other text gets one line naming the commands, not the whole help card", async () => {
    const before = priya.received().length;
    await priya.say("hello, can you help me with Jamie's case?");
    expect(priya.received().slice(before)).toEqual([]);
    expect(lastText(priya)).toBe(
      "Type raise, my escalations, record ESC-…, report 2026-Q3, digest or help, or an escalation's reference such as ESC-3F2A9C1B to open it.",
    );
  });
});
