// Loads a CommonJS script with V8's code cache: the code V8 compiled for it, kept in a file and read back, so
// a cold start does not parse and compile the Functions bundle again (docs/adr/0013). V8 checks only that a
// cache was made from text of the same length, and given one made from other text runs the old code; so a
// cache is named by the SHA-256 of the script's text and the V8 version and CPU it was made for, and is
// only ever read back for the same code. A cache V8 will not take (other V8 flags) costs nothing: the
// script is compiled as without one. Only Node's own modules are used here: this file is loaded first.
import { isAscii } from "node:buffer";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from "node:fs";
import { createRequire, wrap } from "node:module";
import path from "node:path";
import { Script } from "node:vm";

/** What became of the cache: V8 took it, V8 refused it, or there was none for this script. */
export type CodeCacheUse = "taken" | "refused" | "none";

export interface LoadedScript {
  /** The script's `module.exports`. */
  readonly exports: unknown;
  readonly cache: CodeCacheUse;
  /**
   * Writes the code compiled so far (the script's top level and every function that has run since) into
   * `folder`, as this script's cache, and returns the file. Written under another name first and then
   * renamed, so a worker starting meanwhile reads a whole cache or none. Anyone may read it, as anyone may
   * read the script; only this user may write it.
   */
  keep(folder: string): string;
}

/**
 * A cache is code this process will run, so it is read only from where no one could put it who could not
 * also change the script: a folder beside the script (the build's), or a folder and file owned by this
 * process's user (or the administrator) that neither its group nor others may write. A shared temp folder,
 * where anyone may leave a file under the name a cache would have, is not enough.
 */
function isTrusted(cacheFile: string, script: string): boolean {
  const file = statOf(cacheFile);
  if (file?.isFile() !== true) return false;
  const folder = path.dirname(cacheFile);
  if (path.dirname(folder) === path.dirname(script)) return true;
  const owner = process.getuid?.();
  const safe = (stats: Stats | undefined) =>
    stats !== undefined &&
    (stats.mode & 0o022) === 0 &&
    (owner === undefined || stats.uid === owner || stats.uid === 0);
  return safe(file) && safe(statOf(folder));
}

/** The first cache named `name` in the folders that can be trusted and read, in their order. */
function firstCache(folders: readonly string[], name: string, script: string): Buffer | undefined {
  for (const folder of folders) {
    const candidate = path.join(folder, name);
    if (!isTrusted(candidate, script)) continue;
    try {
      return readFileSync(candidate);
    } catch {
      // Gone or unreadable since: the next folder, or none.
    }
  }
  return undefined;
}

/** What the file system says of a path, or undefined where there is nothing there it can read. */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The file a cache of this script's text has in a folder. */
export function cacheFileName(text: Buffer): string {
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 32);
  return `${digest}-v8-${process.versions.v8}-${process.arch}.cache`;
}

/**
 * Runs the CommonJS script `file` as Node would load it (its own `require`, `module`, `exports`, `__filename`
 * and `__dirname`), with the first cache of it found in `folders`, in that order.
 */
export function loadWithCodeCache(file: string, folders: readonly string[]): LoadedScript {
  const text = readFileSync(file);
  const name = cacheFileName(text);
  const cachedData = firstCache(folders, name, file);
  const script = new Script(wrap(decoded(text)), {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const cache: CodeCacheUse =
    cachedData === undefined ? "none" : script.cachedDataRejected ? "refused" : "taken";
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: { exports: unknown },
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    keep(folder) {
      mkdirSync(folder, { recursive: true, mode: 0o755 });
      const target = path.join(folder, name);
      const partial = `${target}.${randomUUID()}.partial`;
      try {
        writeFileSync(partial, script.createCachedData(), { mode: 0o644 });
        renameSync(partial, target);
      } finally {
        rmSync(partial, { force: true });
      }
      return target;
    },
  };
}

/**
 * The script's text as a string. Text that is all ASCII (the bundle's) is read byte for byte, several times
 * faster than decoding it as UTF-8, which gives the same string.
 */
function decoded(text: Buffer): string {
  return isAscii(text) ? text.toString("latin1") : text.toString("utf8");
}

export interface KeptCacheOptions {
  /** Folders with caches made elsewhere (the build's). */
  readonly readFrom: readonly string[];
  /**
   * Where this process keeps a cache when none was taken, for the next process. Looked in first: a cache is
   * kept there only when the others were missing or refused, and it was made by this Node with its flags.
   */
  readonly keepIn: string;
  /** How long after loading to keep it, so that the code of the first requests is in it too. */
  readonly keepAfterMs: number;
}

/**
 * Loads the script with the first cache of it V8 takes; with none taken, keeps one in `keepIn` a while
 * later. A cache is only ever a saving: failing to keep one changes nothing else.
 */
export function loadKeepingCache(file: string, options: KeptCacheOptions): LoadedScript {
  const loaded = loadWithCodeCache(file, [options.keepIn, ...options.readFrom]);
  if (loaded.cache !== "taken") {
    setTimeout(() => {
      try {
        loaded.keep(options.keepIn);
      } catch {
        // With no cache kept, the next process compiles the script as this one did.
      }
    }, options.keepAfterMs).unref();
  }
  return loaded;
}
