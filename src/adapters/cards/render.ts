// Binds the cards' JSON templates to their view models with adaptivecards-templating, and the few text
// helpers every card shares: how a person's words are made safe to show, and how moments are written.
import * as ACData from "adaptivecards-templating";

import { formatDay, type Instant, type WorkingCalendar } from "../../domain/calendar";

/**
 * A card as Teams and Outlook receive it: plain JSON. It is a `Record<string, unknown>` that also says it is
 * an AdaptiveCard, which is what the Agents SDK's own `AdaptiveCard` type asks of a card an action returns.
 */
export type AdaptiveCard = Record<string, unknown> & { readonly type: "AdaptiveCard" };

// A template is parsed once (its expressions compiled) and expanded for every card drawn from it; the
// cards it drew last are kept by their view model, so the same view (the answer and a message to the
// same person, two people copied alike) is expanded once.
interface Prepared {
  readonly whole: Part;
  /** The JSON of recent cards, by the JSON of their view model, oldest first. */
  readonly drawn: Map<string, string>;
}
const prepared = new WeakMap<object, Prepared>();
const KEPT_PER_TEMPLATE = 32;

/**
 * Expands a template with its view model. The engine evaluates only the template's own `${...}`
 * expressions: values taken from the view model are inserted as they are and never evaluated again, so
 * text a person typed, `${...}` included, comes out exactly as typed. Each call gets a card of its own.
 */
export function expand(template: object, viewModel: object): AdaptiveCard {
  let entry = prepared.get(template);
  if (entry === undefined) {
    entry = { whole: new Part(template), drawn: new Map() };
    prepared.set(template, entry);
  }
  const key = JSON.stringify(viewModel);
  const known = entry.drawn.get(key);
  if (known !== undefined) return JSON.parse(known) as AdaptiveCard;
  const card = entry.whole.expand(viewModel);
  if (!isCard(card)) throw new Error("a card template expanded to something other than a card");
  if (entry.drawn.size >= KEPT_PER_TEMPLATE) entry.drawn.delete(entry.drawn.keys().next().value ?? "");
  entry.drawn.set(key, JSON.stringify(card));
  return card;
}

/** Where a part of a template stood: an object with this one key, the part's index, after expansion. */
const PART = "$part";
/** A shown-when piece with at least this many expressions is parsed on its own, when first shown. */
const EXPRESSIONS_IN_A_PART = 4;

/**
 * A template, or a piece of one, parsed the first time a card shows it. Each piece that shows only when
 * its `$when` holds (an escalation card's forms: most viewers see one or two of twelve) is a part of its
 * own, left where it stood as its `$when` and a marker. The engine decides the `$when` as before; a marker
 * still there after expansion is replaced by its part, expanded with the same view model. Pieces under a
 * `$data` (whose expressions read each item in turn) stay whole.
 */
class Part {
  private compiled: ACData.Template | undefined;
  private readonly parts: Part[] = [];
  private readonly payload: unknown;

  constructor(template: unknown) {
    this.payload = this.split(template);
  }

  expand(viewModel: object): unknown {
    this.compiled ??= new ACData.Template(withTextAsLiterals(this.payload));
    const expanded: unknown = this.compiled.expand({ $root: viewModel });
    return this.parts.length === 0 ? expanded : this.stitch(expanded, viewModel);
  }

  private split(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item: unknown) => this.split(item));
    if (typeof node !== "object" || node === null || "$data" in node) return node;
    const { $when: when, ...rest } = node as Record<string, unknown>;
    if (when !== undefined && expressionsIn(rest) >= EXPRESSIONS_IN_A_PART) {
      this.parts.push(new Part(rest));
      return { $when: when, [PART]: this.parts.length - 1 };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.split(value)]));
  }

  /**
   * Puts each part where its marker stood, changing the engine's output itself: the engine builds every
   * object and array of its output afresh. Only a marker's place is written, so a value the view model lent
   * the card is never touched.
   */
  private stitch(node: unknown, viewModel: object): unknown {
    if (typeof node !== "object" || node === null) return node;
    const record = node as Record<string, unknown>;
    const index = record[PART];
    const part = typeof index === "number" ? this.parts[index] : undefined;
    if (part !== undefined && Object.keys(record).length === 1) return part.expand(viewModel);
    const keys = Array.isArray(node) ? node.keys() : Object.keys(record);
    for (const key of keys) {
      const value = record[key];
      const stitched = this.stitch(value, viewModel);
      if (stitched !== value) record[key] = stitched;
    }
    return node;
  }
}

function expressionsIn(node: unknown): number {
  if (typeof node === "string") return node.split("${").length - 1;
  if (Array.isArray(node)) return node.reduce((sum: number, item: unknown) => sum + expressionsIn(item), 0);
  if (typeof node === "object" && node !== null) return expressionsIn(Object.values(node));
  return 0;
}

/**
 * The template with the static text of each interpolated string written as string literals: "Re-opening
 * makes ${$root.stageName} current again" becomes "${'Re-opening makes '}${$root.stageName}${' current
 * again'}". The expression parser reads static text one character at a time, at about the cost of a whole
 * expression each (a sentence of 200 characters parsed as slowly as a hundred expressions); a literal is
 * one token.
 * Both parse to the same constants, so the card expands to the same strings. A string the scan cannot
 * split with certainty (a backslash, a backtick, unbalanced braces) is left as it is, parsed whole.
 */
function withTextAsLiterals(node: unknown): unknown {
  if (typeof node === "string") return splitString(node);
  if (Array.isArray(node)) return node.map(withTextAsLiterals);
  if (typeof node === "object" && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withTextAsLiterals(value)]));
  }
  return node;
}

function splitString(value: string): string {
  const parts = interpolation(value);
  if (parts === undefined) return value;
  if (parts.every((part) => part.kind === "text") || parts.every((part) => part.kind === "expression")) {
    return value;
  }
  return parts
    .map((part) => (part.kind === "expression" ? part.source : `\${'${part.text.replace(/'/g, "\\'")}'}`))
    .join("");
}

type Piece =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "expression"; readonly source: string };

/** A string's static runs and `${...}` expressions in order, or undefined where that is not certain. */
function interpolation(value: string): Piece[] | undefined {
  if (/[\\`]/.test(value)) return undefined;
  const parts: Piece[] = [];
  let at = 0;
  while (at < value.length) {
    const start = value.indexOf("${", at);
    if (start < 0) {
      parts.push({ kind: "text", text: value.slice(at) });
      break;
    }
    if (start > at) parts.push({ kind: "text", text: value.slice(at, start) });
    const end = expressionEnd(value, start + 2);
    if (end === undefined) return undefined;
    parts.push({ kind: "expression", source: value.slice(start, end + 1) });
    at = end + 1;
  }
  return parts;
}

/** The index of the `}` closing an expression whose body starts at `from`, skipping quoted strings. */
function expressionEnd(value: string, from: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < value.length; i++) {
    const char = value[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "{") {
      depth++;
    } else if (char === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

function isCard(value: unknown): value is AdaptiveCard {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "AdaptiveCard";
}

/**
 * Text someone typed, made safe to show in a `TextRun` (never in a `TextBlock`, whose text is markdown).
 * TextRuns are not markdown, but clients still turn `{{DATE(...)}}` and `{{TIME(...)}}` into a local
 * date or time; an invisible word joiner between the braces keeps the words as they were written.
 */
export function literal(text: string): string {
  return text.replace(/\{\{(?=\s*(?:DATE|TIME)\s*\()/gi, "{\u2060{");
}

/** "Wednesday 4 November 2026 at 10:00", in London time. */
export function formatMoment(at: Instant, calendar: WorkingCalendar): string {
  return `${formatDay(calendar.localDate(at))} at ${calendar.localTime(at)}`;
}

/** "1 working day", "3 working days". */
export function workingDays(n: number): string {
  return `${n} working day${n === 1 ? "" : "s"}`;
}

/** The short reference used wherever a child's details may not appear: "ESC-" and the id's first 8 characters. */
export function reference(escalationId: string): string {
  const compact = escalationId.replace(/[^A-Za-z0-9]/g, "");
  return `ESC-${(compact === "" ? escalationId : compact).slice(0, 8).toUpperCase()}`;
}

/** A wrapped TextBlock, for cards built in code (the digest, the report). */
export function textBlock(
  value: string,
  extra: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  return { type: "TextBlock", text: value, wrap: true, ...extra };
}

/** A share of responses as the cards write it: "75%", or "no responses". */
export function percentOf(share: number | null): string {
  return share === null ? "no responses" : `${Math.round(share * 100)}%`;
}
