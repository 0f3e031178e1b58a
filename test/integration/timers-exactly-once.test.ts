/**
 * Every reminder the schedule owes is sent exactly once, counted at the local Bot Connector, whatever the
 * timer does: a dispatcher that dies between claiming and sending (a later run sends once the lease has run
 * out), two runs at once (one send each), a day with no runs at all (one catch-up run sends what is owed on
 * the day it runs, not one message per missed tick and nothing for the missed day), and a day whose runs all
 * fall outside working hours (what was owed that day is not made up the next morning).
 */
import { reference, VERBS } from "../../src/adapters/cards";
import { policyById } from "../../src/application/services";
import type { LocalDate } from "../../src/domain/calendar";
import { claim } from "../../src/domain/outbox";
import { applyReminders } from "../../src/domain/reminders";
import { BotHarness, headlineOf, raiseThroughCard, type TeamsPerson } from "../support/bot-harness";

let h: BotHarness;
let id: string;
let ref: string;
const people: TeamsPerson[] = [];
let seen = 0;

/** "to: headline" for each card the connector received since the last call. */
function newSends(): string[] {
  const cards = h.connector.cards();
  const fresh = cards.slice(seen);
  seen = cards.length;
  const names = new Map(people.map((p) => [p.user.conversationId, p.name]));
  return fresh.map((c) => {
    expect(c.summary?.startsWith(`${ref}: `)).toBe(true);
    return `${names.get(c.conversationId) ?? c.conversationId}: ${headlineOf(c.card)}`;
  });
}

function at(day: LocalDate, time: string): void {
  h.clock.set(h.bot.services.calendar.at(day, time));
}

const overdue = (days: number, copied: boolean) => {
  const headline = `Level 1 response overdue by ${days} working day${days === 1 ? "" : "s"}`;
  return [
    `Daniel Reid: ${headline}`,
    ...(copied ? [`Hannah Brooks: ${headline}`] : []),
    `Priya Shah: ${headline}`,
    // Dorset's QA Manager hears on the first working morning a response is late.
    ...(days === 1 ? [`Helen Marsh: ${headline}`] : []),
  ];
};

beforeAll(async () => {
  // Wednesday 16 December 2026, 10:00 in London: due by the end of Wednesday 23 December.
  h = await BotHarness.start({ now: "2026-12-16T10:00:00.000Z" });
  for (const name of ["Priya Shah", "Daniel Reid", "Hannah Brooks", "Helen Marsh"]) {
    const person = h.as(name);
    await person.install();
    people.push(person);
  }
  id = await raiseThroughCard(h, h.as("Priya Shah"), VERBS.raise, { requestedByWhen: "2027-01-15" });
  ref = reference(id);
  seen = h.connector.cards().length;
  // The reminder before the due date, on Tuesday 22 December, goes as usual.
  at("2026-12-22", "08:00");
  await h.bot.runReminders(false);
  expect(newSends()).toEqual(["Daniel Reid: Reminder: Level 1 response due soon"]);
});

afterAll(async () => {
  await h.close();
});

test("a dispatcher that died between claim and send: nothing goes while its lease holds, then one send", async () => {
  // Wednesday 23 December, 08:00: a run adds "due today" to the outbox, claims it for two minutes (a dispatcher with a longer lease than today's), and dies.
  at("2026-12-23", "08:00");
  const { services } = h.bot;
  const stored = (await services.store.get(id))!;
  const now = services.clock.now();
  const scheduled = applyReminders(stored.value, {
    now,
    policy: policyById(services, stored.value.policyId),
    calendar: services.calendar,
    hours: services.hours,
  });
  expect(scheduled.owed.map((m) => m.kind)).toEqual(["due-today"]);
  const until = new Date(Date.parse(now) + 2 * 60_000).toISOString();
  const claimed = claim(scheduled.escalation, now, { until, by: "a-dispatcher-that-died" });
  expect(claimed.claimed).toHaveLength(1);
  await services.store.replace(claimed.escalation, stored.etag);

  // 08:01: the claim still holds; the run adds nothing (the reminder is owed already) and sends nothing.
  h.clock.advance(60_000);
  expect(await h.bot.runReminders(false)).toMatchObject({ remindersOwed: 0, sent: 0 });
  expect(newSends()).toEqual([]);

  // 08:02:30: the lease has run out; the next run sends it, once.
  h.clock.advance(90_000);
  expect(await h.bot.runReminders(false)).toMatchObject({ remindersOwed: 0, sent: 1 });
  expect(newSends()).toEqual(["Daniel Reid: Level 1 response due today"]);

  // Later runs that day send nothing more.
  for (const time of ["08:15", "12:00", "17:45"]) {
    at("2026-12-23", time);
    await h.bot.runReminders(false);
  }
  expect(newSends()).toEqual([]);
  const item = (await h.escalation(id)).outbox.find((m) => m.kind === "due-today")!;
  expect(item).toMatchObject({ status: "sent", attempts: 2 });
});

test("two runs at once send every owed message once", async () => {
  // Thursday 24 December, 08:00: the first overdue working day; the timer fires twice.
  at("2026-12-24", "08:00");
  const runs = await Promise.all([h.bot.runReminders(false), h.bot.runReminders(false)]);
  await h.idle();
  const sends = newSends();
  expect(sends.sort()).toEqual(overdue(1, false).sort());
  expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
  expect(runs.reduce((sum, r) => sum + r.remindersOwed, 0)).toBe(3);

  // Tuesday 29 December (after Christmas Day and the substitute Boxing Day): three runs at once, three messages.
  at("2026-12-29", "08:00");
  const three = await Promise.all([1, 2, 3].map(() => h.bot.runReminders(false)));
  expect(newSends().sort()).toEqual(overdue(2, true).sort());
  expect(three.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
  at("2026-12-29", "08:15");
  await Promise.all([h.bot.runReminders(false), h.bot.runReminders(false)]);
  expect(newSends()).toEqual([]);
});

test("a day of missed runs: one catch-up run sends what is owed today, once, and nothing for the missed day", async () => {
  // No run at all on Wednesday 30 December; the host is back on Thursday 31 December at 10:40, and its first
  // run is past due.
  at("2026-12-31", "10:40");
  const run = await h.bot.runReminders(true);
  expect(run).toMatchObject({ isPastDue: true, due: 1, remindersOwed: 3, sent: 3, undelivered: 0 });
  expect(newSends()).toEqual(overdue(4, true));
  expect(h.logger.entries).toContainEqual(
    expect.objectContaining({
      message: "reminders run",
      properties: expect.objectContaining({ isPastDue: true, remindersOwed: 3, sent: 3 }) as unknown,
    }),
  );
  const outbox = (await h.escalation(id)).outbox;
  expect(outbox.filter((m) => m.id.includes(":2026-12-30:"))).toEqual([]);
  expect(outbox.filter((m) => m.status !== "sent")).toEqual([]);

  // The ticks after it, every fifteen minutes to the end of the day, send nothing more.
  for (let minutes = 15; minutes <= 7 * 60; minutes += 15) {
    at("2026-12-31", "10:40");
    h.clock.advance(minutes * 60_000);
    await h.bot.runReminders(false);
  }
  expect(newSends()).toEqual([]);
});

test("a working day whose runs all fall outside working hours: its reminders are not made up the next day", async () => {
  // Monday 4 January 2027 (5 working days overdue): the host runs only at 07:59 and from 18:00.
  for (const time of ["07:00", "07:59", "18:00", "23:45"]) {
    at("2027-01-04", time);
    expect(await h.bot.runReminders(false)).toMatchObject({ remindersOwed: 0, sent: 0 });
  }
  expect(newSends()).toEqual([]);
  // Tuesday 5 January, 08:00: today's chase (6 working days overdue), and none for yesterday.
  at("2027-01-05", "08:00");
  await h.bot.runReminders(false);
  expect(newSends()).toEqual(overdue(6, true));
  const outbox = (await h.escalation(id)).outbox;
  expect(outbox.filter((m) => m.id.includes(":2027-01-04:"))).toEqual([]);
});
