// How the build lays out the Functions entry in dist/, for the build that writes it and the entry that reads it.

/** The package's main, which the Functions host loads: it loads the bundle with its code cache. */
export const FUNCTIONS_MAIN = "functions.js";
/** functions.ts and everything it imports but the packages left to node_modules, in one file. */
export const FUNCTIONS_BUNDLE = "functions.bundle.js";
/** The code cache the build made of the bundle, for the Node that ran the build. */
export const BUILD_CACHE_FOLDER = "functions.bundle.cache";
