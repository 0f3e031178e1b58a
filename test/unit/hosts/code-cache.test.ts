// A script loaded with V8's code cache behaves as Node would load it, and a cache is only ever read back for
// the text it was made from.
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

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "code-cache-"));
  caches = path.join(dir, "caches");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A script whose answer is `value`, with a function that runs only when called. */
function script(name: string, value: string): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    `const sibling = require("./sibling.js");
     exports.where = { file: __filename, dir: __dirname, sibling };
     exports.answer = function answer() { return ${JSON.stringify(value)}; };`,
  );
  return file;
}

describe("loading a script with its code cache", () => {
  beforeEach(() => writeFileSync(path.join(dir, "sibling.js"), "module.exports = 'beside';"));

  it("runs the script as Node loads a module: its own require, __filename and __dirname", () => {
    const file = script("entry.js", "first");
    const loaded = loadWithCodeCache(file, [caches]);
    expect(loaded.cache).toBe("none");
    const exports = loaded.exports as { where: unknown; answer(): string };
    expect(exports.where).toEqual({ file, dir, sibling: "beside" });
    expect(exports.answer()).toBe("first");
  });

  it("keeps a cache that V8 takes the next time the same script is loaded", () => {
    const file = script("entry.js", "first");
    const first = loadWithCodeCache(file, [caches]);
    (first.exports as { answer(): string }).answer();
    const kept = first.keep(caches);
    expect(readdirSync(caches)).toEqual([path.basename(kept)]);

    const again = loadWithCodeCache(file, [path.join(dir, "elsewhere"), caches]);
    expect(again.cache).toBe("taken");
    expect((again.exports as { answer(): string }).answer()).toBe("first");
  });

  // V8 itself checks only the text's length: given a cache of other text as long, it runs the old code.
  it("never reads back a cache for other text, even of the same length", () => {
    const file = script("entry.js", "first");
    const first = loadWithCodeCache(file, [caches]);
    (first.exports as { answer(): string }).answer();
    first.keep(caches);
    script("entry.js", "other");
    const changed = loadWithCodeCache(file, [caches]);
    expect(changed.cache).toBe("none");
    expect((changed.exports as { answer(): string }).answer()).toBe("other");
  });

  it("compiles the script as usual when V8 refuses the cache", () => {
    const file = script("entry.js", "first");
    const name = cacheFileName(readFileSync(file));
    mkdirSync(caches);
    writeFileSync(path.join(caches, name), Buffer.from("not a code cache"));
    const loaded = loadWithCodeCache(file, [caches]);
    expect(loaded.cache).toBe("refused");
    expect((loaded.exports as { answer(): string }).answer()).toBe("first");
  });
});

describe("a cache kept away from the script, in a folder such as the temp folder", () => {
  beforeEach(() => writeFileSync(path.join(dir, "sibling.js"), "module.exports = 'beside';"));

  it("is read only while neither the folder nor the file may be written by anyone else", () => {
    const file = script("entry.js", "first");
    const elsewhere = path.join(dir, "temp", "code-cache");
    const kept = loadWithCodeCache(file, []).keep(elsewhere);
    expect(loadWithCodeCache(file, [elsewhere]).cache).toBe("taken");

    chmodSync(elsewhere, 0o777);
    expect(loadWithCodeCache(file, [elsewhere]).cache).toBe("none");
    chmodSync(elsewhere, 0o700);
    chmodSync(kept, 0o666);
    const loaded = loadWithCodeCache(file, [elsewhere]);
    expect(loaded.cache).toBe("none");
    expect((loaded.exports as { answer(): string }).answer()).toBe("first");
  });
});

describe("a process that found no cache it could take", () => {
  beforeEach(() => {
    writeFileSync(path.join(dir, "sibling.js"), "module.exports = 'beside';");
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  const options = () => ({ readFrom: [path.join(dir, "build")], keepIn: caches, keepAfterMs: 60_000 });

  it("keeps one a while after loading, which the next process takes", () => {
    const file = script("entry.js", "first");
    expect(loadKeepingCache(file, options()).cache).toBe("none");
    jest.advanceTimersByTime(59_000);
    expect(existsSync(caches)).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(readdirSync(caches)).toHaveLength(1);

    expect(loadKeepingCache(file, options()).cache).toBe("taken");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("takes the build's cache first, and then keeps none", () => {
    const file = script("entry.js", "first");
    loadWithCodeCache(file, []).keep(path.join(dir, "build"));
    expect(loadKeepingCache(file, options()).cache).toBe("taken");
    expect(jest.getTimerCount()).toBe(0);
  });

  it("carries on when the cache cannot be kept", () => {
    const file = script("entry.js", "first");
    writeFileSync(caches, "a file where the folder would be");
    const loaded = loadKeepingCache(file, options());
    expect(() => jest.advanceTimersByTime(60_000)).not.toThrow();
    expect((loaded.exports as { answer(): string }).answer()).toBe("first");
  });
});
