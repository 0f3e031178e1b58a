// The council's directory on Cosmos DB: one document per person, per team and per partner agency, and one
// for the council's roles, partitioned by kind. An import makes the stored directory exactly the file's content.
import type { Container } from "@azure/cosmos";

import {
  type Agency,
  type DirectoryData,
  directorySchema,
  type Person,
  type Team,
} from "../../domain/directory";
import type { DirectoryStore, Logger } from "../../domain/ports";
import { DEFAULT_RETRY, type RetryPolicy, statusOf, withRetries } from "./retry";

type Kind = "person" | "team" | "agency" | "council";

interface DirectoryDocument {
  readonly id: string;
  readonly kind: Kind;
  readonly value: Person | Team | Agency | DirectoryData["council"];
  /** An agency's place in the file. */
  readonly order?: number;
}

const COUNCIL_ID = "council";

export class CosmosDirectoryStore implements DirectoryStore {
  constructor(
    private readonly container: Container,
    private readonly logger: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async load(): Promise<DirectoryData> {
    const documents = await this.readAll();
    const people: unknown[] = [];
    const teams: unknown[] = [];
    const agencies: { order: number; value: unknown }[] = [];
    let council: unknown = {};
    for (const document of documents) {
      if (document.kind === "person") people.push(document.value);
      else if (document.kind === "team") teams.push(document.value);
      else if (document.kind === "agency")
        agencies.push({ order: document.order ?? 0, value: document.value });
      else council = document.value;
    }
    // By id, in code-unit order: the same order every load, without a collator to set up for ids.
    const sortById = (a: unknown, b: unknown) => {
      const [x, y] = [idOf(a), idOf(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    return directorySchema.parse({
      people: people.sort(sortById),
      teams: teams.sort(sortById),
      // The agencies keep the file's order: the raise form offers them so.
      agencies: agencies.sort((a, b) => a.order - b.order).map((a) => a.value),
      council,
    });
  }

  async replaceAll(data: DirectoryData) {
    const existing = new Map((await this.readAll()).map((d) => [`${d.kind}:${d.id}`, d]));
    const wanted: DirectoryDocument[] = [
      ...data.people.map((p) => ({ id: p.id, kind: "person" as const, value: p })),
      ...data.teams.map((t) => ({ id: t.id, kind: "team" as const, value: t })),
      ...data.agencies.map((a, order) => ({ id: a.id, kind: "agency" as const, value: a, order })),
      { id: COUNCIL_ID, kind: "council" as const, value: data.council },
    ];
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    for (const document of wanted) {
      const key = `${document.kind}:${document.id}`;
      const before = existing.get(key);
      existing.delete(key);
      if (before && JSON.stringify(before.value) === JSON.stringify(document.value)) {
        unchanged += 1;
        continue;
      }
      await withRetries(() => this.container.items.upsert(document), this.retry);
      if (before) updated += 1;
      else added += 1;
    }
    for (const stale of existing.values()) {
      // A removal retried after its answer was lost finds the document gone: that is the outcome wanted.
      await withRetries(
        () =>
          this.container
            .item(stale.id, stale.kind)
            .delete()
            .catch((error: unknown) => {
              if (statusOf(error) !== 404) throw error;
            }),
        this.retry,
      );
    }
    const summary = { added, updated, removed: existing.size, unchanged };
    this.logger.info("directory imported", summary);
    return summary;
  }

  /**
   * Every document, in pages as large as Cosmos DB gives (up to 4 MB each). A query that names no page size
   * gets 100 items a page: a council of 5,000 people took 55 round trips at every load.
   */
  private async readAll(): Promise<DirectoryDocument[]> {
    return withRetries(async () => {
      const { resources } = await this.container.items
        .query<DirectoryDocument>('SELECT c.id, c.kind, c["value"], c["order"] FROM c', { maxItemCount: -1 })
        .fetchAll();
      return resources;
    }, this.retry);
  }
}

function idOf(value: unknown): string {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string"
    ? (value as { id: string }).id
    : "";
}
