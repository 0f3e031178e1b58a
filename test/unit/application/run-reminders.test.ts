// The reminders run with in-memory fakes and a fixed clock: what its summary counts (escalations due, reminders
// added, messages sent and not delivered, failures), and what it logs: a summary with isPastDue and the counts,
// and otherwise ids and codes only, never a child's name, a person's name or any free text.
import type { DeliveryChannel } from "../../../src/application/delivery";
import type { DispatchDeps } from "../../../src/application/dispatch-outbox";
import { raiseEscalation, type RaiseForm } from "../../../src/application/raise-escalation";
import { runReminders } from "../../../src/application/run-reminders";
import { RecordingChannel } from "../../fakes/recording-channel";
import { personNamed, SAMPLE_DIRECTORY, testServices } from "../../fakes/services";

const CHILD = { name: "Jamie Example", caseId: "MOS-100234", dateOfBirth: "2015-06-15" };

function form(formId: string, overrides: Partial<RaiseForm> = {}): RaiseForm {
  return {
    formId,
    childName: CHILD.name,
    caseId: CHILD.caseId,
    dateOfBirth: CHILD.dateOfBirth,
    legalStatus: "CIC",
    teamId: "north-cic",
    socialWorkerId: personNamed("Amy Clarke").id,
    teamManagerId: personNamed("Daniel Reid").id,
    iroManagerId: personNamed("Helen Marsh").id,
    categories: "care-plan-implementation",
    summary: "The care plan has not been signed off.",
    impactOnChild: "Jamie does not know where they will live.",
    requestedWhat: "Sign off the plan.",
    requestedWho: "Team Manager",
    requestedByWhen: "2027-01-15",
    outcomeSought: "childs-plan-on-track",
    startStageId: "stage-1",
    ...overrides,
  };
}

/**
 * Two Dorset Level 1s raised by Priya Shah on Wednesday 16 December 2026 at 10:00, due by the end of
 * Wednesday 23 December: one in North CIC (Daniel Reid), one in South CIC (Erin Walsh, who has not installed
 * the bot). The messages the raise owed have been dispatched, as they are straight after the write.
 */
async function twoRaised() {
  const t = testServices({ now: "2026-12-16T10:00:00.000Z" });
  const notifier = new RecordingChannel();
  notifier.unreachable.add(personNamed("Erin Walsh").id);
  const dispatch: DispatchDeps = {
    store: t.store,
    channel: notifier,
    logger: t.logger,
    now: () => t.clock.now(),
  };
  const ids: string[] = [];
  for (const [formId, overrides] of [
    ["form-north-0001", {}],
    [
      "form-south-0002",
      {
        teamId: "south-cic",
        socialWorkerId: personNamed("Ben Hughes").id,
        teamManagerId: personNamed("Erin Walsh").id,
      },
    ],
  ] as const) {
    const outcome = await raiseEscalation(t.services, personNamed("Priya Shah").id, form(formId, overrides));
    if (outcome.kind !== "raised") throw new Error(`not raised: ${JSON.stringify(outcome)}`);
    ids.push(outcome.escalation.id);
  }
  await runReminders(t.services, dispatch, { isPastDue: false });
  notifier.sent.length = 0;
  t.logger.entries.length = 0;
  const at = (day: string, time: string) => t.clock.set(t.services.calendar.at(day, time));
  const [north, south] = ids as [string, string];
  return { ...t, notifier, dispatch, north, south, at };
}

const summaries = (entries: readonly { message: string; properties: object }[]) =>
  entries.filter((e) => e.message === "reminders run").map((e) => e.properties);

describe("the run's summary", () => {
  it("counts the escalations due, the reminders added, the messages sent and those not delivered", async () => {
    const { services, dispatch, notifier, logger, at } = await twoRaised();
    // Thursday 24 December, 08:00: each is 1 working day overdue. Each owes a chase to its Team Manager, a
    // prompt to the IRO and a notice to the QA Manager (Dorset's policy asks for it); Erin Walsh's chase
    // cannot be delivered, nor can her stage card from the raise.
    at("2026-12-24", "08:00");
    const summary = await runReminders(services, dispatch, { isPastDue: false });
    const expected = {
      isPastDue: false,
      due: 2,
      remindersOwed: 6,
      dispatched: 2,
      sent: 5,
      undelivered: 2,
      failed: 0,
    };
    expect(summary).toEqual(expected);
    expect(notifier.sent.map((s) => `${s.item.kind} → ${s.item.to.name}`).sort()).toEqual([
      "escalation-prompt → Priya Shah",
      "escalation-prompt → Priya Shah",
      "overdue-chase → Daniel Reid",
      "overdue-qa-notice → Helen Marsh",
      "overdue-qa-notice → Helen Marsh",
    ]);
    expect(summaries(logger.entries)).toEqual([expected]);
  });

  it("counts nothing new on a second run the same morning, and says the run was past due", async () => {
    const { services, dispatch, notifier, logger, at } = await twoRaised();
    at("2026-12-24", "08:00");
    await runReminders(services, dispatch, { isPastDue: false });
    notifier.sent.length = 0;
    // 08:10: nothing is due; Erin Walsh's messages are still owed, but not tried again before 08:15.
    at("2026-12-24", "08:10");
    const again = await runReminders(services, dispatch, { isPastDue: true });
    expect(again).toEqual({
      isPastDue: true,
      due: 0,
      remindersOwed: 0,
      dispatched: 1,
      sent: 0,
      undelivered: 0,
      failed: 0,
    });
    expect(notifier.sent).toEqual([]);
    expect(summaries(logger.entries).at(-1)).toEqual(again);
  });

  it("counts an escalation due whose reminders are not owed now: after hours it adds nothing and looks again next morning", async () => {
    const { services, store, dispatch, notifier, at, north, south } = await twoRaised();
    // Tuesday 22 December, 18:30: the reminder before the due date was owed from 08:00, but no run came in
    // working hours; it is not sent out of hours, and not made up tomorrow.
    at("2026-12-22", "18:30");
    const summary = await runReminders(services, dispatch, { isPastDue: false });
    expect(summary).toMatchObject({ due: 2, remindersOwed: 0, sent: 0 });
    expect(notifier.sent).toEqual([]);
    const nextAt = async (id: string) => (await store.get(id))!.value.nextActionAt;
    expect(await nextAt(north)).toBe("2026-12-23T08:00:00.000Z");
    expect(await nextAt(south)).toBe("2026-12-23T08:00:00.000Z");
    at("2026-12-23", "08:00");
    expect(await runReminders(services, dispatch, { isPastDue: false })).toMatchObject({
      due: 2,
      remindersOwed: 2,
      sent: 1,
    });
    expect(notifier.sent.map((s) => s.item.kind)).toEqual(["due-today"]);
  });

  it("counts a failure to record the reminders, logs the escalation id and the error's name, and carries on", async () => {
    const { services, store, dispatch, logger, at, north } = await twoRaised();
    const replace = store.replace.bind(store);
    store.replace = (escalation, etag) =>
      escalation.id === north
        ? Promise.reject(new Error(`write refused for ${CHILD.name} (${CHILD.caseId})`))
        : replace(escalation, etag);
    at("2026-12-24", "08:00");
    const summary = await runReminders(services, dispatch, { isPastDue: false });
    expect(summary).toMatchObject({ due: 2, remindersOwed: 3, failed: 1 });
    expect(logger.entries).toContainEqual({
      level: "error",
      message: "reminder schedule failed",
      properties: { escalationId: north, error: "Error" },
    });
  });
});

describe("a run whose sends outlast its five-minute lease", () => {
  it("stops there: the next run claims what is left and sends it once", async () => {
    const { services, dispatch, notifier, clock, at } = await twoRaised();
    // Tuesday 29 December, 08:00: 2 working days overdue, so each owes a chase, a copy and a prompt.
    at("2026-12-29", "08:00");
    let first = true;
    const throttled: DeliveryChannel = {
      deliver: async (item, escalation) => {
        if (first) {
          first = false;
          // The connector throttles this send for five and a half minutes; meanwhile the next run starts, finds
          // the lease run out, claims everything not yet marked sent, and sends it.
          clock.advance(330_000);
          await runReminders(services, dispatch, { isPastDue: false });
        }
        return notifier.deliver(item, escalation);
      },
    };
    await runReminders(services, { ...dispatch, channel: throttled }, { isPastDue: false });

    const counts = new Map<string, number>();
    for (const { item, escalationId } of notifier.sent) {
      const key = `${escalationId} ${item.id}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Five reminders reach someone (Erin Walsh's chase cannot): the one in flight when the lease ran out
    // went twice, which no lease can prevent; nothing else did.
    expect(counts.size).toBe(5);
    expect([...counts.values()].sort()).toEqual([1, 1, 1, 1, 2]);
  });
});

describe("what the run logs", () => {
  it("is ids, kinds, codes and counts: never a child's name, a person's name or free text", async () => {
    const { services, dispatch, logger, at, store, north } = await twoRaised();
    const replace = store.replace.bind(store);
    let refused = false;
    store.replace = (escalation, etag) => {
      if (escalation.id === north && !refused) {
        refused = true;
        return Promise.reject(new Error(`write refused for ${CHILD.name}`));
      }
      return replace(escalation, etag);
    };
    for (const [day, time] of [
      ["2026-12-22", "08:00"],
      ["2026-12-23", "08:00"],
      ["2026-12-24", "08:00"],
      ["2026-12-29", "08:00"],
      ["2026-12-29", "18:30"],
    ] as const) {
      at(day, time);
      await runReminders(services, dispatch, { isPastDue: day === "2026-12-29" });
    }
    const entries = logger.entries;
    expect(summaries(entries)).toHaveLength(5);
    expect(entries.map((e) => e.level)).toEqual(expect.arrayContaining(["info", "warn", "error"]));

    const escalation = (await store.get(north))!.value;
    const words = [
      CHILD.name,
      ...CHILD.name.split(" "),
      CHILD.caseId,
      CHILD.dateOfBirth,
      escalation.concern.summary,
      escalation.concern.impactOnChild,
      escalation.concern.requestedAction.what,
      ...SAMPLE_DIRECTORY.people.map((p) => p.name),
    ];
    for (const entry of entries) {
      for (const value of Object.values(entry.properties)) {
        if (typeof value !== "string") continue;
        // An id, a kind or a code: no spaces, so no name and no sentence.
        expect({ message: entry.message, value }).toEqual({
          message: entry.message,
          value: expect.stringMatching(/^[A-Za-z0-9:._-]+$/) as unknown,
        });
        for (const word of words) expect(value).not.toContain(word);
      }
    }
    for (const summary of summaries(entries)) {
      expect(Object.keys(summary).sort()).toEqual(
        ["dispatched", "due", "failed", "isPastDue", "remindersOwed", "sent", "undelivered"].sort(),
      );
    }
  });
});
