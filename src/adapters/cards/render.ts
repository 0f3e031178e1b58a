// Binds the cards' JSON templates to their view models with adaptivecards-templating, and the few text
// helpers every card shares: how a person's words are made safe to show, and how moments are written.
import type { Template } from "adaptivecards-templating";

import { formatDay, type Instant, type WorkingCalendar } from "../../domain/calendar";
import { BoundedMemo } from "../../domain/memo";
import { preparedTemplate, withFieldsFound } from "./expression-trees";
import { interpolation } from "./template-strings";

/**
 * A card as Teams and Outlook receive it: plain JSON. It is a `Record<string, unknown>` that also says it is
 * an AdaptiveCard, which is what the Agents SDK's own `AdaptiveCard` type asks of a card an action returns.
 */
export type AdaptiveCard = Record<string, unknown> & { readonly type: "AdaptiveCard" };

// A template is parsed once (its expressions compiled) and expanded for every card drawn from it. The cards
// it drew last are kept by the parts of their view model the template reads, and so is each part of it
// (below) by what that part reads: the same view (the answer and a message to the same person, two people
// copied alike) is expanded once, and so is the record every card of an escalation sets out the same way
// whoever it is for, though the forms around it differ from viewer to viewer.
const prepared = new WeakMap<object, Part>();
/** How many drawings a template or a part keeps, oldest out first. */
const KEPT_PER_PART = 32;

/**
 * Expands a template with its view model. The engine evaluates only the template's own `${...}`
 * expressions: values taken from the view model are inserted as they are and never evaluated again, so
 * text a person typed, `${...}` included, comes out exactly as typed. Each call gets a card of its own,
 * whose pieces drawn alike for other cards are shared with them and frozen, so that none can change another.
 */
export function expand(template: object, viewModel: object): AdaptiveCard {
  let whole = prepared.get(template);
  if (whole === undefined) {
    whole = new Part(template);
    prepared.set(template, whole);
  }
  const { value: card, bytes } = whole.expand(viewModel);
  if (!isCard(card)) throw new Error("a card template expanded to something other than a card");
  BYTES_AT_MOST.set(card, bytes);
  return card;
}

/**
 * No fewer bytes than the card's JSON in UTF-8, for a card as `expand` drew it; undefined for any other
 * object, a card built from one included. Each drawing a part keeps has its JSON measured once, when it is
 * drawn, and a card's figure is the sum of its parts' figures, so a card drawn from kept pieces is never
 * written out whole to be measured. It is exact but where a part drew nothing, which only makes the card
 * smaller than it says.
 */
export function bytesAtMost(card: object): number | undefined {
  return BYTES_AT_MOST.get(card);
}

const BYTES_AT_MOST = new WeakMap<object, number>();

/** A piece of a card as a part drew it, and no fewer bytes than its JSON (`null` for nothing at all). */
interface Drawn {
  readonly value: unknown;
  readonly bytes: number;
}

/** Where a part of a template stood: an object with this one key, the part's index, after expansion. */
const PART = "$part";
/** A piece with at least this many expressions is parsed on its own, when first shown. */
const EXPRESSIONS_IN_A_PART = 4;

/**
 * A template, or a piece of one, parsed the first time a card shows it. Each piece that shows only when
 * its `$when` holds (an escalation card's forms: most viewers see one or two of twelve) is a part of its
 * own, left where it stood as its `$when` and a marker; so is each piece repeated for the items of a list
 * of the view model (its `$data`), left as a marker. The engine decides the `$when` as before; a marker
 * still there after expansion is replaced by its part, expanded with the same view model, and a list's
 * items take its marker's place as the engine puts them. Pieces inside a list's piece stay in it.
 */
class Part {
  private compiled: Template | undefined;
  private readonly parts: Part[] = [];
  private readonly payload: unknown;
  /** The view model's fields this part reads, where that is certain; otherwise it is kept by all of them. */
  private readonly reads: readonly string[] | undefined;
  /** What it drew last, frozen, with its JSON's bytes, by the JSON of what it read. */
  private readonly drawn = new BoundedMemo<Drawn>(KEPT_PER_PART);

  constructor(template: unknown) {
    this.payload = this.split(template, true);
    // What this part's own expressions read, its parts' markers in place: a part's fields are its own.
    this.reads = fieldsRead(this.payload);
  }

  /**
   * What is kept is the engine's own output, frozen, its parts' markers still in it, so a kept card does not
   * hold a second copy of each part it shows. A drawing is made of it by putting each part in its marker's
   * place; `json` holds the number of each field's JSON, made once for one card and all its parts.
   */
  expand(viewModel: object, json: FieldJson = new FieldJson(viewModel)): Drawn {
    const key = this.reads ? json.of(this.reads) : JSON.stringify(viewModel);
    let drawn = this.drawn.find(key);
    if (drawn === undefined) {
      this.compiled ??= preparedTemplate(this.payload);
      const compiled = this.compiled;
      const value: unknown = frozen(withFieldsFound((): unknown => compiled.expand({ $root: viewModel })));
      // A piece that drew nothing has nothing to keep.
      if (value === undefined) return NOTHING;
      drawn = this.drawn.keep(key, { value, bytes: utf8Bytes(value) });
    }
    const parts = { bytes: 0 };
    const value = this.stitch(drawn.value, json, parts);
    return { value, bytes: drawn.bytes + parts.bytes };
  }

  private split(node: unknown, own = false): unknown {
    if (Array.isArray(node)) return node.map((item: unknown) => this.split(item));
    if (typeof node !== "object" || node === null) return node;
    if ("$data" in node) {
      if (own || expressionsIn(node) < EXPRESSIONS_IN_A_PART) return node;
      this.parts.push(new Part(node));
      return { [PART]: this.parts.length - 1 };
    }
    const { $when: when, ...rest } = node as Record<string, unknown>;
    if (!own && when !== undefined && expressionsIn(rest) >= EXPRESSIONS_IN_A_PART) {
      this.parts.push(new Part(rest));
      return { $when: when, [PART]: this.parts.length - 1 };
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.split(value)]));
  }

  /**
   * The drawing with each part where its marker stood. The kept drawing is never changed: each object and
   * array on the way to a marker is copied, and everything else is the kept drawing's own, shared. In a
   * list, a part that drew the items of a list (or none) gives them in its place, as the engine does with a
   * piece under a `$data`.
   */
  private stitch(node: unknown, json: FieldJson, parts: { bytes: number }, inList = false): unknown {
    if (this.parts.length === 0 || typeof node !== "object" || node === null) return node;
    const index = this.partAt(node);
    const part = index === undefined ? undefined : this.parts[index];
    if (index !== undefined && part !== undefined) {
      const drawn = part.expand(json.viewModel, json);
      // The part's JSON where its marker stood; items given in a list lose the brackets around them.
      parts.bytes += drawn.bytes - markerBytes(index) - (inList && Array.isArray(drawn.value) ? 2 : 0);
      return drawn.value;
    }
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < node.length; i++) {
        const value: unknown = node[i];
        const stitched = this.stitch(value, json, parts, true);
        if (stitched === value) {
          copy?.push(value);
          continue;
        }
        copy ??= node.slice(0, i);
        if (stitched === null) continue;
        if (Array.isArray(stitched)) copy.push(...(stitched as unknown[]));
        else copy.push(stitched);
      }
      return copy ?? node;
    }
    const record = node as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(record)) {
      const value = record[key];
      const stitched = this.stitch(value, json, parts);
      if (stitched === value) continue;
      copy ??= { ...record };
      copy[key] = stitched;
    }
    return copy ?? node;
  }

  /** The index of the part whose marker this is, if it is one. */
  private partAt(node: object): number | undefined {
    const index = (node as Record<string, unknown>)[PART];
    if (typeof index !== "number" || Object.keys(node).length !== 1) return undefined;
    return index;
  }
}

/** A part that drew nothing: `null` where it stood in a list, as JSON writes undefined there. */
const NOTHING: Drawn = { value: undefined, bytes: "null".length };

/** The bytes of a part's marker in the JSON of the drawing that holds it. */
function markerBytes(index: number): number {
  return `{"${PART}":${index}}`.length;
}

/** The bytes of a value's JSON in UTF-8. */
function utf8Bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/**
 * Each JSON a field of a view model has had, as a number of its own: the same JSON the same number for as
 * long as it is kept here, and no number ever given to two. A part is kept by the numbers of the fields it
 * reads, a short key however much the fields hold, so looking a drawing up does not read the fields' JSON
 * again for every part that reads them.
 */
const fieldNumbers = new BoundedMemo<number>(1024);
let nextFieldNumber = 0;

/** The JSON of a view model's fields, each made once however many parts of a card read it. */
class FieldJson {
  private readonly made = new Map<string, number>();

  constructor(readonly viewModel: object) {}

  /** A key for these fields' values: the number of each one's JSON, in order. */
  of(fields: readonly string[]): string {
    let key = "";
    for (const field of fields) {
      let value = this.made.get(field);
      if (value === undefined) {
        value = numberOf((this.viewModel as Record<string, unknown>)[field]);
        this.made.set(field, value);
      }
      key += `${value},`;
    }
    return key;
  }
}

/** The numbers of the values view models share between cards (`shared`), each found once. */
const SHARED = new WeakMap<object, number | undefined>();

function numberOf(value: unknown): number {
  const isShared = typeof value === "object" && value !== null && SHARED.has(value);
  const known = isShared ? SHARED.get(value) : undefined;
  if (known !== undefined) return known;
  // An absent field has no JSON: it is keyed as nothing at all, which no JSON is.
  const number = fieldNumbers.get(jsonOf(value) ?? "", () => nextFieldNumber++);
  if (isShared) SHARED.set(value, number);
  return number;
}

/** JSON.stringify as it is: undefined for undefined. */
function jsonOf(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/**
 * A value that the view models of several cards give alike (the record an escalation's version sets out,
 * the same for each person it is shown to), frozen all the way down: its JSON is read once however many
 * cards and parts read it, and no card can change it under another.
 */
export function shared<T extends object>(value: T): T {
  SHARED.set(frozen(value), undefined);
  return value;
}

/** The value, its objects and arrays frozen all the way down; a value the view model lent is frozen too. */
function frozen<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.freeze(value);
    for (const item of Object.values(value)) frozen(item);
  }
  return value;
}

/** Names in an expression that are not the view model's: the engine's own, and the expression language's. */
const NOT_FIELDS = new Set(["$index", "$host", "$_acTemplateVersion", "true", "false", "null"]);

/**
 * The view model's top-level fields a piece of template reads, or undefined where that is not certain. In a
 * list's piece (under its `$data`) a bare name is the item's, not the view model's; `$root.x` is always x.
 * A function's name is not a field; a text in quotes is not read.
 */
function fieldsRead(template: unknown): string[] | undefined {
  const fields = new Set<string>();
  const visit = (node: unknown, inList: boolean): boolean => {
    if (typeof node === "string") return readsOf(node, inList, fields);
    if (Array.isArray(node)) return node.every((item: unknown) => visit(item, inList));
    if (typeof node !== "object" || node === null) return true;
    const { $data: data, ...rest } = node as Record<string, unknown>;
    if (data !== undefined && !visit(data, inList)) return false;
    return Object.values(rest).every((value) => visit(value, inList || data !== undefined));
  };
  return visit(template, false) ? [...fields].sort() : undefined;
}

function readsOf(text: string, inList: boolean, fields: Set<string>): boolean {
  const pieces = interpolation(text);
  if (pieces === undefined) return !text.includes("${");
  for (const piece of pieces) {
    if (piece.kind === "text") continue;
    // The expression without its quoted texts, each left as a space.
    const source = piece.source.slice(2, -1).replace(/'[^']*'|"[^"]*"/g, " ");
    for (const match of source.matchAll(/(?<![\w.$])(\$?[A-Za-z_]\w*)(\s*\.\s*([A-Za-z_]\w*))?(\s*\()?/g)) {
      const [, name = "", , member, call] = match;
      if (call !== undefined && member === undefined) continue;
      if (NOT_FIELDS.has(name)) continue;
      if (name === "$root" || (name === "$data" && !inList)) {
        if (member === undefined) return false;
        fields.add(member);
      } else if (name === "$data") {
        continue;
      } else if (name.startsWith("$")) {
        return false;
      } else if (!inList) {
        fields.add(name);
      }
    }
  }
  return true;
}

function expressionsIn(node: unknown): number {
  if (typeof node === "string") return node.split("${").length - 1;
  if (Array.isArray(node)) return node.reduce((sum: number, item: unknown) => sum + expressionsIn(item), 0);
  if (typeof node === "object" && node !== null) return expressionsIn(Object.values(node));
  return 0;
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
