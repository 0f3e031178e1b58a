// The QA Manager's digest cards, from figures made up for the purpose: the summary and lists they show, the
// themes as a Teams chart with a FactSet fallback, validity against the Adaptive Card 1.5 schema (each chart
// replaced by its fallback, which is what a client without charts draws), and a digest too large for one
// Teams message split into several, each under 28 KB, listing every item exactly once.
import { reference, VERBS } from "../../../src/adapters/cards";
import { digestCards } from "../../../src/adapters/cards/digest-card";
import { MAX_CARD_BYTES } from "../../../src/adapters/cards/teams-limit";
import { createCalendar } from "../../../src/domain/calendar";
import type { ConcludedItem, Figures, OverdueItem, UndeliveredItem } from "../../../src/domain/report";
import { bytes, type Node, nodes, ofType, runTexts, schemaErrors, validateCard } from "./support";

const TEAMS_LIMIT = 28 * 1024;
/** Room left in a Teams message for the activity around the card (its ids, conversation, summary). */
const ENVELOPE = 1024;
const calendar = createCalendar();
const POLICY = "Dorset QARO escalation";

function overdueItem(n: number, overrides: Partial<OverdueItem> = {}): OverdueItem {
  return {
    escalationId: `0000${String(n).padStart(4, "0")}-aaaa-4bbb-8ccc-${String(n).padStart(12, "0")}`,
    caseId: `LCS-${String(100000 + n)}`,
    stageName: "Level 1",
    due: "2026-11-18",
    workingDaysOverdue: 3,
    assignee: "Erin Walsh",
    teamName: "South Children in Care Team",
    ...overrides,
  };
}

function figures(overrides: Partial<Figures> = {}): Figures {
  return {
    from: "2026-11-16T08:00:00.000Z",
    to: "2026-11-23T08:00:00.000Z",
    open: 3,
    openByStage: [
      { stageName: "Level 1", count: 2 },
      { stageName: "Level 2", count: 1 },
    ],
    dueThisWeek: [overdueItem(2, { due: "2026-11-25", workingDaysOverdue: 0, stageName: "Level 2" })],
    overdue: [overdueItem(1)],
    concluded: [
      {
        escalationId: "c0000001-aaaa-4bbb-8ccc-000000000001",
        caseId: "LCS-300003",
        status: "resolved",
        on: "2026-11-19",
        outcome: "Safeguarding concern addressed- child now safe",
      },
    ],
    themes: [
      { category: "Care Plan implementation", count: 2 },
      { category: "Concerns re: safety", count: 1 },
      { category: "Health issues", count: 1 },
    ],
    timeliness: { responses: 4, onTime: 3, shareOnTime: 0.75, medianWorkingDaysToRespond: 2.5 },
    byTeam: [
      { teamName: "North Children in Care Team", open: 2, overdue: 0 },
      { teamName: "South Children in Care Team", open: 1, overdue: 1 },
    ],
    undelivered: [
      {
        escalationId: overdueItem(1).escalationId,
        kind: "stage-assigned",
        recipient: "Erin Walsh",
        since: "2026-11-11T10:00:00.000Z",
        reason: "no-conversation-reference",
      },
    ],
    ...overrides,
  };
}

/** The card with each `Chart.*` element replaced by its fallback, as a client that draws no charts shows it. */
/** The card as a client that draws no charts shows it: each chart replaced by its fallback, or dropped. */
function withoutCharts(value: unknown): unknown {
  if (Array.isArray(value))
    return value.filter((v) => !(isChart(v) && (v as Node).fallback === "drop")).map(withoutCharts);
  if (typeof value !== "object" || value === null) return value;
  const node = value as Node;
  if (typeof node.type === "string" && node.type.startsWith("Chart.")) {
    if (node.fallback === undefined) throw new Error(`${node.type} has no fallback`);
    return withoutCharts(node.fallback);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withoutCharts(v)]));
}

function isChart(value: unknown): boolean {
  const type = (value as Node | null)?.type;
  return typeof type === "string" && type.startsWith("Chart.");
}

function charts(card: unknown): Node[] {
  return nodes(card).filter((n) => typeof n.type === "string" && n.type.startsWith("Chart."));
}

/** title → value of the FactSets outside charts. */
function facts(card: unknown): Record<string, string> {
  const outside = nodes(card).filter((n) => !charts(card).some((c) => nodes(c).includes(n)));
  return Object.fromEntries(
    outside
      .filter((n) => n.type === "FactSet")
      .flatMap((n) => (n.facts as { title: string; value: string }[]).map((f) => [f.title, f.value])),
  );
}

/** One line per RichTextBlock: the items listed. */
function lines(cards: readonly unknown[]): string[] {
  return cards.flatMap((card) => ofType(card, "RichTextBlock").map((n) => runTexts({ body: [n] }).join("")));
}

describe("a week's digest", () => {
  const cards = digestCards(figures(), calendar, POLICY);
  const card = cards[0]!;

  it("is one card with the period, the policy and the figures", () => {
    expect(cards).toHaveLength(1);
    const first = (card.body as Node[])[0]!;
    expect(first.text).toBe("Escalations digest: Monday 16 November 2026 to Monday 23 November 2026");
    expect(facts(card)).toEqual({
      Open: "3",
      "Due this week": "1",
      Overdue: "1",
      "Concluded this period": "1",
      "Responses on time": "75% (3 of 4)",
      "Median time to respond": "2.5 working days",
      "Messages not delivered": "1",
      "Care Plan implementation": "2",
      "Concerns re: safety": "1",
      "Health issues": "1",
      "Level 1": "2",
      "Level 2": "1",
      "North Children in Care Team": "2 open, 0 overdue",
      "South Children in Care Team": "1 open, 1 overdue",
    });
    expect(JSON.stringify(card)).toContain(POLICY);
  });

  it("says how many records it left out because they could not be read (hardening point 6)", () => {
    const [withUnreadable] = digestCards({ ...figures(), unreadable: 2 }, calendar, POLICY);
    expect(facts(withUnreadable!)["Records left out"]).toBe(
      "2 could not be read (their ids are in the log; ask IT to check them)",
    );
    expect(facts(card)["Records left out"]).toBeUndefined();
  });

  it("lists the overdue, the due this week, the concluded and the undelivered, children by case ID", () => {
    const ref1 = reference(overdueItem(1).escalationId);
    expect(lines(cards)).toEqual([
      `LCS-100001 (${ref1}) · Level 1 · due Wednesday 18 November 2026, overdue by 3 working days · Erin Walsh · South Children in Care Team`,
      `LCS-100002 (${reference(overdueItem(2).escalationId)}) · Level 2 · due Wednesday 25 November 2026 · Erin Walsh · South Children in Care Team`,
      `LCS-300003 (ESC-C0000001) · Thursday 19 November 2026 · Resolved: Safeguarding concern addressed- child now safe`,
      `${ref1} · the stage to answer, to Erin Walsh, since Wednesday 11 November 2026: Erin Walsh has not opened the bot in Teams yet`,
    ]);
  });

  it("draws the themes under a heading as bars with full labels and counts, one colour, then the same numbers as text", () => {
    const found = charts(card);
    expect(found).toHaveLength(1);
    const chart = found[0]!;
    expect(chart.type).toBe("Chart.HorizontalBar");
    expect(typeof chart.title).toBe("string");
    // Counts are written on the bars, with no axis (so no fractional ticks), in one colour.
    expect(chart.displayMode).toBe("AbsoluteNoAxis");
    expect(typeof chart.color).toBe("string");
    const body = card.body as Node[];
    const at = body.indexOf(chart);
    expect(body[at - 1]).toMatchObject({
      text: "Themes: escalations by category of concern",
      weight: "Bolder",
    });
    const data = chart.data as unknown[];
    expect(data).toEqual([
      { x: "Care Plan implementation", y: 2 },
      { x: "Concerns re: safety", y: 1 },
      { x: "Health issues", y: 1 },
    ]);
    for (const point of data as { x: unknown; y: unknown }[]) {
      expect(typeof point.x).toBe("string");
      expect(typeof point.y).toBe("number");
    }
    // A client that draws no charts drops it; the figures follow it as text either way.
    expect(chart.fallback).toBe("drop");
    expect(body[at + 1]!.facts).toEqual(
      (data as { x: string; y: number }[]).map((p) => ({ title: p.x, value: String(p.y) })),
    );
  });

  it("gives each overdue item a button that opens its escalation in a new message", () => {
    const opens = ofType(card, "Action.Execute");
    expect(opens.map((a) => [a.verb, a.title, a.data])).toEqual([
      [
        VERBS.open,
        `Open ${reference(overdueItem(1).escalationId)}`,
        { escalationId: overdueItem(1).escalationId },
      ],
    ]);
  });

  it("validates against the Teams card schema, chart and all, and as its fallback alone", () => {
    expect(schemaErrors(validateCard, card)).toEqual([]);
    expect(schemaErrors(validateCard, withoutCharts(card))).toEqual([]);
  });

  it("has no chart when there are no themes, and says when each list is empty", () => {
    const empty = digestCards(
      figures({
        open: 0,
        openByStage: [],
        dueThisWeek: [],
        overdue: [],
        concluded: [],
        themes: [],
        timeliness: { responses: 0, onTime: 0, shareOnTime: null, medianWorkingDaysToRespond: null },
        byTeam: [],
        undelivered: [],
      }),
      calendar,
      POLICY,
    );
    expect(empty).toHaveLength(1);
    expect(charts(empty[0])).toEqual([]);
    expect(schemaErrors(validateCard, empty[0])).toEqual([]);
    const text = JSON.stringify(empty[0]);
    for (const words of [
      "Nothing is open.",
      "Nothing is overdue.",
      "Nothing else is due this week.",
      "Nothing concluded in this period.",
      "Every message was delivered.",
    ]) {
      expect(text).toContain(words);
    }
    expect(facts(empty[0])).toMatchObject({
      "Responses on time": "no responses (0 of 0)",
      "Median time to respond": "no responses",
    });
  });
});

describe("a digest too large for one Teams message", () => {
  // 300 overdue escalations, 60 due this week, 80 concluded and 40 undelivered messages, with long names.
  const overdue = Array.from({ length: 300 }, (_, i) =>
    overdueItem(i + 1, {
      workingDaysOverdue: 300 - i,
      assignee: `Assignee ${i} ${"Longname".repeat(4)}`,
      teamName: `Team ${i % 25} ${"Children in Care ".repeat(2)}`,
    }),
  );
  const dueThisWeek = Array.from({ length: 60 }, (_, i) =>
    overdueItem(1000 + i, { due: "2026-11-26", workingDaysOverdue: 0 }),
  );
  const concluded: ConcludedItem[] = Array.from({ length: 80 }, (_, i) => ({
    escalationId: overdueItem(2000 + i).escalationId,
    caseId: overdueItem(2000 + i).caseId,
    status: "resolved",
    on: "2026-11-20",
    outcome: "Permanence planning back on track- child will have secure and loving home",
  }));
  const undelivered: UndeliveredItem[] = Array.from({ length: 40 }, (_, i) => ({
    escalationId: overdueItem(3000 + i).escalationId,
    kind: "overdue-chase",
    recipient: `Recipient ${i}`,
    since: "2026-11-20T08:00:00.000Z",
    reason: "no-conversation-reference",
  }));
  const big = figures({ overdue, dueThisWeek, concluded, undelivered, open: 360 });
  const cards = digestCards(big, calendar, POLICY);

  it("is split into several cards, each under 28 KB with room for the message around it", () => {
    const sizes = cards.map(bytes);
    process.stdout.write(
      `digest of ${overdue.length} overdue: ${cards.length} cards, ${sizes.join(", ")} bytes\n`,
    );
    expect(cards.length).toBeGreaterThan(1);
    for (const size of sizes) {
      expect(size).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(size + ENVELOPE).toBeLessThan(TEAMS_LIMIT);
    }
  });

  it("lists every item exactly once across the cards, in order", () => {
    const listed = lines(cards);
    const expected = [
      ...overdue.map((i) => i.caseId),
      ...dueThisWeek.map((i) => i.caseId),
      ...concluded.map((i) => i.caseId),
      ...undelivered.map((u) => reference(u.escalationId)),
    ];
    expect(listed).toHaveLength(expected.length);
    expect(listed.map((line, i) => line.startsWith(expected[i]!))).not.toContain(false);
    // Each item's case ID appears once in the whole digest.
    const all = JSON.stringify(cards);
    for (const caseId of [...overdue, ...dueThisWeek, ...concluded].map((i) => i.caseId)) {
      expect(all.split(caseId).length - 1).toBe(1);
    }
  });

  it("keeps the figures on the first card, says the others continue it, and every card is valid", () => {
    expect(facts(cards[0])).toMatchObject({ Overdue: "300", "Due this week": "60", Open: "360" });
    expect(charts(cards[0])).toHaveLength(1);
    for (const card of cards.slice(1)) {
      expect((card.body as Node[])[0]!.text).toMatch(/^Escalations digest: .* \(continued\)$/);
      expect(charts(card)).toEqual([]);
    }
    for (const card of cards) expect(schemaErrors(validateCard, withoutCharts(card))).toEqual([]);
  });
});
