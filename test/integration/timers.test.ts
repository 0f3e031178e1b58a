/**
 * The reminders timer through the bot as Teams meets it (real HTTP, the embedded Cosmos DB server, a local
 * Bot Connector that records every send), with a clock walked through Christmas 2026 and Easter 2027. The
 * runs happen at 07:00, 08:00, 12:00 and 18:30 London time each calendar day, and the test reads off the
 * connector exactly which reminder went to whom, and when: the reminder before the due date, "due today", the
 * overdue chases with the copy to the next manager up from the second overdue working day, and the IRO's
 * prompt to escalate. Nothing goes on a weekend, a bank holiday, a council closure day or outside 08:00-18:00.
 */
import { reference, VERBS } from "../../src/adapters/cards";
import { addCalendarDays, type LocalDate } from "../../src/domain/calendar";
import {
  BotHarness,
  buttonsOf,
  cardSchemaProblems,
  headlineOf,
  previewsNamingTheChild,
  raiseThroughCard,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
} from "../support/bot-harness";

/** The moments of each calendar day at which the walk runs the timer, London wall-clock. */
const RUNS = ["07:00", "08:00", "12:00", "18:30"] as const;

interface Sent {
  /** "YYYY-MM-DD HH:mm" London, and the UTC time of the run that sent it. */
  readonly when: string;
  readonly utc: string;
  readonly to: string;
  readonly headline: string;
  /** The notification preview. */
  readonly summary: string;
  readonly card: Readonly<Record<string, unknown>>;
}

/**
 * Runs the reminders timer at each of `runs` on every calendar day from `from` to `to` (both included), with
 * the clock at that London time converted to UTC by the bot's own calendar, skipping the runs before the
 * clock's time (time never goes back); returns every card the connector received during the walk, with the
 * run that sent it.
 */
async function walk(
  h: BotHarness,
  from: LocalDate,
  to: LocalDate,
  runs: readonly string[] = RUNS,
): Promise<Sent[]> {
  const names = new Map(SAMPLE_DIRECTORY.people.map((p) => [h.as(p.name).user.conversationId, p.name]));
  const sent: Sent[] = [];
  let seen = h.connector.cards().length;
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    for (const time of runs) {
      const utc = h.bot.services.calendar.at(day, time);
      if (utc < h.clock.now()) continue;
      h.clock.set(utc);
      await h.bot.runReminders(false);
      const cards = h.connector.cards();
      for (const c of cards.slice(seen)) {
        sent.push({
          when: `${day} ${time}`,
          utc,
          to: names.get(c.conversationId) ?? c.conversationId,
          headline: headlineOf(c.card),
          summary: c.summary ?? "",
          card: c.card,
        });
      }
      seen = cards.length;
    }
  }
  return sent;
}

/** One line per card of one escalation: when, to whom, the card's headline and its preview without the reference. */
function lines(sent: readonly Sent[], escalationId: string, withUtc = false): string[] {
  const ref = `${reference(escalationId)}: `;
  return sent
    .filter((s) => s.summary.startsWith(ref))
    .map(
      (s) =>
        `${s.when}${withUtc ? ` (${s.utc.slice(11, 16)}Z)` : ""} ${s.to}: ${s.headline} | ${s.summary.slice(ref.length)}`,
    );
}

const TEAM_MANAGER = "Daniel Reid";
const SERVICE_MANAGER = "Hannah Brooks";
const IRO = "Priya Shah";

function beforeDue(when: string): string[] {
  return [`${when} ${TEAM_MANAGER}: Reminder: Level 1 response due soon | a response is due soon`];
}

function dueToday(when: string): string[] {
  return [`${when} ${TEAM_MANAGER}: Level 1 response due today | a response is due today`];
}

/** A working day overdue: the chase to the Team Manager, its copy to the Service Manager from the 2nd, the IRO's prompt. */
function overdue(when: string, days: number): string[] {
  const by = `by ${days} working day${days === 1 ? "" : "s"}`;
  return [
    `${when} ${TEAM_MANAGER}: Level 1 response overdue ${by} | a response is overdue ${by}`,
    ...(days >= 2
      ? [
          `${when} ${SERVICE_MANAGER}: Level 1 response overdue ${by} | a response in your area is overdue ${by}`,
        ]
      : []),
    // Dorset's QA Manager is told on the first working morning it is late.
    ...(days === 1
      ? [`${when} Helen Marsh: Level 1 response overdue ${by} | a response is overdue ${by}`]
      : []),
    `${when} ${IRO}: Level 1 response overdue ${by} | the response is overdue ${by}; escalate, extend or wait`,
  ];
}

/** The people of a Dorset Level 1 in North Children in Care Team, with the bot installed. */
async function installEveryone(h: BotHarness): Promise<TeamsPerson> {
  for (const name of [IRO, TEAM_MANAGER, SERVICE_MANAGER, "Helen Marsh"]) await h.as(name).install();
  return h.as(IRO);
}

function expectValidCards(h: BotHarness): void {
  const invalid = h
    .allCards()
    .map(({ where, card }) => ({ where, problems: cardSchemaProblems(card) }))
    .filter((c) => c.problems.length > 0);
  expect(invalid).toEqual([]);
  expect(previewsNamingTheChild(h)).toEqual([]);
}

describe("England and Wales bank holidays, no closure days", () => {
  let h: BotHarness;
  let priya: TeamsPerson;

  beforeAll(async () => {
    // Wednesday 16 December 2026, 10:00 in London (GMT).
    h = await BotHarness.start({ now: "2026-12-16T10:00:00.000Z" });
    priya = await installEveryone(h);
  });

  afterAll(async () => {
    await h.close();
  });

  describe("a Level 1 raised on Wednesday 16 December 2026, walked to Friday 8 January 2027", () => {
    let id: string;
    let sent: Sent[];

    beforeAll(async () => {
      id = await raiseThroughCard(h, priya, VERBS.raise, { requestedByWhen: "2027-01-15" });
      sent = await walk(h, "2026-12-16", "2027-01-08");
    });

    it("is due by the end of Wednesday 23 December", async () => {
      const stage = (await h.escalation(id)).stages[0]!;
      expect(stage.due).toMatchObject({ countedFrom: "2026-12-16", due: "2026-12-23" });
    });

    it("sends exactly these reminders: none on Christmas Day, Boxing Day (28th), New Year's Day or a weekend", () => {
      // Day 0 Wed 16 Dec; working days 1-5: 17, 18, 21, 22, 23. Overdue working days: Thu 24 Dec (1), then
      // Fri 25 Dec and Mon 28 Dec (substitute Boxing Day) are bank holidays; Tue 29 (2), Wed 30 (3),
      // Thu 31 (4); Fri 1 Jan is a bank holiday; Mon 4 Jan (5) to Fri 8 Jan (9).
      expect(lines(sent, id)).toEqual([
        ...beforeDue("2026-12-22 08:00"),
        ...dueToday("2026-12-23 08:00"),
        ...overdue("2026-12-24 08:00", 1),
        ...overdue("2026-12-29 08:00", 2),
        ...overdue("2026-12-30 08:00", 3),
        ...overdue("2026-12-31 08:00", 4),
        ...overdue("2027-01-04 08:00", 5),
        ...overdue("2027-01-05 08:00", 6),
        ...overdue("2027-01-06 08:00", 7),
        ...overdue("2027-01-07 08:00", 8),
        ...overdue("2027-01-08 08:00", 9),
      ]);
      // Nothing else went to anyone during the walk.
      expect(sent).toHaveLength(lines(sent, id).length);
    });

    it("gives the IRO Escalate, Extend and Keep waiting, and the Team Manager Respond, on their cards", () => {
      const prompt = sent.find((s) => s.to === IRO)!;
      const verbs = buttonsOf(prompt.card)
        .filter((b) => b.type === "Action.Execute")
        .map((b) => b.verb);
      expect(verbs).toEqual(expect.arrayContaining([VERBS.escalate, VERBS.extend, VERBS.keepWaiting]));
      const chase = sent.find((s) => s.to === TEAM_MANAGER && s.headline.includes("overdue"))!;
      expect(buttonsOf(chase.card).map((b) => b.verb)).toContain(VERBS.respond);
      const copy = sent.find((s) => s.to === SERVICE_MANAGER)!;
      expect(buttonsOf(copy.card).map((b) => b.verb)).not.toContain(VERBS.respond);
    });

    it("leaves nothing owed", async () => {
      expect((await h.escalation(id)).outbox.filter((m) => m.status !== "sent")).toEqual([]);
    });

    it("walked on to Wednesday 20 January: the QA Manager is alerted once when the formal process passes its 20 working days", async () => {
      // Working day 20 after day 0 is Mon 18 Jan; the total is passed on Tue 19 Jan, the 21st working day.
      const more = await walk(h, "2027-01-09", "2027-01-20");
      const alert = `2027-01-19 08:00 Helen Marsh: The formal process has passed its total | an escalation has passed the formal process's total`;
      expect(lines(more, id)).toEqual([
        ...overdue("2027-01-11 08:00", 10),
        ...overdue("2027-01-12 08:00", 11),
        ...overdue("2027-01-13 08:00", 12),
        ...overdue("2027-01-14 08:00", 13),
        ...overdue("2027-01-15 08:00", 14),
        ...overdue("2027-01-18 08:00", 15),
        ...overdue("2027-01-19 08:00", 16),
        alert,
        ...overdue("2027-01-20 08:00", 17),
      ]);
    });
  });

  describe("a Level 1 raised on Thursday 18 March 2027, walked over Easter", () => {
    let id: string;
    let sent: Sent[];

    beforeAll(async () => {
      // 10:00 in London (GMT); British Summer Time starts on Sunday 28 March, after which 08:00 in London is 07:00Z.
      h.clock.set("2027-03-18T10:00:00.000Z");
      id = await raiseThroughCard(h, priya, VERBS.raise, { requestedByWhen: "2027-04-30" });
      sent = await walk(h, "2027-03-18", "2027-04-01");
    });

    it("sends exactly these reminders: none on Good Friday, Easter Monday or the weekend, at 08:00 London in GMT and in BST", async () => {
      // Day 0 Thu 18 Mar; working days 1-5: 19, 22, 23, 24, 25: due Thu 25 Mar. Fri 26 (Good Friday) and
      // Mon 29 (Easter Monday) are bank holidays; overdue: Tue 30 (1), Wed 31 (2), Thu 1 Apr (3).
      expect((await h.escalation(id)).stages[0]!.due.due).toBe("2027-03-25");
      expect(lines(sent, id, true)).toEqual([
        ...beforeDue("2027-03-24 08:00 (08:00Z)"),
        ...dueToday("2027-03-25 08:00 (08:00Z)"),
        ...overdue("2027-03-30 08:00 (07:00Z)", 1),
        ...overdue("2027-03-31 08:00 (07:00Z)", 2),
        ...overdue("2027-04-01 08:00 (07:00Z)", 3),
      ]);
    });

    it("sends nothing for any escalation on a non-working day or outside working hours", () => {
      // The Christmas escalation is still open and chased each working day: at the first run in hours, which
      // on the 18th is the one at 12:00, after the raise at 10:00.
      const moments = [...new Set(sent.map((s) => s.when))];
      expect(moments).toEqual([
        "2027-03-18 12:00",
        ...["2027-03-19", "2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25"].map((d) => `${d} 08:00`),
        ...["2027-03-30", "2027-03-31", "2027-04-01"].map((d) => `${d} 08:00`),
      ]);
    });
  });

  it("every card sent validates against the Adaptive Card 1.5 schema, and no preview names the child", () => {
    expectValidCards(h);
  });
});

describe("a council closed from 29 to 31 December (CLOSURE_DAYS)", () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await BotHarness.start({
      now: "2026-12-16T10:00:00.000Z",
      env: { CLOSURE_DAYS: "2026-12-29,2026-12-30,2026-12-31" },
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it("sends nothing on its closure days, and counts the days overdue without them", async () => {
    const priya = await installEveryone(h);
    const id = await raiseThroughCard(h, priya, VERBS.raise, { requestedByWhen: "2027-01-15" });
    const sent = await walk(h, "2026-12-16", "2027-01-06");
    // Overdue working days: Thu 24 Dec (1); 25 and 28 Dec bank holidays; 29-31 Dec closed; 1 Jan a bank
    // holiday; Mon 4 Jan (2, the Service Manager copied from here), Tue 5 (3), Wed 6 (4).
    expect(lines(sent, id)).toEqual([
      ...beforeDue("2026-12-22 08:00"),
      ...dueToday("2026-12-23 08:00"),
      ...overdue("2026-12-24 08:00", 1),
      ...overdue("2027-01-04 08:00", 2),
      ...overdue("2027-01-05 08:00", 3),
      ...overdue("2027-01-06 08:00", 4),
    ]);
    expect(sent).toHaveLength(lines(sent, id).length);
    expectValidCards(h);
  });
});
