// The part of fontkit (the font engine pdfkit is built on, which ships no types) the record uses: a font
// parsed once, which pdfkit takes in place of a file, its shaping of a text into positioned glyphs, and the
// subset of it a document embeds, which pdfkit makes when it sets the font up for a document, and which reads
// each glyph it takes through the font's getGlyph and the glyph's _decode (its outline).
declare module "fontkit" {
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    readonly glyphs: readonly object[];
    positions: GlyphPosition[];
  }
  export interface Glyph {
    /** The glyph's outline as the font holds it, read afresh at each call; null for a glyph with none. */
    _decode(): unknown;
  }
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
    createSubset(): object;
    getGlyph(id: number, codePoints?: number[]): Glyph | null;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
