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
  readonly compiled: ACData.Template;
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
    entry = { compiled: new ACData.Template(template), drawn: new Map() };
    prepared.set(template, entry);
  }
  const key = JSON.stringify(viewModel);
  const known = entry.drawn.get(key);
  if (known !== undefined) return JSON.parse(known) as AdaptiveCard;
  const card: unknown = entry.compiled.expand({ $root: viewModel });
  if (!isCard(card)) throw new Error("a card template expanded to something other than a card");
  if (entry.drawn.size >= KEPT_PER_TEMPLATE) entry.drawn.delete(entry.drawn.keys().next().value ?? "");
  entry.drawn.set(key, JSON.stringify(card));
  return card;
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
