// What a card must meet to be read by everyone (WCAG 2.2 AA), checked on the card as Teams receives it:
// every coloured text meets 4.5:1 against the card's background in Teams' light theme (where coloured text
// is palest), no text is drawn in the colour Teams draws links in, every input has a label (Teams puts the
// required marker and the error beside it; a screen reader reads it), and every button has a title.

/**
 * The foreground colours of Teams' light theme, as its published host config gives them (the Adaptive
 * Cards designer's "Microsoft Teams - Light"), and the card's background there.
 */
export const TEAMS_LIGHT_THEME = {
  background: "#FFFFFF",
  foreground: {
    default: "#252424",
    accent: "#6264A7",
    good: "#92C353",
    warning: "#F8D22A",
    attention: "#C4314B",
  },
} as const;

/** WCAG 2.2 AA for text of normal size. */
export const AA_CONTRAST = 4.5;

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two #RRGGBB colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

type Node = Record<string, unknown>;

function nodes(value: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(value)) {
    for (const v of value) nodes(v, found);
  } else if (typeof value === "object" && value !== null) {
    found.push(value as Node);
    for (const v of Object.values(value)) nodes(v, found);
  }
  return found;
}

export function accessibilityProblems(card: unknown): string[] {
  const problems: string[] = [];
  for (const node of nodes(card)) {
    const type = typeof node["type"] === "string" ? node["type"] : "";
    const text = typeof node["text"] === "string" ? node["text"].slice(0, 40) : "";
    if (typeof node["color"] === "string" && (type === "TextBlock" || type === "TextRun")) {
      const name = node["color"].toLowerCase();
      const palette: Readonly<Record<string, string>> = TEAMS_LIGHT_THEME.foreground;
      const colour = palette[name];
      if (colour === undefined) {
        problems.push(`"${text}": unknown colour ${node["color"]}`);
      } else if (name === "accent") {
        problems.push(`"${text}": drawn in Accent, the colour of links`);
      } else {
        const ratio = contrastRatio(colour, TEAMS_LIGHT_THEME.background);
        if (ratio < AA_CONTRAST)
          problems.push(
            `"${text}": ${node["color"]} on white is ${ratio.toFixed(1)}:1, under ${AA_CONTRAST}:1`,
          );
      }
    }
    if (type.startsWith("Input.")) {
      const label = node["label"];
      if (typeof label !== "string" || label.trim() === "")
        problems.push(`input ${String(node["id"])} has no label`);
    }
    if (type.startsWith("Action.")) {
      const title = node["title"];
      if (typeof title !== "string" || title.trim() === "") problems.push(`a ${type} has no title`);
    }
  }
  return problems;
}
