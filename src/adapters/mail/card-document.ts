// An e-mail's readable parts, drawn from the card the person would get in Teams, so the e-mail and the card
// say the same: the HTML (headings, a table of facts with its labels, a language, nothing carried by colour)
// and the plain-text alternative. Forms and buttons are the card's; the e-mail says where to answer.
import type { AdaptiveCard } from "../cards";

type Block =
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "facts"; readonly rows: readonly (readonly [string, string])[] };

export interface CardDocumentOptions {
  readonly title: string;
  /** The Adaptive Card embedded for Outlook, if the council's provider is registered. */
  readonly embeddedCard?: AdaptiveCard;
  /** Where to answer: the Teams deep link to the bot's chat at this escalation. */
  readonly teamsLink: { readonly href: string; readonly text: string };
  /** A line under the link, e.g. why there is no live card. */
  readonly footer: string;
}

export function cardBlocks(card: AdaptiveCard): Block[] {
  const blocks: Block[] = [];
  walk(card["body"], blocks);
  return blocks;
}

export function cardHtml(card: AdaptiveCard, options: CardDocumentOptions): string {
  let headings = 0;
  const body = cardBlocks(card)
    .map((block) => {
      if (block.kind === "heading") {
        const level = headings++ === 0 ? 1 : 2;
        return `<h${level}>${escapeHtml(block.text)}</h${level}>`;
      }
      if (block.kind === "paragraph") return `<p>${escapeHtml(block.text).replace(/\n/g, "<br>")}</p>`;
      const rows = block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
        )
        .join("");
      return `<table>${rows}</table>`;
    })
    .join("\n");
  const embedded = options.embeddedCard
    ? `<script type="application/adaptivecard+json">${JSON.stringify(options.embeddedCard).replace(/</g, "\\u003c")}</script>\n`
    : "";
  return [
    "<!DOCTYPE html>",
    '<html lang="en-GB">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `${embedded}<style>body{font-family:Segoe UI,Arial,sans-serif;font-size:16px;line-height:1.4;max-width:40em}th{text-align:left;padding-right:1em;vertical-align:top}a.button{display:inline-block;padding:.5em 1em;border:2px solid #464775;border-radius:4px;color:#464775;font-weight:bold;text-decoration:none}</style>`,
    "</head>",
    "<body>",
    "<main>",
    body,
    `<p><a class="button" href="${escapeHtml(options.teamsLink.href)}">${escapeHtml(options.teamsLink.text)}</a></p>`,
    `<p>${escapeHtml(options.footer)}</p>`,
    "</main>",
    "</body>",
    "</html>",
  ].join("\n");
}

export function cardText(
  card: AdaptiveCard,
  options: Pick<CardDocumentOptions, "teamsLink" | "footer">,
): string {
  const lines: string[] = [];
  for (const block of cardBlocks(card)) {
    if (block.kind === "heading") lines.push("", block.text.toUpperCase(), "");
    else if (block.kind === "paragraph") lines.push(block.text, "");
    else {
      for (const [label, value] of block.rows) lines.push(`${label}: ${value}`);
      lines.push("");
    }
  }
  lines.push(`${options.teamsLink.text}: ${options.teamsLink.href}`, "", options.footer);
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

function walk(node: unknown, blocks: Block[]): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, blocks);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const element = node as Record<string, unknown>;
  if (element["isVisible"] === false) return;
  switch (element["type"]) {
    case "TextBlock": {
      const text = plain(element["text"]);
      if (text !== "") blocks.push({ kind: isHeading(element) ? "heading" : "paragraph", text });
      return;
    }
    case "RichTextBlock": {
      const runs = (Array.isArray(element["inlines"]) ? element["inlines"] : []).map((run: unknown) =>
        typeof run === "string" ? { text: run } : (run as Record<string, unknown>),
      );
      const texts = runs.map((run) => words(run["text"]));
      const [first, ...rest] = texts;
      // The cards write a fact as a bold "Label: " run and the value after it.
      if (first?.endsWith(": ") && runs[0]?.["weight"] === "Bolder" && rest.length > 0) {
        addFact(blocks, first.slice(0, -2).trim(), rest.join("").trim());
        return;
      }
      const text = texts.join("").trim();
      const heading = runs.length > 0 && runs.every(isHeading);
      if (text !== "") blocks.push({ kind: heading ? "heading" : "paragraph", text });
      return;
    }
    case "FactSet": {
      const facts = (Array.isArray(element["facts"]) ? element["facts"] : []) as Record<string, unknown>[];
      for (const fact of facts) addFact(blocks, plain(fact["title"]), plain(fact["value"]));
      return;
    }
    case "Container":
      walk(element["items"], blocks);
      return;
    case "ColumnSet":
      walk(element["columns"], blocks);
      return;
    case "Column":
      walk(element["items"], blocks);
      return;
    default:
      // Inputs, action sets and images carry nothing to read that the card does not say in words.
      return;
  }
}

/** Adds a fact to the table being written, or starts one. */
function addFact(blocks: Block[], label: string, value: string): void {
  const last = blocks[blocks.length - 1];
  if (last?.kind === "facts")
    blocks[blocks.length - 1] = { kind: "facts", rows: [...last.rows, [label, value]] };
  else blocks.push({ kind: "facts", rows: [[label, value]] });
}

function isHeading(element: Record<string, unknown>): boolean {
  return (
    element["style"] === "heading" ||
    (element["weight"] === "Bolder" && (element["size"] === "Medium" || element["size"] === "Large"))
  );
}

/** A card's text without its markdown emphasis, and with the word joiner `literal` puts in taken out. */
function plain(value: unknown): string {
  return words(value).trim();
}

function words(value: unknown): string {
  if (typeof value !== "string") return "";
  return value.replace(/\u2060/g, "").replace(/\*\*(.+?)\*\*/g, "$1");
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
