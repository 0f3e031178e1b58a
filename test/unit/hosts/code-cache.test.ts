// A script loaded with V8's code cache behaves as Node would load it, and a cache is only ever read back for
// the text it was made from. V8 also keeps what it compiled in the process, for a script of the same name
// and text; so each load here is of a copy of its own, in a folder of its own, as a new worker would meet
// the script, and only a cache read from a file can make it "taken".
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { cacheFileName, loadKeepingCache, loadWithCodeCache } from "../../../src/hosts/code-cache";

let dir: string;
let caches: string;
let copies = 0;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "code-cache-"));
  caches = path.join(dir, "caches");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A fresh copy of the script whose answer is `value` (with a function that runs only when called), beside
 * a module it requires; the same value gives the same text.
 */
function script(value: string): string {
  const folder = path.join(dir, `copy-${++copies}`);
  mkdirSync(folder);
  writeFileSync(path.join(folder, "sibling.js"), "module.exports = 'beside';");
  const file = path.join(folder, "entry.js");
  writeFileSync(
    file,
    `const sibling = require("./sibling.js");
     exports.where = { file: __filename, dir: __dirname, sibling };
     exports.answer = function answer() { return ${JSON.stringify(value)}; };`,
  );
  return file;
}

const answerOf = (loaded: { exports: unknown }) => (loaded.exports as { answer(): string }).answer();

describe("loading a script with its code cache", () => {
  it("runs the script as Node loads a module: its own require, __filename and __dirname", () => {
    const file = script("first");
    const loaded = loadWithCodeCache(file, [caches]);
    expect(loaded.cache).toBe("none");
    expect((loaded.exports as { where: unknown }).where).toEqual({
      file,
      dir: path.dirname(file),
      sibling: "beside",
    });
    expect(answerOf(loaded)).toBe("first");
  });

  it("reads text that is not all ASCII as UTF-8, with or without a cache", () => {
    const words = "Café\u2019s “review” \u{1F4C4}";
    const first = loadWithCodeCache(script(words), [caches]);
    expect(answerOf(first)).toBe(words);
    first.keep(caches);
    const again = loadWithCodeCache(script(words), [caches]);
    expect(again.cache).toBe("taken");
    expect(answerOf(again)).toBe(words);
  });

  it("keeps a cache that V8 takes the next time the same script is loaded", () => {
    const first = loadWithCodeCache(script("first"), [caches]);
    answerOf(first);
    const kept = first.keep(caches);
    expect(readdirSync(caches)).toEqual([path.basename(kept)]);

    const again = loadWithCodeCache(script("first"), [path.join(dir, "elsewhere"), caches]);
    expect(again.cache).toBe("taken");
    expect(answerOf(again)).toBe("first");
  });

  // V8 itself checks only the text's length: given a cache of other text as long, it runs the old code.
  it("never reads back a cache for other text, even of the same length", () => {
    const first = loadWithCodeCache(script("first"), [caches]);
    answerOf(first);
    first.keep(caches);
    // "first" and "other": two texts of the same length.
    const changed = loadWithCodeCache(script("other"), [caches]);
    expect(changed.cache).toBe("none");
    expect(answerOf(changed)).toBe("other");
  });

  it("compiles the script as usual when V8 refuses the cache", () => {
    const file = script("first");
    mkdirSync(caches);
    writeFileSync(path.join(caches, cacheFileName(readFileSync(file))), Buffer.from("not a code cache"));
    const loaded = loadWithCodeCache(file, [caches]);
    expect(loaded.cache).toBe("refused");
    expect(answerOf(loaded)).toBe("first");
  });
});

describe("a cache kept away from the script, in a folder such as the temp folder", () => {
  it("is read only while neither the folder nor the file may be written by anyone else", () => {
    const elsewhere = path.join(dir, "temp", "code-cache");
    const kept = loadWithCodeCache(script("first"), []).keep(elsewhere);
    expect(loadWithCodeCache(script("first"), [elsewhere]).cache).toBe("taken");

    chmodSync(elsewhere, 0o777);
    expect(loadWithCodeCache(script("first"), [elsewhere]).cache).toBe("none");
    chmodSync(elsewhere, 0o755);
    chmodSync(kept, 0o666);
    const loaded = loadWithCodeCache(script("first"), [elsewhere]);
    expect(loaded.cache).toBe("none");
    expect(answerOf(loaded)).toBe("first");
  });
});

describe("a process that found no cache it could take", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const build = () => path.join(dir, "build");
  const options = () => ({ readFrom: [build()], keepIn: caches, keepAfterMs: 60_000 });

  it("keeps one a while after loading, which the next process takes", () => {
    expect(loadKeepingCache(script("first"), options()).cache).toBe("none");
    jest.advanceTimersByTime(59_000);
    expect(existsSync(caches)).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(readdirSync(caches)).toHaveLength(1);

    const next = loadKeepingCache(script("first"), options());
    expect(next.cache).toBe("taken");
    expect(answerOf(next)).toBe("first");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("takes the build's cache, and then keeps none", () => {
    loadWithCodeCache(script("first"), []).keep(build());
    expect(loadKeepingCache(script("first"), options()).cache).toBe("taken");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("takes the one it kept before a build's cache that V8 refuses", () => {
    const file = script("first");
    mkdirSync(build());
    writeFileSync(path.join(build(), cacheFileName(readFileSync(file))), Buffer.from("made by another Node"));
    expect(loadKeepingCache(file, options()).cache).toBe("refused");
    jest.advanceTimersByTime(60_000);

    const next = loadKeepingCache(script("first"), options());
    expect(next.cache).toBe("taken");
    expect(answerOf(next)).toBe("first");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("carries on when the cache cannot be kept", () => {
    writeFileSync(caches, "a file where the folder would be");
    const loaded = loadKeepingCache(script("first"), options());
    expect(() => jest.advanceTimersByTime(60_000)).not.toThrow();
    expect(answerOf(loaded)).toBe("first");
  });
});
