// An in-memory EscalationStore with ETags, behaving as the Cosmos DB one does for the use cases.
import { summarise, toDocument } from "../../src/adapters/cosmos/escalation-document";
import type { Instant } from "../../src/domain/calendar";
import type { Escalation } from "../../src/domain/escalation";
import {
  AlreadyExists,
  ConcurrencyConflict,
  type EscalationStore,
  type EscalationSummary,
  type Stored,
} from "../../src/domain/ports";

export class MemoryEscalationStore implements EscalationStore {
  private readonly records = new Map<string, { json: string; etag: string }>();
  private counter = 0;
  writes = 0;

  get(id: string): Promise<Stored<Escalation> | undefined> {
    const record = this.records.get(id);
    return Promise.resolve(
      record ? { value: JSON.parse(record.json) as Escalation, etag: record.etag } : undefined,
    );
  }

  create(escalation: Escalation): Promise<Stored<Escalation>> {
    if (this.records.has(escalation.id)) return Promise.reject(new AlreadyExists(escalation.id));
    return Promise.resolve(this.put(escalation));
  }

  replace(escalation: Escalation, etag: string): Promise<Stored<Escalation>> {
    const record = this.records.get(escalation.id);
    if (!record || record.etag !== etag) return Promise.reject(new ConcurrencyConflict(escalation.id));
    return Promise.resolve(this.put(escalation));
  }

  waitingOn(personId: string): Promise<EscalationSummary[]> {
    return Promise.resolve(
      this.all()
        .filter((e) => toDocument(e).waitingOn.includes(personId))
        .map(summarise)
        .sort((a, b) => a.due.localeCompare(b.due)),
    );
  }

  openIn(teams: readonly string[] | "all"): Promise<EscalationSummary[]> {
    return Promise.resolve(
      this.all()
        .filter((e) => e.status === "open" && (teams === "all" || teams.includes(e.team.id)))
        .map(summarise)
        .sort((a, b) => a.due.localeCompare(b.due)),
    );
  }

  raisedBy(iroId: string): Promise<EscalationSummary[]> {
    return Promise.resolve(
      this.all()
        .filter((e) => e.iro.id === iroId)
        .map(summarise),
    );
  }

  due(now: Instant, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter((e) => e.nextActionAt !== null && e.nextActionAt <= now)
        .sort((a, b) => (a.nextActionAt ?? "").localeCompare(b.nextActionAt ?? ""))
        .slice(0, limit)
        .map((e) => e.id),
    );
  }

  idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .map((e) => e.id)
        .filter((id) => id.startsWith(prefix))
        .slice(0, limit),
    );
  }

  withPendingMessages(limit: number): Promise<string[]> {
    return Promise.resolve(
      this.all()
        .filter((e) => e.outbox.some((m) => m.status === "pending"))
        .slice(0, limit)
        .map((e) => e.id),
    );
  }

  async *openDuring(from: Instant, to: Instant): AsyncIterable<Escalation> {
    for (const e of this.all()) {
      const concluded = e.conclusion?.at ?? null;
      if (e.raisedAt < to && (concluded === null || concluded >= from)) yield await Promise.resolve(e);
    }
  }

  /** Every stored escalation, as stored. */
  all(): Escalation[] {
    return [...this.records.values()].map((r) => JSON.parse(r.json) as Escalation);
  }

  private put(escalation: Escalation): Stored<Escalation> {
    this.writes += 1;
    const etag = `"${++this.counter}"`;
    const json = JSON.stringify(escalation);
    this.records.set(escalation.id, { json, etag });
    return { value: JSON.parse(json) as Escalation, etag };
  }
}
