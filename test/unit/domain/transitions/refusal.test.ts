// Recording a refused attempt: every attempt counted, nothing else changed, and the record bounded however
// many times anyone presses.
import { toDocument } from "../../../../src/adapters/cosmos/escalation-document";
import type { Actor } from "../../../../src/domain/escalation";
import { MAX_NAMED_REFUSALS, recordRefusal, refusedAttemptCount } from "../../../../src/domain/transitions";
import { actors, people } from "../../../builders/escalations";
import { dorsetLevel1, monday } from "./support";

function minutesLater(minutes: number): string {
  return new Date(Date.parse(monday.now) + minutes * 60_000).toISOString();
}

function someone(n: number): Actor {
  return { person: { id: `p-${n}`, name: `Person Number ${n} Of The Council` }, roles: [] };
}

/** The escalation as it would be stored, in bytes. */
function storedSize(escalation: ReturnType<typeof dorsetLevel1>): number {
  return Buffer.byteLength(JSON.stringify(toDocument(escalation)));
}

describe("recordRefusal", () => {
  it("counts the attempt against the person, the action and the stage, and changes nothing else", () => {
    const before = dorsetLevel1();

    const after = recordRefusal(before, actors.stranger, "respond", "not-permitted", monday.now, "a-1");

    expect(after.refusals).toEqual({
      folded: [
        {
          person: people.stranger,
          action: "respond",
          code: "not-permitted",
          stageId: "stage-1",
          count: 1,
          firstAt: monday.now,
          lastAt: monday.now,
        },
      ],
      recentAttempts: ["a-1"],
    });
    const { refusals: _refusals, ...rest } = after;
    expect(rest).toEqual(before);
  });

  it("folds the same person's repeated attempts into a count with the first and last time", () => {
    let escalation = dorsetLevel1();
    for (let i = 0; i < 5; i += 1) {
      escalation = recordRefusal(escalation, actors.stranger, "respond", "not-permitted", minutesLater(i));
    }
    escalation = recordRefusal(escalation, actors.stranger, "view", "not-permitted", minutesLater(9));

    expect(escalation.refusals?.folded.map((r) => [r.action, r.count, r.firstAt, r.lastAt])).toEqual([
      ["respond", 5, minutesLater(0), minutesLater(4)],
      ["view", 1, minutesLater(9), minutesLater(9)],
    ]);
    expect(refusedAttemptCount(escalation)).toBe(6);
  });

  it("records an attempt once however often its write is retried", () => {
    const once = recordRefusal(
      dorsetLevel1(),
      actors.stranger,
      "respond",
      "not-permitted",
      monday.now,
      "a-1",
    );
    const again = recordRefusal(once, actors.stranger, "respond", "not-permitted", monday.now, "a-1");

    expect(again).toBe(once);
    expect(refusedAttemptCount(again)).toBe(1);
  });

  it("hardening point 5: ten thousand refused presses by a thousand people keep the record under 48 KB, all counted", () => {
    const start = dorsetLevel1();
    const before = storedSize(start);
    let escalation = start;
    const actions = ["respond", "view", "reassign", "resolve", "escalate"];
    for (let i = 0; i < 10_000; i += 1) {
      const action = actions[i % actions.length]!;
      escalation = recordRefusal(
        escalation,
        someone(i % 1000),
        action,
        "not-permitted",
        minutesLater(i),
        `attempt-${i}`,
      );
    }

    expect(refusedAttemptCount(escalation)).toBe(10_000);
    expect(escalation.refusals?.folded).toHaveLength(MAX_NAMED_REFUSALS);
    expect(escalation.refusals?.beyond).toEqual({
      count: 10_000 - (escalation.refusals?.folded ?? []).reduce((sum, r) => sum + r.count, 0),
      firstAt: minutesLater(MAX_NAMED_REFUSALS),
      lastAt: minutesLater(9_999),
    });
    expect(storedSize(escalation) - before).toBeLessThan(48 * 1024);
    expect(escalation.events).toBe(start.events);
  });

  it("hardening point 5: ten thousand presses by one person add one folded entry", () => {
    const start = dorsetLevel1();
    let escalation = start;
    for (let i = 0; i < 10_000; i += 1) {
      escalation = recordRefusal(
        escalation,
        actors.stranger,
        "respond",
        "not-permitted",
        minutesLater(i),
        `a-${i}`,
      );
    }

    expect(escalation.refusals?.folded).toEqual([
      expect.objectContaining({ count: 10_000, firstAt: minutesLater(0), lastAt: minutesLater(9_999) }),
    ]);
    expect(storedSize(escalation) - storedSize(start)).toBeLessThan(2 * 1024);
  });
});
