// The embedded Cosmos server's query engine (@zeit/cosmosdb-query, under @zeit/cosmosdb-server) compiles
// `FROM c` into `$c.reduce(($, c) => typeof c !== "undefined" ? [...$, { c: c }] : $, [])`, which copies the
// growing array once per document: one query over n documents costs O(n²) (0.2–0.6 s at 10,000 documents,
// 4 s at 20,000, minutes at 100,000). This swaps that one expression for its linear equivalent, same
// documents in the same order, so a store of 100,000 can be measured at all. The server still reads every
// document on every query: it has no index, unlike Cosmos DB.
import { createRequire } from "node:module";

import { QUERIES } from "../../src/adapters/cosmos/cosmos-escalation-store";

type Execute = (collection: unknown, options: { readonly code: string }) => unknown;

const QUADRATIC =
  /\$c\.reduce\(\(\$, (\w+)\) => typeof \1 !== "undefined" \? \[\.\.\.\$, \{\s*(\w+): \1\s*\}\] : \$, \[\]\)/g;

let linear = false;
let installed = false;

function engine(): { executor: { default: Execute }; compile: (sql: string) => { code: string } } {
  const load = createRequire(require.resolve("@zeit/cosmosdb-server"));
  return {
    executor: load("@zeit/cosmosdb-query/lib/executor") as { default: Execute },
    compile: (load("@zeit/cosmosdb-query") as { default: (sql: string) => { code: string } }).default,
  };
}

/**
 * Turns the linear form on or off for this process's embedded server. Returns false, and changes nothing,
 * when the engine does not compile the escalation store's queries to the quadratic form (another version).
 */
export function useLinearQueries(on: boolean): boolean {
  const { executor, compile } = engine();
  const applies = Object.values(QUERIES).every((sql) => new RegExp(QUADRATIC.source).test(compile(sql).code));
  if (!applies) return false;
  if (!installed) {
    const original = executor.default;
    const rewritten = new Map<string, string>();
    executor.default = (collection, options) => {
      if (!linear) return original(collection, options);
      let code = rewritten.get(options.code);
      if (code === undefined) {
        code = options.code.replace(
          QUADRATIC,
          '$c.filter(($1) => typeof $1 !== "undefined").map(($1) => ({ $2: $1 }))',
        );
        rewritten.set(options.code, code);
      }
      return original(collection, { ...options, code });
    };
    installed = true;
  }
  linear = on;
  return true;
}
