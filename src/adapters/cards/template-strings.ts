// How the card templates' strings are read: each string's static runs and `${...}` expressions, for the
// fields a template reads (render.ts) and for the expression parser (expression-trees.ts).

/**
 * The string with its static text written as string literals, as the expression parser is given it:
 * "Re-opening makes ${$root.stageName} current again" becomes
 * "${'Re-opening makes '}${$root.stageName}${' current again'}". The parser reads static text one character at a time, at about the cost of a whole
 * expression each (a sentence of 200 characters parsed as slowly as a hundred expressions); a literal is
 * one token. Both parse to the same constants, so the card expands to the same strings. A string the scan
 * cannot split with certainty (a backslash, a backtick, unbalanced braces) is left as it is, parsed whole.
 */
export function withTextAsLiterals(value: string): string {
  const parts = interpolation(value);
  if (parts === undefined) return value;
  if (parts.every((part) => part.kind === "text") || parts.every((part) => part.kind === "expression")) {
    return value;
  }
  return parts
    .map((part) => (part.kind === "expression" ? part.source : `\${'${part.text.replace(/'/g, "\\'")}'}`))
    .join("");
}

export type Piece =
  { readonly kind: "text"; readonly text: string } | { readonly kind: "expression"; readonly source: string };

/** A string's static runs and `${...}` expressions in order, or undefined where that is not certain. */
export function interpolation(value: string): Piece[] | undefined {
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
