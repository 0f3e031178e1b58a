// The size of a Teams message, in one place: the cards that could outgrow it are kept within it.
import { type AdaptiveCard, bytesAtMost } from "./render";

/** Teams refuses a message over about 28 KB; every card stays under this, with room for the activity. */
export const MAX_CARD_BYTES = 27 * 1024;
const ELLIPSIS = " \u2026";

/** The size Teams counts: the card's JSON in UTF-8. */
export function cardBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/**
 * True when Teams takes the card as it is. A card drawn from a template says how big it can be at most, so
 * one well within the limit is not written out to be measured; any other, or one that may be near the
 * limit, is measured.
 */
export function fitsTeams(card: AdaptiveCard): boolean {
  const most = bytesAtMost(card);
  return (most !== undefined && most <= MAX_CARD_BYTES) || cardBytes(card) <= MAX_CARD_BYTES;
}

/** A card drawn bigger than Teams takes is redrawn with its long texts shortened, and says so. */
export function withinTeamsLimit(card: AdaptiveCard): AdaptiveCard {
  const fits = fitsTeams;
  if (fits(card)) return card;
  let shortened = card;
  for (const limit of [2000, 1000, 600, 300, 150, 80]) {
    shortened = shortenRuns(card, limit) as AdaptiveCard;
    if (fits(shortened)) break;
  }
  const body = Array.isArray(shortened["body"]) ? (shortened["body"] as unknown[]) : [];
  const note = {
    type: "TextBlock",
    text: "Long texts are shortened on this card to fit in Teams. The escalation's record keeps every word.",
    wrap: true,
    isSubtle: true,
    size: "Small",
  };
  return { ...shortened, body: [note, ...body] };
}

/** Shortens every TextRun longer than `limit` characters; everything else is kept as it is. */
function shortenRuns(node: unknown, limit: number): unknown {
  if (Array.isArray(node)) return node.map((n) => shortenRuns(n, limit));
  if (typeof node !== "object" || node === null) return node;
  const object = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) copy[key] = shortenRuns(value, limit);
  const text = object["text"];
  if (object["type"] === "TextRun" && typeof text === "string" && text.length > limit) {
    copy["text"] = text.slice(0, limit).trimEnd() + ELLIPSIS;
  }
  return copy;
}
