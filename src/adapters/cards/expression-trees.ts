// The card templates' expressions, kept parsed. The templating engine parses each `${...}` string of a
// template with the expression language's ANTLR parser, which was the larger part of a worker's first card
// (the parser builds its tables as it first reads). `npm run card-expressions` writes what the parser makes
// of every such string of the templates into expression-table.ts, as trees, and a template is prepared with
// each tree rebuilt into the same expression: the same functions, in the same order, on the same
// constants. A string the table does not hold is parsed as before, its static text given to the parser as
// literals (template-strings.ts). A unit test fails when the table and the parser differ.
import {
  Constant,
  Expression,
  ExpressionEvaluator,
  ExpressionFunctions,
  type MemoryInterface,
  type Options,
  ReturnType,
  type ValueWithError,
} from "adaptive-expressions";
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
  const language = ExpressionFunctions.standardFunctions.get(expression.type);
  if (expression.evaluator !== language && !(expression.type === ACCESSOR && expression.evaluator === READ)) {
    throw new Error(`"${expression.type}" is not a function of the expression language`);
  }
  const node: ExpressionNode = [expression.type, ...expression.children.map(treeOf)];
  return node;
}

/**
 * The expression a tree holds, made as the parser makes it (each expression validated as it is made), but
 * for the evaluator of a field read, which reads as the language's own does (`READ`).
 */
export function expressionOf(tree: ExpressionTree): Expression {
  if (!Array.isArray(tree)) return new Constant(isUndefined(tree) ? undefined : tree);
  const [type, ...children] = tree as ExpressionNode;
  const evaluator = type === ACCESSOR ? READ : ExpressionFunctions.standardFunctions.get(type);
  if (evaluator === undefined) throw new Error(`"${type}" is not a function of the expression language`);
  return Expression.makeExpression(type, evaluator, ...children.map(expressionOf));
}

/**
 * Runs a template's expansion with each object's keys found once, by their lower case, for as long as it
 * runs. The language finds a field whatever its case, by going through the object's keys for each one it
 * reads; a card reads its view model's fields hundreds of times. Nothing changes a view model while the
 * engine expands it (which it does in one go), so the keys found at the start hold to the end.
 */
export function withFieldsFound<T>(expand: () => T): T {
  const outer = keysFound;
  keysFound = new Map();
  try {
    return expand();
  } finally {
    keysFound = outer;
  }
}

const ACCESSOR = "Accessor";
// The language's own field read, for the reads `READ` leaves to it.
const STANDARD_READ = ExpressionFunctions.standardFunctions.get(ACCESSOR);
if (STANDARD_READ === undefined) throw new Error("the expression language has no Accessor");
const LANGUAGE_READ: ExpressionEvaluator = STANDARD_READ;

/** Each object's keys by their lower case, the first of each, while a template expands; otherwise none. */
let keysFound: Map<object, Map<string, string>> | undefined;

/** A field read as a path of names from the memory the engine evaluates in (`a.b`, `$root.a`). */
interface Path {
  readonly text: string;
  /** The first name and the rest, in lower case. */
  readonly first: string;
  readonly rest: readonly string[];
  /** The first name is the memory's own (`$root`, `$index`); otherwise it is read from `$data`. */
  readonly fromMemory: boolean;
}

/** Each field read's path, where it is a plain one; `null` where the language's own read takes it. */
const paths = new WeakMap<Expression, Path | null>();

/**
 * The field read, with the same answer as the language's: the engine's memory holds `$root`, `$data` and
 * `$index`, a name that is none of those is read from `$data`, and each name is the first of an object's
 * keys that is the same in lower case. A path that is more than plain names (an index, a read from a
 * function's answer), or a read made outside an expansion, is the language's own.
 */
const READ = new ExpressionEvaluator(
  ACCESSOR,
  (expression: Expression, state: MemoryInterface, options: Options): ValueWithError => {
    // Only the engine's own memory is read here: a function's lambda, say, reads from a memory of its own.
    const ours = keysFound !== undefined && Object.getPrototypeOf(state) === engineMemory();
    const path = ours ? pathOf(expression) : null;
    if (path === null) return LANGUAGE_READ.tryEvaluate(expression, state, options);
    // The memory is the engine's own, made for each expression it evaluates: its keys are gone through as
    // the language does, not kept.
    const { first } = path;
    let value = path.fromMemory ? memoryField(state, first) : fieldOf(memoryField(state, "$data"), first);
    for (const name of path.rest) value = fieldOf(value, name);
    if (value === UNREAD) return LANGUAGE_READ.tryEvaluate(expression, state, options);
    // The engine asks for a missing field to be written back as its expression; its type says it always does.
    const substitute = options.nullSubstitution as ((path: string) => unknown) | undefined;
    return read(value === undefined && substitute !== undefined ? substitute(path.text) : value);
  },
  LANGUAGE_READ.returnType,
  LANGUAGE_READ.validateExpression,
);

/** The prototype of the memory the engine evaluates a template's expressions in, found by asking it once. */
let memoryPrototype: object | null | undefined;

function engineMemory(): object | null {
  if (memoryPrototype !== undefined) return memoryPrototype;
  let found: object | null = null;
  const probe = Expression.makeExpression(
    "probe",
    new ExpressionEvaluator(
      "probe",
      (_expression: Expression, state: MemoryInterface): ValueWithError => {
        found = Object.getPrototypeOf(state) as object | null;
        return read("");
      },
      ReturnType.String,
      () => undefined,
    ),
  );
  const { Template } = ACData;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const parse = Template.parseInterpolatedString;
  Template.parseInterpolatedString = () => probe;
  try {
    new Template({ text: "${probe}" }).expand({ $root: {} });
  } finally {
    Template.parseInterpolatedString = parse;
  }
  memoryPrototype = found;
  return found;
}

function pathOf(expression: Expression): Path | null {
  const known = paths.get(expression);
  if (known !== undefined) return known;
  const names: string[] = [];
  let path: Path | null = null;
  for (let node: Expression | undefined = expression; ;) {
    const name: unknown = node.children[0] instanceof Constant ? node.children[0].value : undefined;
    if (node.type !== ACCESSOR || typeof name !== "string" || !/^[A-Za-z_$][\w$]*$/.test(name)) break;
    names.unshift(name);
    node = node.children[1];
    if (node === undefined) {
      const [first = "", ...rest] = names.map((n) => n.toLowerCase());
      path = { text: names.join("."), first, rest, fromMemory: first.startsWith("$") };
      break;
    }
  }
  paths.set(expression, path);
  return path;
}

/** A value read without error, as the language gives it: its type says the error is a string. */
function read(value: unknown): ValueWithError {
  return { value, error: undefined } as unknown as ValueWithError;
}

/** A read of something other than an object, left to the language. */
const UNREAD = Symbol("unread");

/** What the language reads for a name (in lower case) of the engine's memory: its first key alike. */
function memoryField(state: MemoryInterface, name: string): unknown {
  for (const key of Object.keys(state)) {
    if (key.toLowerCase() === name) return (state as unknown as Record<string, unknown>)[key];
  }
  return undefined;
}

/**
 * What the language reads for a name (in lower case) of an object: its first key that is the same in lower
 * case; nothing of nothing. A map, a function, a primitive with keys of its own, is `UNREAD`.
 */
function fieldOf(scope: unknown, name: string): unknown {
  if (scope === UNREAD) return UNREAD;
  if (!scope) return undefined;
  if (typeof scope !== "object" || scope instanceof Map || keysFound === undefined) return UNREAD;
  let keys = keysFound.get(scope);
  if (keys === undefined) {
    keys = new Map();
    for (const key of Object.keys(scope)) {
      const lower = key.toLowerCase();
      if (!keys.has(lower)) keys.set(lower, key);
    }
    keysFound.set(scope, keys);
  }
  const key = keys.get(name);
  return key === undefined ? undefined : (scope as Record<string, unknown>)[key];
}

function isUndefined(tree: ExpressionTree): tree is { readonly undefined: true } {
  return typeof tree === "object" && tree !== null && !Array.isArray(tree);
}
