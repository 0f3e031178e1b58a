// What the Functions host loads (the package's main, built to dist/functions.js): the bundle of the Functions
// entry (functions.ts and all it imports, dist/functions.bundle.js) with the code cache the build made beside
// it. Where the build's Node is not the Function App's, that cache does not serve (a cache is named for the V8
// that made it, and V8 refuses one made with other flags); then the worker compiles the bundle as usual and,
// once it has answered for a while, keeps a cache in the temp folder for the next worker on the same
// instance (docs/adr/0013).
import os from "node:os";
import path from "node:path";

import { loadKeepingCache } from "./code-cache";
import { BUILD_CACHE_FOLDER, FUNCTIONS_BUNDLE } from "./functions-bundle";

const loaded = loadKeepingCache(path.join(__dirname, FUNCTIONS_BUNDLE), {
  readFrom: [path.join(__dirname, BUILD_CACHE_FOLDER)],
  keepIn: path.join(os.tmpdir(), "escalation-bot-code-cache"),
  // Long enough for the first requests to have run, so that their code is in the cache too.
  keepAfterMs: 60_000,
});

export = loaded.exports;
