/**
 * The bot as its users meet it in Teams, over HTTP with real Bot Framework activities: installing it, raising
 * a concern (command and message action), and one concern's full path across two stages, with what each
 * person received checked in order. The connector at the activities' serviceUrl records every send.
 */
import { VERBS } from "../../src/adapters/cards";
import type { Escalation } from "../../src/domain/escalation";
import { accessibilityProblems } from "../support/accessibility";
import {
  actionsOf,
  besideInput,
  BotHarness,
  buttonsOf,
  type Card,
  cardSchemaProblems,
  cardText,
  CHILD,
  headlineOf,
  inputIds,
  nodesOf,
  previewOf,
  previewsNamingTheChild,
  type TeamsPerson,
  textRuns,
  validRaiseForm,
} from "../support/bot-harness";
import { flatText, readPdf } from "../support/pdf-text";

let h: BotHarness;
let priya: TeamsPerson;
let daniel: TeamsPerson;
let hannah: TeamsPerson;
let helen: TeamsPerson;
let julia: TeamsPerson;
let ian: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  daniel = h.as("Daniel Reid");
  hannah = h.as("Hannah Brooks");
  helen = h.as("Helen Marsh");
  julia = h.as("Julia Fenwick");
  ian = h.as("Ian Moss");
});

afterAll(async () => {
  await h.close();
});

const validForm = validRaiseForm;

async function openRaiseForm(person: TeamsPerson): Promise<Card> {
  const answer = await person.say("raise");
  expect(answer.status).toBe(200);
  const cards = person.newCards();
  expect(cards).toHaveLength(1);
  return cards[0]!.card;
}

function onlyEscalationId(before: ReadonlySet<string>, after: readonly string[]): string {
  const fresh = after.filter((id) => !before.has(id));
  expect(fresh).toHaveLength(1);
  return fresh[0]!;
}

async function raisedIds(): Promise<string[]> {
  return (await h.bot.services.store.raisedBy(priya.id)).map((s) => s.id);
}

describe("installing the bot", () => {
  it("sends a welcome card and stores the person's conversation reference", async () => {
    const answer = await priya.install();
    expect(answer.status).toBe(200);
    const cards = priya.newCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.summary).toBeTruthy();
    expect(cardText(cards[0]!.card)).toMatch(/raise/i);

    const reference = await h.bot.services.conversations.get(priya.id);
    expect(reference).toMatchObject({
      channelId: "msteams",
      serviceUrl: h.connector.serviceUrl,
      conversation: {
        id: priya.user.conversationId,
        conversationType: "personal",
        tenantId: h.channel.tenantId,
      },
      user: { id: priya.user.id, aadObjectId: priya.id },
    });
  });

  it("welcomes the person also when the install names them as well as the bot (the Agents Playground)", async () => {
    const george = h.as("George Patel");
    await george.install({ includeUser: true });
    expect(george.newCards()).toHaveLength(1);
  });

  it("refreshes the stored reference from every incoming activity when it has changed", async () => {
    const answer = await priya.say("help", {
      from: { id: priya.user.id, name: "Priya Shah (QARO)", aadObjectId: priya.id },
    });
    expect(answer.status).toBe(200);
    expect(cardText(priya.newCards()[0]!.card)).toMatch(/raise/i);
    const afterMessage = await h.bot.services.conversations.get(priya.id);
    expect(afterMessage).toMatchObject({ user: { name: "Priya Shah (QARO)" } });
    // Proactive messages start a conversation turn of their own: no activity to reply to is kept.
    expect(afterMessage).not.toHaveProperty("activityId");

    // An invoke counts too.
    const invoke = await priya.act(VERBS.myEscalations, {});
    expect(invoke.status).toBe(200);
    const afterInvoke = await h.bot.services.conversations.get(priya.id);
    expect(afterInvoke).toMatchObject({ user: { name: "Priya Shah" } });
  });

  it("installs the other people of the escalations below", async () => {
    for (const person of [daniel, hannah, helen, julia, ian]) {
      expect((await person.install()).status).toBe(200);
      expect(person.newCards()).toHaveLength(1);
    }
  });
});

describe("raising a concern", () => {
  it("answers the command raise with the form, every field of the escalation on it", async () => {
    const form = await openRaiseForm(priya);
    const ids = inputIds(form);
    for (const field of Object.keys(validForm())) expect(ids).toContain(field);
    expect(ids).toEqual(expect.arrayContaining(["bypassReason", "timescaleDate", "responsibleId"]));
    expect(actionsOf(form).some((a) => a.verb === VERBS.raise)).toBe(true);
    expect(cardText(form)).toContain("Care Plan implementation");
  });

  it("sends the form back with each problem beside its field, and stores nothing", async () => {
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    const answer = await priya.press(
      form,
      VERBS.raise,
      validForm({ childName: "", dateOfBirth: "2031-01-01", requestedByWhen: "not a date", categories: "" }),
    );
    expect(answer.status).toBe(200);
    const back = answer.card!;
    expect(besideInput(back, "childName")).toContain("The child's name is required.");
    expect(besideInput(back, "dateOfBirth")).toContain("which is after today");
    expect(besideInput(back, "requestedByWhen")).toContain("must be a date (YYYY-MM-DD)");
    expect(besideInput(back, "categories")).toContain("choose at least one");
    // What was typed is still there.
    expect(cardText(back)).toContain(CHILD.caseId);
    await h.idle();
    expect(await raisedIds()).toEqual([...before]);
    expect(daniel.newCards()).toEqual([]);
  });

  it("raises a valid concern: the Team Manager is asked to respond, the copied people informed, the IRO told the due date and its rule", async () => {
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    const answer = await priya.press(form, VERBS.raise, validForm());
    expect(answer.status).toBe(200);
    expect(headlineOf(answer.card!)).toBe(
      "Sent to Daniel Reid: Level 1 response due Wednesday 11 November 2026",
    );
    await h.idle();
    const id = onlyEscalationId(before, await raisedIds());
    const escalation = await h.escalation(id);
    expect(escalation.stages.map((s) => s.stageId)).toEqual(["stage-1"]);
    expect(escalation.stages[0]!.due.due).toBe("2026-11-11");

    const [toDaniel] = daniel.newCards();
    expect(headlineOf(toDaniel!.card)).toBe("You are asked to respond: Level 1");
    expect(buttonsOf(toDaniel!.card).map((a) => a.verb)).toEqual(
      expect.arrayContaining(["respond", "reassign"]),
    );
    expect(inputIds(toDaniel!.card)).toEqual(
      expect.arrayContaining(["whatDone", "who", "byWhen", "expectedOutcome"]),
    );

    for (const [copied, headline] of [
      [hannah, "For information: Level 1"],
      // The QA Manager may act for the IRO, and her card says so.
      [helen, "Level 1: as QA Manager you may act for the IRO"],
    ] as const) {
      const cards = copied.newCards();
      expect(cards.map((c) => headlineOf(c.card))).toEqual([headline]);
      expect(buttonsOf(cards[0]!.card).filter((a) => a.verb === "respond" || a.verb === "reassign")).toEqual(
        [],
      );
      expect(inputIds(cards[0]!.card).filter((i) => i === "whatDone")).toEqual([]);
    }

    const [confirmation] = priya.newCards();
    expect(headlineOf(confirmation!.card)).toBe("Your escalation was sent");
    const text = cardText(confirmation!.card);
    expect(text).toContain("Wednesday 11 November 2026");
    expect(text).toContain("Day 0 is Wednesday 4 November 2026, the day the concern was received");
    expect(julia.newCards()).toEqual([]);
  });

  it("lists, on `my escalations`, what waits on the manager and what the IRO raised, with due dates", async () => {
    await daniel.say("my escalations");
    const forDaniel = cardText(daniel.newCards()[0]!.card);
    expect(forDaniel).toContain("Waiting for your answer (1)");
    expect(forDaniel).toContain("Level 1, due Wednesday 11 November 2026");
    expect(forDaniel).toContain(CHILD.caseId);
    await priya.say("My Escalations");
    const forPriya = cardText(priya.newCards()[0]!.card);
    expect(forPriya).toContain("Raised by you (1)");
    expect(forPriya).toContain("Nothing is waiting for your answer.");
  });

  it("raises from the message action: the message pre-fills the summary, and submitting raises", async () => {
    const fetched = await priya.fetchTask(
      "<p>Jamie&#39;s PEP meeting was cancelled <b>again</b> &amp; nobody told the carers.</p>",
    );
    expect(fetched.status).toBe(200);
    const dialog = fetched.card!;
    const summary = nodesWithId(dialog, "summary")[0]!;
    expect(summary["value"]).toBe("Jamie's PEP meeting was cancelled again & nobody told the carers.");
    // In a dialog the form submits with Action.Submit, carrying the form's id.
    const submit = actionsOf(dialog).find((a) => a.type === "Action.Submit");
    expect(submit).toBeDefined();

    const before = new Set(await raisedIds());
    const data = {
      ...(submit!.data as Record<string, unknown>),
      ...validForm({ summary: String(summary["value"]) }),
    };
    const submitted = await priya.submitAction(data);
    expect(submitted.status).toBe(200);
    expect(submitted.message).toMatch(/^Escalation ESC-[0-9A-Z]{8} was sent\.$/);
    await h.idle();
    const id = onlyEscalationId(before, await raisedIds());
    expect((await h.escalation(id)).concern.summary).toBe(
      "Jamie's PEP meeting was cancelled again & nobody told the carers.",
    );
    expect(daniel.newCards().map((c) => headlineOf(c.card))).toEqual(["You are asked to respond: Level 1"]);
    priya.newCards();
    hannah.newCards();
    helen.newCards();
  });

  it("sends the dialog back with the problems when the message action's form is incomplete", async () => {
    const fetched = await priya.fetchTask("<p>Short note</p>");
    const submit = actionsOf(fetched.card!).find((a) => a.type === "Action.Submit")!;
    const before = new Set(await raisedIds());
    const submitted = await priya.submitAction({
      ...(submit.data as Record<string, unknown>),
      ...validForm({ caseId: "" }),
    });
    expect(submitted.status).toBe(200);
    expect(besideInput(submitted.card!, "caseId")).toContain("The case ID is required.");
    expect(await raisedIds()).toEqual([...before]);
  });
});

describe("one concern's full path across two stages", () => {
  let id: string;
  let escalation: Escalation;
  const received = (person: TeamsPerson) => person.newCards().map((c) => headlineOf(c.card));

  beforeAll(async () => {
    h.clock.set("2026-11-04T11:00:00.000Z");
    for (const person of [priya, daniel, hannah, helen, julia, ian]) person.newCards();
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    await priya.press(form, VERBS.raise, validForm({ summary: "Full path: the care plan is not in place." }));
    await h.idle();
    id = onlyEscalationId(before, await raisedIds());
    expect(received(daniel)).toEqual(["You are asked to respond: Level 1"]);
    expect(received(hannah)).toEqual(["For information: Level 1"]);
    expect(received(helen)).toEqual(["Level 1: as QA Manager you may act for the IRO"]);
    expect(received(priya)).toEqual(["Your escalation was sent"]);
  });

  const latestCard = (person: TeamsPerson): Card => {
    const cards = person.received();
    return cards[cards.length - 1]!.card;
  };

  it("1. the Team Manager responds; the IRO receives it with Resolve, Escalate, Refer, Extend and Withdraw", async () => {
    h.clock.set("2026-11-05T09:30:00.000Z");
    const stageCard = latestCard(daniel);
    const answer = await daniel.press(stageCard, "respond", {
      whatDone: "A health assessment is booked for 12 November.",
      who: "Amy Clarke",
      byWhen: "2026-11-12",
      expectedOutcome: "childs-plan-on-track",
    });
    expect(answer.status).toBe(200);
    expect(headlineOf(answer.card!)).toBe("Your response was recorded");
    expect(buttonsOf(answer.card!).filter((a) => a.verb === "respond")).toEqual([]);
    // The card refreshes for everyone on the escalation: Teams matches their MRIs (29:…), not Entra ids.
    const refresh = answer.card!["refresh"] as { userIds?: string[] } | undefined;
    expect(refresh?.userIds).toEqual(
      expect.arrayContaining([priya.user.id, daniel.user.id, hannah.user.id, helen.user.id]),
    );
    expect(refresh?.userIds?.every((id) => id.startsWith("29:"))).toBe(true);
    await h.idle();

    const toPriya = priya.newCards();
    expect(toPriya.map((c) => headlineOf(c.card))).toEqual(["Response received: Level 1"]);
    const verbs = buttonsOf(toPriya[0]!.card).map((a) => a.verb);
    for (const verb of ["resolve", "escalate", "refer-to-cafcass", "withdraw"]) expect(verbs).toContain(verb);
    expect(cardText(toPriya[0]!.card)).toContain("A health assessment is booked for 12 November.");
    expect(received(hannah)).toEqual(["Answered: Level 1"]);
    expect(received(helen)).toEqual(["Answered: Level 1"]);
    expect(received(daniel)).toEqual([]);
  });

  it("offers Extend to the IRO while the stage waits for its answer", () => {
    // Extend is for a stage not yet answered: the IRO's confirmation card, drawn before the answer, had it.
    const confirmation = priya
      .received()
      .find(
        (c) => headlineOf(c.card) === "Your escalation was sent" && cardText(c.card).includes("Full path"),
      );
    expect(buttonsOf(confirmation!.card).map((a) => a.verb)).toContain("extend");
  });

  it("2. the IRO escalates: the Service Manager gets the new stage card, its copied people theirs, the previous manager is told", async () => {
    h.clock.set("2026-11-06T10:00:00.000Z");
    const answer = await priya.press(latestCard(priya), "escalate", {
      reasons: "The assessment date slipped twice before; Level 2 oversight is needed.",
    });
    expect(answer.status).toBe(200);
    expect(headlineOf(answer.card!)).toBe("Escalated to the next stage");
    await h.idle();
    escalation = await h.escalation(id);
    expect(escalation.stages.map((s) => s.stageId)).toEqual(["stage-1", "stage-2"]);
    expect(escalation.stages[1]!.responsible.name).toBe("Hannah Brooks");

    const toHannah = hannah.newCards();
    expect(toHannah.map((c) => headlineOf(c.card))).toEqual(["You are asked to respond: Level 2"]);
    expect(buttonsOf(toHannah[0]!.card).map((a) => a.verb)).toEqual(
      expect.arrayContaining(["respond", "reassign"]),
    );
    expect(received(julia)).toEqual(["For information: Level 2"]);
    expect(received(helen)).toEqual(["Level 2: as QA Manager you may act for the IRO"]);
    expect(received(daniel)).toEqual(["The concern has moved to the next stage"]);
    expect(received(priya)).toEqual(["Escalated: Level 2 was sent"]);
  });

  it("3. the Service Manager hands the stage to a delegate: the delegate gets the card, the IRO is told", async () => {
    h.clock.set("2026-11-06T14:00:00.000Z");
    const answer = await hannah.press(latestCard(hannah), "reassign", {
      toId: ian.id,
      reason: "I am on leave until 16 November; Ian is covering.",
    });
    expect(answer.status).toBe(200);
    expect(headlineOf(answer.card!)).toBe("Handed to your delegate");
    await h.idle();
    const toIan = ian.newCards();
    expect(toIan.map((c) => headlineOf(c.card))).toEqual(["Handed to you: Level 2"]);
    expect(buttonsOf(toIan[0]!.card).map((a) => a.verb)).toContain("respond");
    expect(received(priya)).toEqual(["Handed to a delegate: Level 2"]);
    expect(received(hannah)).toEqual([]);
  });

  it("4. the delegate responds", async () => {
    h.clock.set("2026-11-09T10:00:00.000Z");
    const answer = await ian.press(latestCard(ian), "respond", {
      whatDone: "The assessment took place; the care plan is updated.",
      who: "Ian Moss",
      byWhen: "2026-11-13",
      expectedOutcome: "childs-plan-on-track",
    });
    expect(answer.status).toBe(200);
    await h.idle();
    expect(received(priya)).toEqual(["Response received: Level 2"]);
    expect(received(julia)).toEqual(["Answered: Level 2"]);
    expect(received(helen)).toEqual(["Answered: Level 2"]);
  });

  it("5. the IRO resolves; everyone who was sent a card hears how it ended", async () => {
    h.clock.set("2026-11-10T10:00:00.000Z");
    const answer = await priya.press(latestCard(priya), "resolve", {
      resolvedOn: "2026-11-10",
      outcomeConfirmed: "childs-plan-on-track",
    });
    expect(answer.status).toBe(200);
    expect(headlineOf(answer.card!)).toBe("The escalation is resolved");
    // Closed: the IRO may only re-open it, within the policy's window.
    expect(
      buttonsOf(answer.card!)
        .filter((a) => a.verb !== undefined && a.verb !== VERBS.refresh)
        .map((a) => a.verb),
    ).toEqual(["reopen"]);
    await h.idle();
    escalation = await h.escalation(id);
    expect(escalation.status).toBe("resolved");
    expect(escalation.events.map((e) => e.kind)).toEqual([
      "raised",
      "responded",
      "escalated",
      "reassigned",
      "responded",
      "resolved",
    ]);
    expect(escalation.outbox.filter((m) => m.status !== "sent")).toEqual([]);
    for (const person of [daniel, hannah, helen, julia, ian]) {
      expect(received(person)).toEqual(["The escalation has concluded"]);
    }
    expect(received(priya)).toEqual([]);
  });

  it("5a. the IRO, who attaches the record to the child's file, is offered it as a file once it concludes", async () => {
    const offers = priya.fileOffers();
    expect(offers.map((o) => [o.name, o.acceptContext])).toEqual([
      ["Escalation_CIC.pdf", { file: "record", escalationId: id }],
    ]);
    expect(offers[0]!.summary).not.toContain(CHILD.name);
    const { upload } = await priya.acceptFile(offers[0]!);
    const text = flatText(await readPdf(h.connector.uploaded(upload.uniqueId)!));
    expect(text).toContain("The assessment took place; the care plan is updated.");
    expect(text).toContain("Resolved");
    for (const person of [daniel, hannah, julia, ian]) expect(person.fileOffers()).toEqual([]);
  });

  it("each person received their cards in order, one per message owed", () => {
    const all = (person: TeamsPerson) =>
      person
        .received()
        .filter((c) => cardText(c.card).includes("Full path"))
        .map((c) => headlineOf(c.card));
    expect(all(daniel)).toEqual([
      "You are asked to respond: Level 1",
      "The concern has moved to the next stage",
      "The escalation has concluded",
    ]);
    expect(all(hannah)).toEqual([
      "For information: Level 1",
      "Answered: Level 1",
      "You are asked to respond: Level 2",
      "The escalation has concluded",
    ]);
    expect(all(ian)).toEqual(["Handed to you: Level 2", "The escalation has concluded"]);
    expect(all(priya)).toEqual([
      "Your escalation was sent",
      "Response received: Level 1",
      "Escalated: Level 2 was sent",
      "Handed to a delegate: Level 2",
      "Response received: Level 2",
    ]);
  });
});

describe("considering a referral to Cafcass (Dorset)", () => {
  it("the IRO records it from the card; the QA Manager is informed, the card and the record keep it, and the referral stays offered", async () => {
    h.clock.set("2026-11-11T10:00:00.000Z");
    for (const person of [priya, daniel, hannah, helen]) person.newCards();
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    await priya.press(form, VERBS.raise, validForm({ summary: "Contact has failed twice." }));
    await h.idle();
    const id = onlyEscalationId(before, await raisedIds());
    const card = priya.newCards()[0]!.card;
    expect(buttonsOf(card).map((a) => a.title)).toContain("Considering Cafcass");
    expect(cardText(card)).toContain("the QA Manager must be informed first");
    for (const person of [daniel, hannah, helen]) person.newCards();

    const answer = await priya.press(card, "consider-cafcass", {
      note: "A referral may be needed if the plan fails again.",
    });
    expect(answer.status).toBe(200);
    expect(buttonsOf(answer.card!).map((a) => a.verb)).not.toContain("consider-cafcass");
    expect(buttonsOf(answer.card!).map((a) => a.verb)).toContain("refer-to-cafcass");
    expect(cardText(answer.card!)).toContain("Referral to Cafcass considered");
    await h.idle();

    const toHelen = helen.newCards();
    expect(toHelen.map((c) => headlineOf(c.card))).toEqual(["A referral to Cafcass is being considered"]);
    expect(cardText(toHelen[0]!.card)).toContain("A referral may be needed if the plan fails again.");
    expect(toHelen[0]!.summary).not.toContain(CHILD.name);
    expect(daniel.newCards()).toEqual([]);
    const stored = await h.escalation(id);
    expect(stored.status).toBe("open");
    expect(stored.events.map((e) => e.kind)).toEqual(["raised", "cafcass-considered"]);
    expect(stored.cafcassConsidered?.informed.map((p) => p.name)).toEqual([helen.name]);
  });
});

describe("what people type", () => {
  it("refuses text over the limit with a clear message and changes nothing", async () => {
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    const answer = await priya.press(form, VERBS.raise, validForm({ summary: "x".repeat(4001) }));
    expect(besideInput(answer.card!, "summary")).toContain("is 4001 characters long; the limit is 4000");
    expect(await raisedIds()).toEqual([...before]);
  });

  it("shows markdown, links and template expressions literally, in TextRuns, on every card", async () => {
    const typed = "**bold** [click](https://evil.example) ${x}";
    for (const person of [priya, daniel, hannah, helen]) person.newCards();
    const form = await openRaiseForm(priya);
    const before = new Set(await raisedIds());
    const answer = await priya.press(form, VERBS.raise, validForm({ summary: typed, impactOnChild: typed }));
    await h.idle();
    const id = onlyEscalationId(before, await raisedIds());
    expect((await h.escalation(id)).concern.summary).toBe(typed);
    const cards = [
      answer.card!,
      ...[priya, daniel, hannah, helen].flatMap((p) => p.newCards().map((c) => c.card)),
    ];
    expect(cards).toHaveLength(5);
    for (const card of cards) {
      expect(textRuns(card)).toContain(typed);
      expect(actionsOf(card).filter((a) => (a.url ?? "").includes("evil.example"))).toEqual([]);
      const markdown = nodesOfType(card, "TextBlock").map((n) => String(n["text"]));
      expect(markdown.filter((t) => t.includes("evil.example") || t.includes("**bold**"))).toEqual([]);
    }
  });
});

describe("notification previews", () => {
  it("name no child in any activity the bot sent", () => {
    const activities = h.connector.activities();
    expect(activities.length).toBeGreaterThan(30);
    expect(previewsNamingTheChild(h)).toEqual([]);
    expect(activities.filter((a) => previewOf(a.activity).trim() === "")).toEqual([]);
  });
});

it("every card the bot answered with or sent validates against the Adaptive Card 1.5 schema", () => {
  const cards = h.allCards();
  expect(cards.length).toBeGreaterThan(30);
  const invalid = cards
    .map(({ where, card }) => ({ where, problems: cardSchemaProblems(card) }))
    .filter((c) => c.problems.length > 0);
  expect(invalid).toEqual([]);
});

it("hardening point 14: every card the bot answered with or sent meets WCAG 2.2 AA (contrast, labels, titles)", () => {
  const problems = h
    .allCards()
    .flatMap(({ where, card }) => accessibilityProblems(card).map((p) => `${where}: ${p}`));
  expect(problems).toEqual([]);
});

function nodesWithId(card: Card, id: string): Record<string, unknown>[] {
  return nodesOf(card).filter((n) => n["id"] === id);
}

function nodesOfType(card: Card, type: string): Record<string, unknown>[] {
  return nodesOf(card).filter((n) => n["type"] === type);
}
