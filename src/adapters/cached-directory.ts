// The council's directory, read from the store at most once per time-to-live, with one load in flight.
import type { DirectorySource } from "../application/services";
import { DirectoryIndex } from "../domain/directory";
import type { DirectoryStore } from "../domain/ports";

export function cachedDirectory(store: DirectoryStore, ttlMs: number): DirectorySource {
  let cached: { index: DirectoryIndex; at: number } | undefined;
  let loading: Promise<DirectoryIndex> | undefined;
  return {
    current: () => {
      if (cached && Date.now() - cached.at < ttlMs) return Promise.resolve(cached.index);
      loading ??= store
        .load()
        .then((data) => {
          cached = { index: new DirectoryIndex(data), at: Date.now() };
          return cached.index;
        })
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
  };
}
