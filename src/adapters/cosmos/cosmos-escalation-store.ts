// The escalation store on Cosmos DB for NoSQL: one document per escalation in its own partition, every
// change an ETag-guarded replace, and the product's lists served by indexed top-level fields.
import type { Container, FeedOptions, SqlQuerySpec } from "@azure/cosmos";

import type { Instant } from "../../domain/calendar";
import type { Escalation } from "../../domain/escalation";
import { errorName } from "../../domain/log-fields";
import {
  AlreadyExists,
  ConcurrencyConflict,
  type EscalationStore,
  type EscalationSummary,
  type Logger,
  type Stored,
} from "../../domain/ports";
import { fromDocument, toDocument } from "./escalation-document";
import { DEFAULT_RETRY, networkReasonOf, type RetryPolicy, statusOf, withRetries } from "./retry";

/** Every query the store makes. Each filters only on fields the container indexes (see containers.ts). */
export const QUERIES = {
  waitingOn:
    "SELECT c.id, c.summary FROM c WHERE c.type = 'escalation' AND c.status = 'open' AND ARRAY_CONTAINS(c.waitingOn, @person)",
  raisedBy: "SELECT c.id, c.summary FROM c WHERE c.type = 'escalation' AND c.iroId = @iro",
  openInAll: "SELECT c.id, c.summary FROM c WHERE c.type = 'escalation' AND c.status = 'open'",
  openIn:
    "SELECT c.id, c.summary FROM c WHERE c.type = 'escalation' AND c.status = 'open' AND ARRAY_CONTAINS(@teams, c.teamId)",
  due: "SELECT VALUE c.id FROM c WHERE c.type = 'escalation' AND c.nextActionAt <= @now ORDER BY c.nextActionAt",
  idsStartingWith: "SELECT VALUE c.id FROM c WHERE c.type = 'escalation' AND STARTSWITH(c.id, @prefix)",
  withPendingMessages: "SELECT VALUE c.id FROM c WHERE c.type = 'escalation' AND c.pendingMessages > 0",
  openDuring:
    "SELECT * FROM c WHERE c.type = 'escalation' AND c.raisedAt < @to AND (IS_NULL(c.concludedAt) OR c.concludedAt >= @from)",
} as const;

export class CosmosEscalationStore implements EscalationStore {
  constructor(
    private readonly container: Container,
    private readonly logger: Logger,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** Results per page; the answers do not depend on it. */
    private readonly pageSize = 1000,
  ) {}

  async get(id: string): Promise<Stored<Escalation> | undefined> {
    const response = await this.run("read", () =>
      this.container.item(id, id).read<Record<string, unknown>>(),
    );
    if (response.statusCode === 404 || !response.resource) return undefined;
    return { value: fromDocument(response.resource), etag: response.etag };
  }

  async create(escalation: Escalation): Promise<Stored<Escalation>> {
    try {
      const response = await this.run("create", () => this.container.items.create(toDocument(escalation)));
      return { value: escalation, etag: etagOf(response.etag, escalation.id) };
    } catch (error) {
      if (statusOf(error) === 409) throw new AlreadyExists(escalation.id);
      throw error;
    }
  }

  async replace(escalation: Escalation, etag: string): Promise<Stored<Escalation>> {
    try {
      const response = await this.run("replace", () =>
        this.container
          .item(escalation.id, escalation.id)
          .replace(toDocument(escalation), { accessCondition: { type: "IfMatch", condition: etag } }),
      );
      return { value: escalation, etag: etagOf(response.etag, escalation.id) };
    } catch (error) {
      if (statusOf(error) === 412) throw new ConcurrencyConflict(escalation.id);
      throw error;
    }
  }

  async waitingOn(personId: string): Promise<EscalationSummary[]> {
    const rows = await this.all<SummaryRow>("waitingOn", {
      query: QUERIES.waitingOn,
      parameters: [{ name: "@person", value: personId }],
    });
    return this.summaries(rows).sort((a, b) => a.due.localeCompare(b.due));
  }

  async openIn(teams: readonly string[] | "all"): Promise<EscalationSummary[]> {
    if (teams !== "all" && teams.length === 0) return [];
    const rows =
      teams === "all"
        ? await this.all<SummaryRow>("openInAll", { query: QUERIES.openInAll })
        : await this.all<SummaryRow>("openIn", {
            query: QUERIES.openIn,
            parameters: [{ name: "@teams", value: [...teams] }],
          });
    return this.summaries(rows).sort((a, b) => a.due.localeCompare(b.due));
  }

  async raisedBy(iroId: string): Promise<EscalationSummary[]> {
    const rows = await this.all<SummaryRow>("raisedBy", {
      query: QUERIES.raisedBy,
      parameters: [{ name: "@iro", value: iroId }],
    });
    const list = this.summaries(rows);
    const rank = (s: EscalationSummary) => (s.status === "open" ? 0 : 1);
    return list.sort((a, b) => rank(a) - rank(b) || b.raisedAt.localeCompare(a.raisedAt));
  }

  /** The summaries this code can read; any other is left out and logged by id. */
  private summaries(rows: readonly SummaryRow[]): EscalationSummary[] {
    const found: EscalationSummary[] = [];
    for (const row of rows) {
      if (isSummary(row.summary)) found.push(row.summary);
      else
        this.logger.error("unreadable escalation left out", {
          escalationId: String(row.id),
          error: "summary",
        });
    }
    return found;
  }

  async due(now: Instant, limit: number): Promise<string[]> {
    return this.all<string>(
      "due",
      {
        query: QUERIES.due,
        parameters: [{ name: "@now", value: now }],
      },
      limit,
    );
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    return this.all<string>(
      "idsStartingWith",
      { query: QUERIES.idsStartingWith, parameters: [{ name: "@prefix", value: prefix }] },
      limit,
    );
  }

  async withPendingMessages(limit: number): Promise<string[]> {
    return this.all<string>("withPendingMessages", { query: QUERIES.withPendingMessages }, limit);
  }

  async *openDuring(
    from: Instant,
    to: Instant,
    unreadable?: (id: string) => void,
  ): AsyncIterable<Escalation> {
    const iterator = this.container.items.query<Record<string, unknown>>(
      {
        query: QUERIES.openDuring,
        parameters: [
          { name: "@from", value: from },
          { name: "@to", value: to },
        ],
      },
      { maxItemCount: this.pageSize },
    );
    let charge = 0;
    let count = 0;
    while (iterator.hasMoreResults()) {
      const page = await iterator.fetchNext();
      charge += page.requestCharge;
      for (const document of page.resources) {
        count += 1;
        const escalation = readable(document, this.logger);
        if (escalation) yield escalation;
        else unreadable?.(String(document["id"]));
      }
    }
    this.logger.info("cosmos query", { query: "openDuring", count, requestCharge: charge });
  }

  /** Reads every page of a query (or up to `limit` results), logging the request charge. A fault restarts the query. */
  private async all<T>(name: string, spec: SqlQuerySpec, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
    const options: FeedOptions = { maxItemCount: Math.min(limit, this.pageSize) };
    const { results, pages, charge } = await this.run(name, async () => {
      const iterator = this.container.items.query<T>(spec, options);
      const read: T[] = [];
      let pageCount = 0;
      let requestCharge = 0;
      while (read.length < limit && iterator.hasMoreResults()) {
        const page = await iterator.fetchNext();
        pageCount += 1;
        requestCharge += page.requestCharge;
        read.push(...page.resources);
      }
      return { results: read.slice(0, limit), pages: pageCount, charge: requestCharge };
    });
    this.logger.info("cosmos query", { query: name, count: results.length, pages, requestCharge: charge });
    return results;
  }

  private run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return withRetries(call, this.retry, (attempt, error) => {
      this.logger.warn("cosmos retry", {
        operation,
        attempt,
        status: statusOf(error) ?? null,
        reason: networkReasonOf(error) ?? null,
      });
    });
  }
}

function etagOf(etag: string | undefined, id: string): string {
  if (etag === undefined) throw new Error(`Cosmos DB returned no ETag for escalation ${id}`);
  return etag;
}

/** The record in a document, or undefined (logged with its id) when this version of the code cannot read it. */
function readable(document: Record<string, unknown>, logger: Logger): Escalation | undefined {
  try {
    return fromDocument(document);
  } catch (error) {
    logger.error("unreadable escalation left out", {
      escalationId: String(document["id"]),
      error: errorName(error),
    });
    return undefined;
  }
}

interface SummaryRow {
  readonly id: unknown;
  readonly summary?: unknown;
}

const SUMMARY_TEXT = [
  "id",
  "policyId",
  "status",
  "caseId",
  "teamId",
  "iroId",
  "stageId",
  "stageName",
  "assigneeId",
  "due",
  "raisedAt",
] as const;

function isSummary(value: unknown): value is EscalationSummary {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return SUMMARY_TEXT.every((key) => typeof v[key] === "string") && typeof v["answered"] === "boolean";
}
