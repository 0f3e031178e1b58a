// What the Functions host loads (the package's main, built to dist/functions.js): the bundle of the Functions
// entry (functions.ts and all it imports, dist/functions.bundle.js) with the code cache the build made beside
// it. Where the build's Node is not the Function App's, V8 refuses that cache; then the worker compiles the
// bundle as usual and, once it has answered for a while, keeps a cache in the temp folder for the next
// worker on the same instance (docs/adr/0013).
import os from "node:os";
import path from "node:path";

import { loadWithCodeCache } from "./code-cache";
import { BUILD_CACHE_FOLDER, FUNCTIONS_BUNDLE } from "./functions-bundle";

/** Long enough for the first requests to have run, so their code is in the cache too. */
const KEEP_AFTER_MS = 60_000;

const here = __dirname;
const runtimeFolder = path.join(os.tmpdir(), "escalation-bot-code-cache");
const loaded = loadWithCodeCache(path.join(here, FUNCTIONS_BUNDLE), [
  path.join(here, BUILD_CACHE_FOLDER),
  runtimeFolder,
]);
if (loaded.cache !== "taken") {
  setTimeout(() => {
    try {
      loaded.keep(runtimeFolder);
    } catch {
      // A cache is only ever a saving: with none, the next worker compiles the bundle as this one did.
    }
  }, KEEP_AFTER_MS).unref();
}

export = loaded.exports;
