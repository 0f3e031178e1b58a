// The card templates' expressions are kept parsed: the generated table is what the parser makes of every
// `${...}` string of the templates, each tree rebuilds the parser's expression, and a template prepared
// with the table draws the card the engine draws, without the parser.
import * as AEL from "adaptive-expressions";
import * as ACData from "adaptivecards-templating";

import { cardTemplates, currentTable } from "../../../scripts/card-expressions";
import { EXPRESSION_TABLE } from "../../../src/adapters/cards/expression-table";
import {
  expressionOf,
  parsed,
  preparedTemplate,
  treeOf,
  withFieldsFound,
} from "../../../src/adapters/cards/expression-trees";

afterEach(() => jest.restoreAllMocks());

/** The function the engine prepares a template's strings with, as it stands. */
const engineParser = (): unknown =>
  Object.getOwnPropertyDescriptor(ACData.Template, "parseInterpolatedString")?.value;

it("holds what the parser makes of every expression of the card templates (run `npm run card-expressions` when it does not)", () => {
  expect(EXPRESSION_TABLE).toEqual(currentTable());
});

it("rebuilds from each tree the expression the parser makes: the same functions on the same constants", () => {
  const strings = Object.keys(EXPRESSION_TABLE);
  expect(strings.length).toBeGreaterThan(200);
  for (const text of strings) {
    const expression = parsed(text) as AEL.Expression;
    const rebuilt = expressionOf(EXPRESSION_TABLE[text]!);
    expect(rebuilt.toString()).toBe(expression.toString());
    expect(rebuilt.returnType).toBe(expression.returnType);
    expect(treeOf(rebuilt)).toEqual(treeOf(expression));
  }
});

it("prepares every card template without the parser, and the parser is back as it was afterwards", () => {
  const parse = jest.spyOn(AEL.Expression, "parse");
  const original = engineParser();
  for (const template of cardTemplates().values()) preparedTemplate(template);
  expect(parse).not.toHaveBeenCalled();
  expect(engineParser()).toBe(original);

  // The same templates without the table are parsed, one call for each string with an expression.
  for (const template of cardTemplates().values()) preparedTemplate(template, {});
  expect(parse.mock.calls.length).toBeGreaterThanOrEqual(Object.keys(EXPRESSION_TABLE).length);
});

describe("a template prepared with a table", () => {
  const template = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: "${'Due by '}${due}", $when: "${and(open, not(empty(due)))}" },
      { $data: "${people}", type: "TextBlock", text: "${name}${' ('}${string($index + 1)}${')'}" },
      { type: "TextBlock", text: "${if(count(people) > 1, 'several', 'one')}", size: "${$root.size}" },
      { type: "TextBlock", text: "No expression here" },
    ],
  };
  const views = [
    { open: true, due: "Friday", people: [{ name: "A" }, { name: "B" }], size: "large" },
    { open: false, due: "", people: [{ name: "C" }] },
  ];

  it("draws what the engine draws from the template parsed", () => {
    const table = currentTable([template]);
    expect(Object.keys(table)).toHaveLength(6);
    const parse = jest.spyOn(AEL.Expression, "parse");
    const prepared = preparedTemplate(template, table);
    expect(parse).not.toHaveBeenCalled();
    for (const view of views) {
      expect(prepared.expand({ $root: view })).toEqual(new ACData.Template(template).expand({ $root: view }));
    }
  });

  it("parses a string the table does not hold", () => {
    const table = currentTable([template]);
    const parse = jest.spyOn(AEL.Expression, "parse");
    const extended = {
      ...template,
      body: [...template.body, { type: "TextBlock", text: "${toUpper(due)}" }],
    };
    const prepared = preparedTemplate(extended, table);
    expect(parse).toHaveBeenCalled();
    expect(parse.mock.calls.filter(([text]) => !text.includes("toUpper(due)"))).toEqual([]);
    expect(prepared.expand({ $root: views[0] })).toEqual(
      new ACData.Template(extended).expand({ $root: views[0] }),
    );
  });

  it("leaves the parser as it was when the engine fails to prepare it", () => {
    const original = engineParser();
    expect(() => preparedTemplate({ text: "${1 +}" }, {})).toThrow();
    expect(engineParser()).toBe(original);
  });
});

describe("a field read while a template expands", () => {
  // Every way a field is read: by its own name and in another case, from an object with two keys alike
  // but for case, nested, from a list's item and from $root inside it, missing (the engine writes the
  // expression back), from nothing, from a text, a number and a map, inside a function's arguments, and a
  // lambda's own variable.
  const template = {
    type: "AdaptiveCard",
    body: [
      { type: "TextBlock", text: "${name} ${NAME} ${Name}" },
      { type: "TextBlock", text: "${twice.name} ${twice.NAME}" },
      { type: "TextBlock", text: "${person.team.name}, ${person.Team.Name}" },
      {
        $data: "${people}",
        type: "TextBlock",
        text: "${name} of ${$root.person.team.name} (${$index}) ${$data.name}",
      },
      { type: "TextBlock", text: "${missing} ${person.missing} ${missing.name} ${none.name}" },
      { type: "TextBlock", text: "${name.length} ${count.name} ${lookup.name}" },
      {
        type: "TextBlock",
        text: "${if(person.shown, person.team.name, 'hidden')}",
        $when: "${person.shown}",
      },
      { type: "TextBlock", text: "${people[1].name} ${person['team'].name}" },
      // A lambda's variable is read from the function's own memory, not the engine's.
      { type: "TextBlock", text: "${join(foreach(people, p, concat(p.name, '/', name)), ', ')}" },
    ],
  };
  const views = [
    {
      name: "Ann",
      twice: { Name: "first", name: "second" },
      person: { team: { name: "North" }, shown: true },
      people: [{ name: "Bea" }, { NAME: "Cal" }],
      none: null,
      count: 3,
      lookup: new Map([["name", "in a map"]]),
    },
    { NAME: "Upper", person: { Team: { NAME: "South" }, shown: false }, people: [] },
  ];

  it.each(views.map((view, i) => [i, view] as const))(
    "gives what the language's own read gives (view %i)",
    (_, view) => {
      const prepared = preparedTemplate(template, currentTable([template]));
      const drawn: unknown = withFieldsFound((): unknown => prepared.expand({ $root: view }));
      expect(drawn).toEqual(new ACData.Template(template).expand({ $root: view }));
      // Outside an expansion, the language's own read is used: the same again.
      expect(prepared.expand({ $root: view })).toEqual(drawn);
    },
  );

  it("goes through an object's keys once for all the reads of one expansion, and reads them again the next", () => {
    const reads = {
      type: "AdaptiveCard",
      body: ["${a}", "${b}", "${A}", "${c.d}", "${c.e}", "${missing}"].map((text) => ({
        type: "TextBlock",
        text,
      })),
    };
    const prepared = preparedTemplate(reads, currentTable([reads]));
    const view = { a: "1", b: "2", c: { d: "3", e: "4" } };
    const keys = jest.spyOn(Object, "keys");
    const readsOf = (object: object) => keys.mock.calls.filter(([o]) => o === object).length;

    prepared.expand({ $root: view });
    expect(readsOf(view)).toBe(6);
    expect(readsOf(view.c)).toBe(2);
    keys.mockClear();
    withFieldsFound((): unknown => prepared.expand({ $root: view }));
    expect(readsOf(view)).toBe(1);
    expect(readsOf(view.c)).toBe(1);

    const changed = { ...view, a: "5" };
    const drawn = JSON.stringify(withFieldsFound((): unknown => prepared.expand({ $root: changed })));
    expect(drawn).toContain('"text":"5"');
    expect(readsOf(changed)).toBe(1);
  });
});

it("will not make a tree of a function the expression language does not have", () => {
  const expression = parsed("${councilOnly(1)}") as AEL.Expression;
  expect(() => treeOf(expression)).toThrow('"councilOnly" is not a function of the expression language');
  expect(() => expressionOf(["councilOnly", 1])).toThrow(
    '"councilOnly" is not a function of the expression language',
  );
});
