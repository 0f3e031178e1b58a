// The card templates' expressions, kept parsed. The templating engine parses each `${...}` string of a
// template with the expression language's ANTLR parser, which was the larger part of a worker's first card
// (the parser builds its tables as it first reads). `npm run card-expressions` writes what the parser makes
// of every such string of the templates into expression-table.ts, as trees, and a template is prepared with
// each tree rebuilt into the same expression: the same functions, in the same order, on the same
// constants. A string the table does not hold is parsed as before, its static text given to the parser as
// literals (template-strings.ts). A unit test fails when the table and the parser differ.
import { Constant, Expression, ExpressionFunctions } from "adaptive-expressions";
import * as ACData from "adaptivecards-templating";

import { EXPRESSION_TABLE } from "./expression-table";
import { withTextAsLiterals } from "./template-strings";

/**
 * An expression as data: a constant is its value (`{ undefined: true }` for undefined), and any other
 * expression its type, which names the function that evaluates it, followed by its children.
 */
export type ExpressionTree = string | number | boolean | null | { readonly undefined: true } | ExpressionNode;

/** An expression's type, then its children. */
export interface ExpressionNode extends ReadonlyArray<ExpressionTree> {
  readonly 0: string;
}

export type ExpressionTable = Readonly<Record<string, ExpressionTree>>;

/**
 * The engine's Template for a payload, each string of it the table holds prepared from its tree and any
 * other parsed by the engine (`parsed`). The engine prepares a payload in its constructor, through its public
 * `parseInterpolatedString`; that is given the table's expressions for as long as the constructor runs.
 */
export function preparedTemplate(
  payload: unknown,
  table: ExpressionTable = EXPRESSION_TABLE,
): ACData.Template {
  const { Template } = ACData;
  // The engine's own, which uses no `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const parse = Template.parseInterpolatedString;
  Template.parseInterpolatedString = (text: string) => {
    const tree = Object.hasOwn(table, text) ? table[text] : undefined;
    return tree === undefined ? parsed(text, parse) : expressionOf(tree);
  };
  try {
    return new Template(payload);
  } finally {
    Template.parseInterpolatedString = parse;
  }
}

type Parse = (text: string) => Expression | string;

/**
 * What the engine's parser makes of a string of a template, its static text given to it as literals: an
 * expression, or the string itself where it holds none. The table holds this for each string of the
 * templates.
 */
export function parsed(
  text: string,
  parse: Parse = (given) => ACData.Template.parseInterpolatedString(given),
): Expression | string {
  return parse(withTextAsLiterals(text));
}

/** The tree of an expression the parser made; it fails for one a tree cannot hold. */
export function treeOf(expression: Expression): ExpressionTree {
  if (expression instanceof Constant) {
    const value: unknown = expression.value;
    if (value === undefined) return { undefined: true };
    if (value === null || typeof value === "string" || typeof value === "boolean") return value;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    throw new Error(`a constant a tree cannot hold: a ${typeof value}`);
  }
  if (expression.evaluator !== ExpressionFunctions.standardFunctions.get(expression.type)) {
    throw new Error(`"${expression.type}" is not a function of the expression language`);
  }
  const node: ExpressionNode = [expression.type, ...expression.children.map(treeOf)];
  return node;
}

/** The expression a tree holds, made as the parser makes it (each expression validated as it is made). */
export function expressionOf(tree: ExpressionTree): Expression {
  if (!Array.isArray(tree)) return new Constant(isUndefined(tree) ? undefined : tree);
  const [type, ...children] = tree as ExpressionNode;
  const evaluator = ExpressionFunctions.standardFunctions.get(type);
  if (evaluator === undefined) throw new Error(`"${type}" is not a function of the expression language`);
  return Expression.makeExpression(type, evaluator, ...children.map(expressionOf));
}

function isUndefined(tree: ExpressionTree): tree is { readonly undefined: true } {
  return typeof tree === "object" && tree !== null && !Array.isArray(tree);
}
