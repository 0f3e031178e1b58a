// The part of fontkit (the font engine pdfkit is built on, which ships no types) the record uses: a font
// parsed once, which pdfkit takes in place of a file, its shaping of a text into positioned glyphs, and the
// subset of it a document embeds, which pdfkit makes when it sets the font up for a document.
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
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
    createSubset(): object;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
