// The app package `npm run package:app` builds: a zip with the filled manifest and the two icons at its
// root, the icons at the sizes Teams requires, the outline icon white on transparent.
import { readFileSync } from "node:fs";
import path from "node:path";

import { ACCENT, drawIcon } from "../../../scripts/make-icons";
import { buildAppPackage } from "../../../scripts/package-app";
import { readPng, readZip, ROOT, SAMPLE_PACKAGE_ENV } from "./support";

const icon = (name: string) => readFileSync(path.join(ROOT, "appPackage", name));

describe("the app package", () => {
  const zip = readZip(buildAppPackage(SAMPLE_PACKAGE_ENV, ROOT));

  it("holds manifest.json, color.png and outline.png at its root, and nothing else", () => {
    expect([...zip.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  });

  it("holds the manifest with every placeholder filled", () => {
    const manifest = zip.get("manifest.json")?.toString("utf8") ?? "";
    expect(manifest).not.toContain("${{");
    expect(JSON.parse(manifest)).toMatchObject({
      id: SAMPLE_PACKAGE_ENV.TEAMS_APP_ID,
      icons: { color: "color.png", outline: "outline.png" },
    });
  });

  it("holds the committed icons unchanged", () => {
    expect(zip.get("color.png")?.equals(icon("color.png"))).toBe(true);
    expect(zip.get("outline.png")?.equals(icon("outline.png"))).toBe(true);
  });

  it("is the same bytes for the same inputs", () => {
    expect(buildAppPackage(SAMPLE_PACKAGE_ENV, ROOT).equals(buildAppPackage(SAMPLE_PACKAGE_ENV, ROOT))).toBe(
      true,
    );
  });
});

describe("the icons", () => {
  it("color.png is a 192×192 RGBA PNG, opaque, on the manifest's accent colour", () => {
    const png = readPng(icon("color.png"));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([192, 192, 8, 6]);
    const alphas = new Set(png.rgba.filter((_, i) => i % 4 === 3));
    expect([...alphas]).toEqual([255]);
    expect([...png.rgba.subarray(0, 3)]).toEqual([...ACCENT.rgb]);
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "appPackage", "manifest.json"), "utf8")) as {
      accentColor: string;
    };
    expect(manifest.accentColor).toBe(ACCENT.hex);
  });

  it("outline.png is a 32×32 RGBA PNG, white on transparent", () => {
    const png = readPng(icon("outline.png"));
    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([32, 32, 8, 6]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
      if (a === 255) opaque++;
    }
    // A glyph and a background both: neither blank nor a filled square.
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
    // Transparent round the edge: the glyph does not touch the border.
    for (let x = 0; x < 32; x++) {
      expect(png.rgba[x * 4 + 3]).toBe(0);
      expect(png.rgba[(31 * 32 + x) * 4 + 3]).toBe(0);
    }
  });

  it("are what scripts/make-icons.ts draws (run `npm run icons` after changing it)", () => {
    for (const kind of ["color", "outline"] as const) {
      const drawn = drawIcon(kind);
      const committed = readPng(icon(`${kind}.png`));
      expect(committed.width).toBe(drawn.size);
      expect(Buffer.from(committed.rgba).equals(Buffer.from(drawn.rgba))).toBe(true);
    }
  });
});
