// Draws the Teams app icons: an upward arrow whose shaft is three steps (escalation), white on the accent colour
// for color.png (192×192) and white on transparent for outline.png (32×32). Run `npm run icons` after
// changing the glyph; the PNGs are committed, so packaging does not draw them.
import { writeFileSync } from "node:fs";
import path from "node:path";

import { PNG } from "pngjs";

import { projectRoot } from "./project-root";

/** The manifest's accentColor, and the colour icon's background. */
export const ACCENT = { hex: "#1F5C99", rgb: [0x1f, 0x5c, 0x99] } as const;

type Shape = (x: number, y: number) => boolean;

// The glyph in a unit box, y growing downwards.
const arrowHead: Shape = (x, y) => y >= 0 && y <= 0.4 && Math.abs(x - 0.5) <= (y / 0.4) * 0.42;
const box =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
// An upward arrow whose shaft is three blocks, one per level climbed.
const GLYPH: readonly Shape[] = [
  arrowHead,
  box(0.34, 0.46, 0.66, 0.6),
  box(0.34, 0.66, 0.66, 0.8),
  box(0.34, 0.86, 0.66, 1),
];

/** Coverage of one pixel by the glyph, 0..1, from 4×4 samples. */
function coverage(px: number, py: number, size: number, margin: number): number {
  const span = size - 2 * margin;
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4 - margin) / span;
      const y = (py + (sy + 0.5) / 4 - margin) / span;
      if (GLYPH.some((shape) => shape(x, y))) hits++;
    }
  }
  return hits / 16;
}

/** RGBA pixels of an icon: the glyph in white, over the accent colour or over transparency. */
export function drawIcon(kind: "color" | "outline"): { size: number; rgba: Uint8Array } {
  const size = kind === "color" ? 192 : 32;
  const margin = kind === "color" ? 40 : 2;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, margin);
      const i = (y * size + x) * 4;
      if (kind === "outline") {
        // White everywhere; only the alpha carries the shape, so the icon is white on transparent.
        rgba.set([255, 255, 255, Math.round(c * 255)], i);
      } else {
        const [r, g, b] = ACCENT.rgb;
        const mix = (base: number) => Math.round(base + (255 - base) * c);
        rgba.set([mix(r), mix(g), mix(b), 255], i);
      }
    }
  }
  return { size, rgba };
}

export function writeIcons(directory: string): void {
  for (const kind of ["color", "outline"] as const) {
    const { size, rgba } = drawIcon(kind);
    const png = new PNG({ width: size, height: size, colorType: 6 });
    png.data = Buffer.from(rgba);
    writeFileSync(path.join(directory, `${kind}.png`), PNG.sync.write(png, { colorType: 6 }));
  }
}

if (require.main === module) {
  const directory = path.join(projectRoot(), "appPackage");
  writeIcons(directory);
  process.stdout.write(`Wrote color.png and outline.png to ${directory}\n`);
}
