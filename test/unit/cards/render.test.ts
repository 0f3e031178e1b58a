// Drawing cards from their templates: the same view is expanded once however often it is drawn, and each
// caller gets a card of its own.
import * as ACData from "adaptivecards-templating";

import { bytesAtMost, expand } from "../../../src/adapters/cards/render";

// The templates here are drawn as the engine parses them: none of their strings is taken from the table of
// the card templates' expressions (expression-trees.test.ts).
jest.mock("../../../src/adapters/cards/expression-table", () => ({ EXPRESSION_TABLE: {} }));

/** A card's JSON in UTF-8, as Teams counts it. */
const utf8 = (card: object) => Buffer.byteLength(JSON.stringify(card), "utf8");

const template = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "${headline}", wrap: true }],
};

afterEach(() => jest.restoreAllMocks());

it("expands a view once: drawing it again gives the same card without the engine", () => {
  const engine = jest.spyOn(ACData.Template.prototype, "expand");
  const first = expand(template, { headline: "Response received: Level 1" });
  const again = expand(template, { headline: "Response received: Level 1" });
  expect(again).toEqual(first);
  expect(engine).toHaveBeenCalledTimes(1);

  const other = expand(template, { headline: "You are asked to respond: Level 2" });
  expect(other["body"]).toEqual([
    { type: "TextBlock", text: "You are asked to respond: Level 2", wrap: true },
  ]);
  expect(engine).toHaveBeenCalledTimes(2);
});

it("draws each view as it is, however many views came between: a view seen long ago is drawn again right", () => {
  const headline = (n: number) => `Response ${n} received`;
  const firsts = Array.from({ length: 1500 }, (_, n) => expand(template, { headline: headline(n) }));
  for (const n of [0, 1, 700, 1499]) {
    const card = expand(template, { headline: headline(n) });
    expect(card).toEqual(firsts[n]);
    expect(card["body"]).toEqual([{ type: "TextBlock", text: headline(n), wrap: true }]);
  }
  // Two fields with the same JSON are still two fields.
  const pair = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "${a}/${b}" }] };
  expect(expand(pair, { a: "x", b: "y" })["body"]).toEqual([{ type: "TextBlock", text: "x/y" }]);
  expect(expand(pair, { a: "y", b: "x" })["body"]).toEqual([{ type: "TextBlock", text: "y/x" }]);
});

it("shares what it drew alike between cards, frozen: no caller can change another's card", () => {
  const view = { headline: "Escalation concluded" };
  const drawn = [{ type: "TextBlock", text: "Escalation concluded", wrap: true }];
  const first = expand(template, view);
  expect(() => {
    (first["body"] as { text: string }[])[0]!.text = "changed by its caller";
  }).toThrow(TypeError);
  const copy = structuredClone(first);
  (copy["body"] as { text: string }[])[0]!.text = "changed in a copy";

  expect(expand(template, view)["body"]).toEqual(drawn);
  expect(first["body"]).toEqual(drawn);
});

it("says how many bytes of UTF-8 a card it drew takes, and nothing of a card made from it", () => {
  const card = expand(template, { headline: "Zażółć gęślą jaźń: Ελληνικά, кириллица, ½ — 😀" });
  expect(bytesAtMost(card)).toBe(utf8(card));
  expect(bytesAtMost(expand(template, { headline: "Zażółć gęślą jaźń: Ελληνικά, кириллица, ½ — 😀" }))).toBe(
    utf8(card),
  );
  expect(bytesAtMost({ ...card, actions: [] })).toBeUndefined();
});

describe("the static text of a template's strings", () => {
  // Every way a template's string mixes text and expressions, and the engine's answer for each when it
  // parses the template whole.
  const shapes = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: "Re-opening makes ${$root.stage} current again." },
      { type: "TextBlock", text: "${count} days, ${$root.stage}: ${if(late, 'late {}', \"due\")}!" },
      { type: "TextBlock", text: "${stage}", $when: "${count > 2}" },
      { type: "TextBlock", text: "Not shown", $when: "${count > 20}" },
      { type: "TextBlock", text: "Missing: ${absent} here" },
      {
        type: "TextBlock",
        text: 'The child\'s plan {at ${stage}} has "quotes",\nand a line of its own: ${count}',
      },
      { type: "TextBlock", text: "A backslash \\ stays with ${stage}" },
      { type: "TextBlock", text: "Plain text with no expression" },
      {
        type: "Container",
        $data: "${people}",
        items: [{ type: "TextRun", text: "${name} (${$root.stage})" }],
      },
      { type: "Input.Number", id: "n", value: "${count}" },
      { type: "Input.Toggle", id: "t", value: "${late}" },
    ],
  };
  const view = {
    stage: "Level 2",
    count: 3,
    late: true,
    people: [{ name: "Sam" }, { name: "O'Neill ${x}" }],
  };

  it("are expanded to the same card as the engine makes of the template whole", () => {
    const whole: unknown = new ACData.Template(shapes).expand({ $root: view });
    expect(expand(shapes, view)).toEqual(whole);
    expect(expand(shapes, { ...view, late: false, count: 1 })).toEqual(
      new ACData.Template(shapes).expand({ $root: { ...view, late: false, count: 1 } }),
    );
  });

  it("never reach the expression parser: only the expressions do", () => {
    const parsed = jest.spyOn(ACData.Template, "parseInterpolatedString");
    const template = { ...shapes, body: [...shapes.body] };
    expand(template, view);
    const strings = parsed.mock.calls.map(([s]) => s).filter((s) => s.includes("${"));
    expect(strings).toEqual([
      "${'Re-opening makes '}${$root.stage}${' current again.'}",
      "${count}${' days, '}${$root.stage}${': '}${if(late, 'late {}', \"due\")}${'!'}",
      "${stage}",
      "${count > 2}",
      "${count > 20}",
      "${'Missing: '}${absent}${' here'}",
      "${'The child\\'s plan {at '}${stage}${'} has \"quotes\",\nand a line of its own: '}${count}",
      // A backslash is left to the engine, which reads it as an escape.
      "A backslash \\ stays with ${stage}",
      "${people}",
      "${name}${' ('}${$root.stage}${')'}",
      "${count}",
      "${late}",
    ]);
  });
});

describe("the pieces of a template shown only when their $when holds", () => {
  const form = (title: string, when: string, inner?: object) => ({
    type: "Action.ShowCard",
    title,
    $when: when,
    card: {
      type: "AdaptiveCard",
      body: [
        { type: "TextBlock", text: `${title} at \${$root.stage}, due \${due}` },
        { type: "Input.Text", id: `${title}-why`, label: "${why}", value: "${count}" },
        ...(inner ? [inner] : []),
      ],
    },
  });
  const pieces = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: "${stage}" },
      {
        type: "ActionSet",
        actions: [
          form("Respond", "${can.respond}"),
          form("Resolve", "${can.resolve}", {
            type: "ActionSet",
            actions: [form("Inner", "${can.inner}")],
          }),
          // A field only this form reads.
          form("Escalate", "${can.escalate}", { type: "TextBlock", text: "${escalateOnly}" }),
        ],
      },
      {
        type: "Container",
        $data: "${people}",
        items: [form("Per person", "${shown}")],
      },
    ],
  };
  const view = (can: Record<string, boolean>) => ({
    stage: "Level 1",
    due: "Friday 6 November 2026",
    why: "Why",
    count: 2,
    can,
    people: [
      { shown: true, due: "Monday", why: "Theirs" },
      { shown: false, due: "Tuesday", why: "Not shown" },
    ],
  });

  it.each([
    { respond: true, resolve: false, escalate: false, inner: false },
    { respond: false, resolve: true, escalate: true, inner: true },
    { respond: false, resolve: true, escalate: false, inner: false },
    { respond: false, resolve: false, escalate: false, inner: true },
  ])("are expanded to the same card as the engine makes of the template whole (%o)", (can) => {
    const template = structuredClone(pieces);
    const card = expand(template, view(can));
    expect(card).toEqual(new ACData.Template(pieces).expand({ $root: view(can) }));
    // Its size is its parts' sizes, each measured when it was drawn.
    expect(bytesAtMost(card)).toBe(utf8(card));
    expect(bytesAtMost(expand(template, view(can)))).toBe(utf8(card));
  });

  it("are each kept by what they read themselves: a card differing only in what a hidden piece reads is drawn from what was kept", () => {
    const template = structuredClone(pieces);
    const shown = (escalateOnly: string) => ({
      ...view({ respond: true, resolve: false, escalate: false, inner: false }),
      escalateOnly,
    });
    expect(expand(template, shown("first"))).toEqual(
      new ACData.Template(structuredClone(pieces)).expand({ $root: shown("first") }),
    );
    const engine = jest.spyOn(ACData.Template.prototype, "expand");
    const again = expand(template, shown("second"));
    expect(engine).not.toHaveBeenCalled();
    engine.mockRestore();
    expect(again).toEqual(new ACData.Template(structuredClone(pieces)).expand({ $root: shown("second") }));
  });

  it("are not parsed until a card shows them", () => {
    const parsed = jest.spyOn(ACData.Template, "parseInterpolatedString");
    const template = structuredClone(pieces);
    const parsedText = () => parsed.mock.calls.map(([s]) => s).join("\n");

    expand(template, view({ respond: true, resolve: false, escalate: false, inner: false }));
    expect(parsedText()).toContain("${'Respond at '}");
    expect(parsedText()).not.toContain("Resolve at");
    expect(parsedText()).not.toContain("Escalate at");
    // A list's piece is parsed when a card shows its list.
    expect(parsedText()).toContain("Per person at");

    expand(template, view({ respond: false, resolve: true, escalate: false, inner: false }));
    expect(parsedText()).toContain("${'Resolve at '}");
    expect(parsedText()).not.toContain("Inner at");
  });
});

describe("the pieces of a template repeated for each item of a list", () => {
  const row = (team: string) => ({
    type: "Container",
    $data: "${people}",
    $when: "${shown}",
    items: [
      { type: "TextBlock", text: `\${name}, \${role} in ${team} (\${$index})` },
      { type: "TextBlock", text: "${if(late, 'Late', 'On time')}", color: "${colour}" },
    ],
  });
  const listed = (team: string) => ({
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: "${headline}" },
      row(team),
      { type: "Container", items: [{ type: "TextBlock", text: "${$root.team}" }] },
      { type: "ColumnSet", columns: { ...row(team), type: "Column" } },
    ],
  });
  const person = (name: string, shown = true) => ({
    name,
    role: "Team Manager",
    late: name.length > 4,
    colour: "attention",
    shown,
  });
  const view = (people: unknown, headline = "Response received", team = "North") => ({
    headline,
    team,
    people,
  });

  it.each([
    ["$root.team", view([person("Ann"), person("Daniel"), person("Hidden", false)])],
    ["$root.team", view([person("Ann")])],
    ["$root.team", view([])],
    ["$root.team", view(undefined)],
    ["$root['team']", view([person("Ann"), person("Priya")], "Escalated", "South")],
    ["$data.team", view([{ ...person("Ann"), team: "its own" }])],
  ])("are expanded to the same card as the engine makes of the template whole (%s, %j)", (team, v) => {
    const template = listed(`\${${team}}`);
    const whole = new ACData.Template(structuredClone(template)).expand({ $root: v }) as unknown;
    const card = expand(template, v);
    expect(card).toEqual(whole);
    // Its size is its parts' sizes: exact, but where a list drew nothing and a few bytes are counted for it.
    const over = (bytesAtMost(card) ?? 0) - utf8(card);
    expect(over).toBeGreaterThanOrEqual(0);
    expect(over).toBeLessThanOrEqual(Array.isArray(v.people) && v.people.length > 0 ? 0 : 8);
  });

  it("are drawn once for every card whose view differs only in what they do not read", () => {
    const template = listed("${$root.team}");
    const people = [person("Ann"), person("Daniel")];
    const asked = view(people, "You are asked to respond");
    const received = view(people, "Response received");
    const moved = view(people, "Response received", "South");
    const wholes = [asked, received, moved].map((v): unknown =>
      new ACData.Template(template).expand({ $root: v }),
    );
    const engine = jest.spyOn(ACData.Template.prototype, "expand");

    expect(expand(template, asked)).toEqual(wholes[0]);
    // The card and its two lists.
    expect(engine).toHaveBeenCalledTimes(3);
    // The card is drawn again; the lists are not.
    expect(expand(template, received)).toEqual(wholes[1]);
    expect(engine).toHaveBeenCalledTimes(4);
    // The lists read the team.
    expect(expand(template, moved)).toEqual(wholes[2]);
    expect(engine).toHaveBeenCalledTimes(7);
  });
});
