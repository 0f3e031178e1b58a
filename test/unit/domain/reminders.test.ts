// Behaviour of the reminder schedule, walked day by day with a fixed clock: who is reminded, chased or
// prompted on which working day, never outside working hours, never twice, and when the timer must look again.
import { addCalendarDays, createCalendar, type LocalDate } from "../../../src/domain/calendar";
import type { Escalation } from "../../../src/domain/escalation";
import { applyReminders, nextActionAt, remindersOwed } from "../../../src/domain/reminders";
import {
  escalate,
  keepWaiting,
  reassign,
  resolve,
  respond,
  type TransitionContext,
} from "../../../src/domain/transitions";
import { actors, at, context, holders, ok, people, policy, raised } from "../../builders/escalations";

/** The times the walk runs the schedule each calendar day, London wall-clock. */
const RUNS = ["07:00", "08:00", "12:00", "18:30"] as const;

interface Walk {
  readonly escalation: Escalation;
  /** "day time kind → name" for every reminder owed, in the order owed. */
  readonly log: string[];
  /** What `nextActionAt` said after the last run of each calendar day. */
  readonly nextAfter: ReadonlyMap<LocalDate, string | null>;
}

/** Runs the schedule at each of RUNS on every calendar day from `from` to `to`, both included. */
function walk(start: Escalation, ctx: TransitionContext, from: LocalDate, to: LocalDate): Walk {
  let escalation = start;
  const log: string[] = [];
  const nextAfter = new Map<LocalDate, string | null>();
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    for (const time of RUNS) {
      const result = applyReminders(escalation, at(ctx, day, time));
      for (const item of result.owed) log.push(`${day} ${time} ${item.kind} → ${item.to.name}`);
      escalation = result.escalation;
    }
    nextAfter.set(day, escalation.nextActionAt);
  }
  return { escalation, log, nextAfter };
}

/** What an overdue stage owes each working day: the chase, its copy from the 2nd day, the IRO's prompt. */
function overdueDay(
  day: LocalDate,
  overdue: number,
  manager = "Tariq Mann",
  nextUp = "Sofia Marr",
  /** Dorset's QA Managers, told on the first overdue working day. */
  qa: readonly string[] = [],
): string[] {
  return [
    `${day} 08:00 overdue-chase → ${manager}`,
    ...(overdue === 1 ? qa.map((name) => `${day} 08:00 overdue-qa-notice → ${name}`) : []),
    ...(overdue >= 2 ? [`${day} 08:00 overdue-chase-copy → ${nextUp}`] : []),
    `${day} 08:00 escalation-prompt → Imogen Reeve`,
  ];
}

const TWO_QA = ["Quinn Abbott", "Queenie Ash"];
const twoQaManagers = holders({ "qa-manager": [people.qaManager, people.secondQaManager] });

describe("a Dorset Level 1 raised on Wednesday 16 December 2026 at 10:00, across Christmas", () => {
  // Day 0 is Wed 16 Dec. Working days 1-5: Thu 17, Fri 18, Mon 21, Tue 22, Wed 23: due by the end of Wed 23.
  // Fri 25 Dec (Christmas Day) and Mon 28 Dec (Boxing Day, substitute) are bank holidays, as is Fri 1 Jan 2027.
  const ctx = context({ now: "2026-12-16T10:00:00.000Z", holders: twoQaManagers });
  const level1 = (): Escalation => raised(ctx);

  /** The working days after the due day, with how many working days overdue each is. */
  const overdue: readonly (readonly [LocalDate, number])[] = [
    ["2026-12-24", 1],
    ["2026-12-29", 2],
    ["2026-12-30", 3],
    ["2026-12-31", 4],
    ["2027-01-04", 5],
    ["2027-01-05", 6],
    ["2027-01-06", 7],
    ["2027-01-07", 8],
    ["2027-01-08", 9],
  ];

  it("is due by the end of Wednesday 23 December, and first owes something on Tuesday 22 December at 08:00", () => {
    const escalation = level1();

    expect(escalation.stages[0]?.due).toMatchObject({ countedFrom: "2026-12-16", due: "2026-12-23" });
    expect(escalation.nextActionAt).toBe("2026-12-22T08:00:00.000Z");
  });

  it("reminds the day before, on the due day, then chases every working day, copying the next manager up from the 2nd", () => {
    const { log } = walk(level1(), ctx, "2026-12-16", "2027-01-10");

    expect(log).toEqual([
      "2026-12-22 08:00 reminder-before-due → Tariq Mann",
      "2026-12-23 08:00 due-today → Tariq Mann",
      ...overdue.flatMap(([day, n]) => overdueDay(day, n, undefined, undefined, TWO_QA)),
    ]);
  });

  it("records how overdue each chase is and which day it belongs to", () => {
    const { escalation } = walk(level1(), ctx, "2026-12-16", "2026-12-29");

    const chases = escalation.outbox.filter((item) => item.kind === "overdue-chase");
    expect(chases.map((item) => [item.id, item.data?.workingDaysOverdue, item.createdAt])).toEqual([
      ["stage-1:overdue-chase:2026-12-24:p-tm", 1, "2026-12-24T08:00:00.000Z"],
      ["stage-1:overdue-chase:2026-12-29:p-tm", 2, "2026-12-29T08:00:00.000Z"],
    ]);
    // Never sent (this walk dispatches nothing): the 24th's chase is replaced by the 29th's, not sent late.
    expect(chases.map((item) => item.status)).toEqual(["superseded", "pending"]);
    for (const item of chases) expect(item).toMatchObject({ attempts: 0, stageId: "stage-1" });
  });

  it("after each run, looks again at 08:00 on the next working day something is owed", () => {
    const { nextAfter } = walk(level1(), ctx, "2026-12-16", "2027-01-08");

    expect(Object.fromEntries(nextAfter)).toEqual({
      "2026-12-16": "2026-12-22T08:00:00.000Z",
      "2026-12-17": "2026-12-22T08:00:00.000Z",
      "2026-12-18": "2026-12-22T08:00:00.000Z",
      "2026-12-19": "2026-12-22T08:00:00.000Z",
      "2026-12-20": "2026-12-22T08:00:00.000Z",
      "2026-12-21": "2026-12-22T08:00:00.000Z",
      "2026-12-22": "2026-12-23T08:00:00.000Z",
      "2026-12-23": "2026-12-24T08:00:00.000Z",
      "2026-12-24": "2026-12-29T08:00:00.000Z",
      "2026-12-25": "2026-12-29T08:00:00.000Z",
      "2026-12-26": "2026-12-29T08:00:00.000Z",
      "2026-12-27": "2026-12-29T08:00:00.000Z",
      "2026-12-28": "2026-12-29T08:00:00.000Z",
      "2026-12-29": "2026-12-30T08:00:00.000Z",
      "2026-12-30": "2026-12-31T08:00:00.000Z",
      "2026-12-31": "2027-01-04T08:00:00.000Z",
      "2027-01-01": "2027-01-04T08:00:00.000Z",
      "2027-01-02": "2027-01-04T08:00:00.000Z",
      "2027-01-03": "2027-01-04T08:00:00.000Z",
      "2027-01-04": "2027-01-05T08:00:00.000Z",
      "2027-01-05": "2027-01-06T08:00:00.000Z",
      "2027-01-06": "2027-01-07T08:00:00.000Z",
      "2027-01-07": "2027-01-08T08:00:00.000Z",
      "2027-01-08": "2027-01-11T08:00:00.000Z",
    });
  });

  it("owes nothing outside 08:00 to 18:00 London time, even on an overdue working day", () => {
    const escalation = walk(level1(), ctx, "2026-12-16", "2026-12-23").escalation;

    for (const time of ["00:00", "07:59", "18:00", "23:59"]) {
      expect(remindersOwed(escalation, at(ctx, "2026-12-24", time))).toEqual([]);
    }
    // The chase, the IRO's prompt and the two QA Managers' notices.
    expect(remindersOwed(escalation, at(ctx, "2026-12-24", "08:00"))).toHaveLength(4);
    expect(remindersOwed(escalation, at(ctx, "2026-12-24", "17:59"))).toHaveLength(4);
  });

  it("owes nothing on the bank holidays and the weekend between, even at midday", () => {
    const escalation = walk(level1(), ctx, "2026-12-16", "2026-12-24").escalation;

    for (const day of ["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2027-01-01"]) {
      expect(remindersOwed(escalation, at(ctx, day, "12:00"))).toEqual([]);
    }
  });

  it("adds nothing when run twice at the same moment", () => {
    const escalation = walk(level1(), ctx, "2026-12-16", "2026-12-28").escalation;
    const moment = at(ctx, "2026-12-29", "09:15");

    const first = applyReminders(escalation, moment);
    const second = applyReminders(first.escalation, moment);

    expect(first.owed).toHaveLength(3);
    expect(second.owed).toEqual([]);
    expect(second.escalation).toBe(first.escalation);
  });

  it("after several missed days, owes only today's chase, copy and prompt", () => {
    const { owed, escalation } = applyReminders(level1(), at(ctx, "2027-01-06", "12:00"));

    expect(owed.map((item) => [item.kind, item.to.name, item.data?.workingDaysOverdue])).toEqual([
      ["overdue-chase", "Tariq Mann", 7],
      ["overdue-chase-copy", "Sofia Marr", 7],
      ["escalation-prompt", "Imogen Reeve", 7],
    ]);
    expect(escalation.nextActionAt).toBe("2027-01-07T08:00:00.000Z");
  });

  it("stops the stage's reminders once the Team Manager responds", () => {
    const chased = walk(level1(), ctx, "2026-12-16", "2026-12-24").escalation;
    const response = at(ctx, "2026-12-24", "11:00");
    const answered = ok(
      respond(
        chased,
        {
          actor: actors.teamManager,
          stageId: "stage-1",
          whatDone: "Plan signed off.",
          who: "Tariq Mann",
          byWhen: "2027-01-08",
          expectedOutcome: { id: "childs-plan-on-track" },
        },
        response,
      ),
    ).escalation;

    expect(answered.nextActionAt).toBe("2027-01-19T08:00:00.000Z");
    expect(walk(answered, ctx, "2026-12-24", "2027-01-15").log).toEqual([]);
  });

  it("chases the delegate once the stage is reassigned", () => {
    const handed = ok(
      reassign(
        level1(),
        { actor: actors.teamManager, stageId: "stage-1", to: people.deputyTeamManager, reason: "Leave." },
        at(ctx, "2026-12-17"),
      ),
    ).escalation;

    expect(walk(handed, ctx, "2026-12-17", "2026-12-24").log).toEqual([
      "2026-12-22 08:00 reminder-before-due → Dana Temple",
      "2026-12-23 08:00 due-today → Dana Temple",
      "2026-12-24 08:00 overdue-chase → Dana Temple",
      "2026-12-24 08:00 overdue-qa-notice → Quinn Abbott",
      "2026-12-24 08:00 overdue-qa-notice → Queenie Ash",
      "2026-12-24 08:00 escalation-prompt → Imogen Reeve",
    ]);
  });

  it("does not prompt the IRO to escalate while the IRO keeps waiting, but still chases", () => {
    const waiting = ok(
      keepWaiting(
        level1(),
        { actor: actors.iro, stageId: "stage-1", until: "2026-12-30" },
        at(ctx, "2026-12-23"),
      ),
    ).escalation;

    const { log } = walk(waiting, ctx, "2026-12-23", "2026-12-31");

    expect(log).toEqual([
      "2026-12-23 08:00 due-today → Tariq Mann",
      "2026-12-24 08:00 overdue-chase → Tariq Mann",
      "2026-12-24 08:00 overdue-qa-notice → Quinn Abbott",
      "2026-12-24 08:00 overdue-qa-notice → Queenie Ash",
      "2026-12-29 08:00 overdue-chase → Tariq Mann",
      "2026-12-29 08:00 overdue-chase-copy → Sofia Marr",
      "2026-12-30 08:00 overdue-chase → Tariq Mann",
      "2026-12-30 08:00 overdue-chase-copy → Sofia Marr",
      ...overdueDay("2026-12-31", 4),
    ]);
  });

  describe("the formal total of 20 working days", () => {
    // From day 0 (Wed 16 Dec), the 20th working day is Mon 18 Jan 2027; the total has passed on Tue 19 Jan.
    it("alerts each QA Manager once, on Tuesday 19 January 2027, while the escalation is still open", () => {
      const { log, nextAfter } = walk(level1(), ctx, "2026-12-16", "2027-01-21");

      expect(log.filter((line) => line.includes("formal-total-exceeded"))).toEqual([
        "2027-01-19 08:00 formal-total-exceeded → Quinn Abbott",
        "2027-01-19 08:00 formal-total-exceeded → Queenie Ash",
      ]);
      // With the alert sent, the overdue stage still owes its chase every working day.
      expect(nextAfter.get("2027-01-19")).toBe("2027-01-20T08:00:00.000Z");
      expect(nextAfter.get("2027-01-21")).toBe("2027-01-22T08:00:00.000Z");
    });

    it("records how long the total is and when it passed", () => {
      const { escalation } = walk(level1(), ctx, "2027-01-19", "2027-01-19");

      expect(escalation.outbox.filter((item) => item.kind === "formal-total-exceeded")).toEqual([
        expect.objectContaining({
          id: "process:formal-total-exceeded:p-qa",
          to: people.qaManager,
          stageId: null,
          data: { formalTotalWorkingDays: 20, passedOn: "2027-01-19" },
        }),
        expect.objectContaining({ id: "process:formal-total-exceeded:p-qa-2", to: people.secondQaManager }),
      ]);
    });

    it("is not owed once the escalation is concluded, and nothing more is scheduled", () => {
      const resolved = ok(
        resolve(
          level1(),
          {
            actor: actors.iro,
            stageId: "stage-1",
            resolvedOn: "2027-01-11",
            outcomeConfirmed: { id: "childs-plan-on-track" },
          },
          at(ctx, "2027-01-11"),
        ),
      ).escalation;

      expect(resolved.nextActionAt).toBeNull();
      expect(walk(resolved, ctx, "2027-01-11", "2027-01-25")).toMatchObject({ log: [] });
      expect(nextActionAt(resolved, at(ctx, "2027-01-19", "09:00"))).toBeNull();
    });

    it("is counted across stages: Level 2's reminders and the total together", () => {
      const chased = walk(level1(), ctx, "2026-12-16", "2026-12-29").escalation;
      const level2 = ok(
        escalate(
          chased,
          { actor: actors.iro, stageId: "stage-1", reasons: "No response from the Team Manager." },
          at(ctx, "2026-12-29", "10:00"),
        ),
      ).escalation;

      const { log } = walk(level2, ctx, "2026-12-29", "2027-01-19");

      // Level 2 sent Tue 29 Dec: day 0; 1-5: Wed 30, Thu 31, Mon 4, Tue 5, Wed 6 Jan. Nothing owed on the day sent.
      expect(log).toEqual([
        "2027-01-05 08:00 reminder-before-due → Sofia Marr",
        "2027-01-06 08:00 due-today → Sofia Marr",
        ...overdueDay("2027-01-07", 1, "Sofia Marr", "Hugo Locke", TWO_QA),
        ...overdueDay("2027-01-08", 2, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-11", 3, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-12", 4, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-13", 5, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-14", 6, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-15", 7, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-18", 8, "Sofia Marr", "Hugo Locke"),
        ...overdueDay("2027-01-19", 9, "Sofia Marr", "Hugo Locke"),
        "2027-01-19 08:00 formal-total-exceeded → Quinn Abbott",
        "2027-01-19 08:00 formal-total-exceeded → Queenie Ash",
      ]);
    });
  });
});

describe("the informal stage", () => {
  // Raised at the informal stage on Wed 16 Dec 2026 with the IRO's date, Fri 18 Dec.
  const ctx = context({ now: "2026-12-16T10:00:00.000Z" });
  const informal = (): Escalation =>
    raised(ctx, { startStageId: "informal", timescale: { kind: "date", due: "2026-12-18" } });

  it("is chased like any stage, with no manager above to copy", () => {
    expect(walk(informal(), ctx, "2026-12-16", "2026-12-22").log).toEqual([
      "2026-12-17 08:00 reminder-before-due → Tariq Mann",
      "2026-12-18 08:00 due-today → Tariq Mann",
      "2026-12-21 08:00 overdue-chase → Tariq Mann",
      "2026-12-21 08:00 overdue-qa-notice → Quinn Abbott",
      "2026-12-21 08:00 escalation-prompt → Imogen Reeve",
      "2026-12-22 08:00 overdue-chase → Tariq Mann",
      "2026-12-22 08:00 escalation-prompt → Imogen Reeve",
    ]);
  });

  it("does not start the formal total: it runs from Level 1's day 0", () => {
    // Escalated to Level 1 on Mon 4 Jan 2027 (day 0); its 20th working day is Mon 1 Feb, so the total passes Tue 2 Feb.
    const level1 = ok(
      escalate(
        informal(),
        { actor: actors.iro, stageId: "informal", reasons: "Agreed actions not taken." },
        at(ctx, "2027-01-04"),
      ),
    ).escalation;
    const answered = ok(
      respond(
        level1,
        {
          actor: actors.teamManager,
          stageId: "stage-1",
          whatDone: "Meeting booked.",
          who: "Tariq Mann",
          byWhen: "2027-02-26",
          expectedOutcome: { id: "childs-plan-on-track" },
        },
        at(ctx, "2027-01-05"),
      ),
    ).escalation;

    expect(answered.nextActionAt).toBe("2027-02-02T08:00:00.000Z");
    expect(walk(answered, ctx, "2027-01-05", "2027-02-05").log).toEqual([
      "2027-02-02 08:00 formal-total-exceeded → Quinn Abbott",
    ]);
  });

  it("alone never passes the formal total", () => {
    const { log } = walk(informal(), ctx, "2027-01-18", "2027-01-20");

    expect(log.some((line) => line.includes("formal-total-exceeded"))).toBe(false);
  });
});

describe("council closure days", () => {
  // The council closes on Tue 29 Dec 2026: it is not counted, so Wed 30 Dec is the 2nd working day overdue.
  const closed = createCalendar({ closureDays: ["2026-12-29"] });
  const ctx = context({ now: "2026-12-16T10:00:00.000Z", calendar: closed });

  it("owe nothing on the closure day and count overdue days around it", () => {
    const { log } = walk(raised(ctx), ctx, "2026-12-16", "2026-12-31");

    expect(log).toEqual([
      "2026-12-22 08:00 reminder-before-due → Tariq Mann",
      "2026-12-23 08:00 due-today → Tariq Mann",
      ...overdueDay("2026-12-24", 1, undefined, undefined, ["Quinn Abbott"]),
      ...overdueDay("2026-12-30", 2),
      ...overdueDay("2026-12-31", 3),
    ]);
  });
});

describe("an Escalation of Concern Stage 1 raised on Monday 22 March 2027 at 09:00, across Easter", () => {
  // Day 0 Mon 22 Mar; 1-3: Tue 23, Wed 24, Thu 25; Good Friday 26 Mar and Easter Monday 29 Mar are bank holidays;
  // 4-5: Tue 30, Wed 31 Mar: due by the end of Wed 31 Mar. The clocks go forward on Sun 28 Mar: 08:00 is then 07:00Z.
  const ctx = context({ policy: "escalation-of-concern", now: "2027-03-22T09:00:00.000Z" });
  const stage1 = (): Escalation => raised(ctx);

  it("is due on Wednesday 31 March and first owes on Tuesday 30 March at 08:00 British Summer Time", () => {
    const escalation = stage1();

    expect(escalation.stages[0]?.due).toMatchObject({ countedFrom: "2027-03-22", due: "2027-03-31" });
    expect(escalation.nextActionAt).toBe("2027-03-30T07:00:00.000Z");
  });

  it("skips the Easter weekend", () => {
    const { log, nextAfter } = walk(stage1(), ctx, "2027-03-22", "2027-04-06");

    expect(log).toEqual([
      "2027-03-30 08:00 reminder-before-due → Tariq Mann",
      "2027-03-31 08:00 due-today → Tariq Mann",
      ...overdueDay("2027-04-01", 1),
      ...overdueDay("2027-04-02", 2),
      ...overdueDay("2027-04-05", 3),
      ...overdueDay("2027-04-06", 4),
    ]);
    expect(nextAfter.get("2027-03-25")).toBe("2027-03-30T07:00:00.000Z");
    expect(nextAfter.get("2027-04-02")).toBe("2027-04-05T07:00:00.000Z");
  });

  it("keeps working hours in London time after the clocks change", () => {
    const escalation = walk(stage1(), ctx, "2027-03-22", "2027-03-31").escalation;

    expect(remindersOwed(escalation, { ...ctx, now: "2027-04-01T06:59:00.000Z" })).toEqual([]);
    expect(remindersOwed(escalation, { ...ctx, now: "2027-04-01T07:00:00.000Z" })).toHaveLength(2);
    expect(remindersOwed(escalation, { ...ctx, now: "2027-04-01T16:59:00.000Z" })).toHaveLength(2);
    expect(remindersOwed(escalation, { ...ctx, now: "2027-04-01T17:00:00.000Z" })).toEqual([]);
  });
});

describe("reminders that were never delivered", () => {
  const ctx = context({ now: "2026-12-16T10:00:00.000Z" });

  it("are superseded once the stage is answered, so a chase for an answered stage never goes out late", () => {
    const { escalation } = walk(raised(ctx), ctx, "2026-12-16", "2026-12-24");
    const chase = escalation.outbox.find((item) => item.kind === "overdue-chase");
    expect(chase?.status).toBe("pending");

    const answered = ok(
      respond(
        escalation,
        {
          actor: actors.teamManager,
          stageId: "stage-1",
          whatDone: "Plan signed off.",
          who: "Tariq Mann",
          byWhen: "2027-01-08",
          expectedOutcome: { id: "childs-plan-on-track" },
        },
        at(ctx, "2026-12-24", "11:00"),
      ),
    ).escalation;
    const after = answered.outbox.filter(
      (item) => item.stageId === "stage-1" && item.kind !== "response-received",
    );
    expect(after.filter((item) => item.status === "pending").map((item) => item.kind)).not.toContain(
      "overdue-chase",
    );
    expect(answered.outbox.find((item) => item.id === chase?.id)?.status).toBe("superseded");
    // The response itself is still owed to the IRO.
    expect(answered.outbox.find((item) => item.kind === "response-received")?.status).toBe("pending");
  });
});

describe("the QA Manager told of an overdue response the next working morning", () => {
  // Dorset's QA Manager "tracks and chases outstanding responses": its policy asks for the notice.
  const ctx = context({ now: "2026-12-16T10:00:00.000Z" });

  it("is told once, on the first working day the Level 1 response is late, at 08:00", () => {
    const { log } = walk(raised(ctx), ctx, "2026-12-16", "2027-01-08");
    expect(log.filter((line) => line.includes("overdue-qa-notice"))).toEqual([
      "2026-12-24 08:00 overdue-qa-notice → Quinn Abbott",
    ]);
  });

  it("is not told where the policy does not ask for it", () => {
    const quiet = {
      ...policy("dorset-qaro"),
      reminders: { ...policy("dorset-qaro").reminders, tellQaManagersWhenOverdue: false },
    };
    const qctx = context({ policy: quiet, now: "2026-12-16T10:00:00.000Z" });
    const { log } = walk(raised(qctx), qctx, "2026-12-16", "2027-01-08");
    expect(log.filter((line) => line.includes("overdue-qa-notice"))).toEqual([]);
  });
});
