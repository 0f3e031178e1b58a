// The QA Manager's digest as Adaptive Cards: the week's figures, the themes as a chart (with a FactSet for
// clients that draw no charts), and the lists behind them. Children appear by case ID only. A digest too
// large for one Teams message is split across several cards.
import { formatDay, type WorkingCalendar } from "../../domain/calendar";
import type { Figures, OverdueItem } from "../../domain/report";
import { deliveryProblemWords, messageWords } from "./delivery-words";
import { type AdaptiveCard, literal, percentOf, reference, textBlock, workingDays } from "./render";
import { cardBytes, MAX_CARD_BYTES } from "./teams-limit";

type Element = Record<string, unknown>;

const text = textBlock;
const heading = (value: string): Element =>
  text(value, { weight: "Bolder", size: "Medium", spacing: "Large" });
/** Words from the records (case IDs, names, outcomes) go in TextRuns, which are never read as markdown. */
const runs = (...parts: string[]): Element => ({
  type: "RichTextBlock",
  inlines: parts.map((p, i) => ({
    type: "TextRun",
    text: literal(p),
    ...(i === 0 ? { weight: "Bolder" } : {}),
  })),
});
const facts = (pairs: readonly (readonly [string, string])[]): Element => ({
  type: "FactSet",
  facts: pairs.map(([title, value]) => ({ title, value })),
});

function card(body: Element[]): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
  };
}

const percent = percentOf;

function item(i: OverdueItem, when: string): Element {
  return runs(
    `${i.caseId} (${reference(i.escalationId)})`,
    ` · ${i.stageName} · ${when} · ${i.assignee} · ${i.teamName}`,
  );
}

/** An overdue item with the button that opens its escalation in a new message, leaving the digest as it is. */
function overdueItem(i: OverdueItem): Element[] {
  const late = `due ${formatDay(i.due)}, overdue by ${workingDays(i.workingDaysOverdue)}`;
  return [
    item(i, late),
    {
      type: "ActionSet",
      spacing: "Small",
      actions: [
        {
          type: "Action.Execute",
          verb: "open",
          title: `Open ${reference(i.escalationId)}`,
          data: { escalationId: i.escalationId },
        },
      ],
    },
  ];
}

export function digestCards(figures: Figures, calendar: WorkingCalendar, policyName: string): AdaptiveCard[] {
  const period = `${formatDay(calendar.localDate(figures.from))} to ${formatDay(calendar.localDate(figures.to))}`;
  const t = figures.timeliness;
  // Bars side by side with their full labels and counts written on them, in one colour: no axis of
  // fractions, and no theme told from another by colour alone. The same figures follow as text.
  const themeChart: Element = {
    type: "Chart.HorizontalBar",
    title: "Escalations by category of concern",
    displayMode: "AbsoluteNoAxis",
    color: "categoricalBlue",
    data: figures.themes.map((theme) => ({ x: theme.category, y: theme.count })),
    fallback: "drop",
  };
  const themes: Element[] =
    figures.themes.length === 0
      ? []
      : [
          heading("Themes: escalations by category of concern"),
          themeChart,
          facts(figures.themes.map((theme) => [theme.category, String(theme.count)])),
        ];
  const summary: Element[] = [
    text(`Escalations digest: ${period}`, { weight: "Bolder", size: "Large" }),
    text(policyName, { isSubtle: true, spacing: "None" }),
    facts([
      ["Open", String(figures.open)],
      ["Due this week", String(figures.dueThisWeek.length)],
      ["Overdue", String(figures.overdue.length)],
      ["Concluded this period", String(figures.concluded.length)],
      ["Responses on time", `${percent(t.shareOnTime)} (${t.onTime} of ${t.responses})`],
      [
        "Median time to respond",
        t.medianWorkingDaysToRespond === null ? "no responses" : workingDays(t.medianWorkingDaysToRespond),
      ],
      ["Messages not delivered", String(figures.undelivered.length)],
      ...((figures.unreadable ?? 0) > 0
        ? [
            [
              "Records left out",
              `${figures.unreadable} could not be read (their ids are in the log; ask IT to check them)`,
            ] as [string, string],
          ]
        : []),
    ]),
    heading("Open, by stage"),
    figures.openByStage.length === 0
      ? text("Nothing is open.")
      : facts(figures.openByStage.map((s) => [s.stageName, String(s.count)])),
    ...themes,
    heading("By team"),
    figures.byTeam.length === 0
      ? text("Nothing is open.")
      : facts(figures.byTeam.map((team) => [team.teamName, `${team.open} open, ${team.overdue} overdue`])),
  ];

  const lists: Element[][] = [];
  const section = (title: string, items: Element[][], empty: string) => {
    lists.push([heading(title)]);
    if (items.length === 0) lists.push([text(empty)]);
    for (const block of items) lists.push(block);
  };
  section("Overdue", figures.overdue.map(overdueItem), "Nothing is overdue.");
  section(
    "Due this week",
    figures.dueThisWeek.map((i) => [item(i, `due ${formatDay(i.due)}`)]),
    "Nothing else is due this week.",
  );
  section(
    "Concluded since the last digest",
    figures.concluded.map((c) => [
      runs(
        `${c.caseId} (${reference(c.escalationId)})`,
        ` · ${formatDay(c.on)} · ${c.status === "resolved" ? "Resolved: " : ""}${c.outcome}`,
      ),
    ]),
    "Nothing concluded in this period.",
  );
  section(
    "Messages that could not be delivered",
    figures.undelivered.map((u) => [
      runs(
        reference(u.escalationId),
        ` · ${messageWords(u.kind)}, to ${u.recipient}, since ${formatDay(calendar.localDate(u.since))}: ${u.recipient} ${deliveryProblemWords(u.reason)}`,
      ),
    ]),
    "Every message was delivered.",
  );

  // Fill cards in order, starting a new one whenever the next block would take a card past the limit.
  const cards: AdaptiveCard[] = [];
  let body: Element[] = [...summary];
  for (const block of lists) {
    const candidate = card([...body, ...block]);
    if (cardBytes(candidate) > MAX_CARD_BYTES && body.length > 0) {
      cards.push(card(body));
      body = [text(`Escalations digest: ${period} (continued)`, { weight: "Bolder" }), ...block];
    } else {
      body.push(...block);
    }
  }
  cards.push(card(body));
  return cards;
}
