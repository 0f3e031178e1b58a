// The part of fontkit (the font engine pdfkit is built on, which ships no types) the record uses: a font
// parsed once, which pdfkit takes in place of a file.
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
