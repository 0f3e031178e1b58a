// The ports: what the application needs from the outside world, named by what they are, not by the
// technology behind them. Adapters implement them (Cosmos DB, Teams, the clock); tests use fakes.
import type { Instant, LocalDate } from "./calendar";
import type { DirectoryData } from "./directory";
import type { Escalation, EscalationStatus } from "./escalation";

export interface Clock {
  now(): Instant;
}

/** A stored value with the version tag the store uses to refuse a write based on an out-of-date read. */
export interface Stored<T> {
  readonly value: T;
  readonly etag: string;
}

/** Someone else changed the record since it was read: read it again and decide again. */
export class ConcurrencyConflict extends Error {
  constructor(readonly id: string) {
    super(`escalation ${id} was changed by someone else since it was read`);
    this.name = "ConcurrencyConflict";
  }
}

export class AlreadyExists extends Error {
  constructor(readonly id: string) {
    super(`escalation ${id} already exists`);
    this.name = "AlreadyExists";
  }
}

/** What a list needs to show an escalation without loading its whole record. */
export interface EscalationSummary {
  readonly id: string;
  readonly policyId: string;
  readonly status: EscalationStatus;
  readonly caseId: string;
  readonly teamId: string;
  readonly iroId: string;
  readonly stageId: string;
  readonly stageName: string;
  readonly assigneeId: string;
  readonly due: LocalDate;
  readonly answered: boolean;
  readonly raisedAt: Instant;
  readonly concludedAt: Instant | null;
  readonly nextActionAt: Instant | null;
}

export interface EscalationStore {
  get(id: string): Promise<Stored<Escalation> | undefined>;
  /** Stores a new escalation; AlreadyExists if the id is taken. */
  create(escalation: Escalation): Promise<Stored<Escalation>>;
  /** Replaces the record only if it is still at `etag`; ConcurrencyConflict otherwise. */
  replace(escalation: Escalation, etag: string): Promise<Stored<Escalation>>;
  /** Open escalations whose current stage waits on this person's answer. */
  waitingOn(personId: string): Promise<EscalationSummary[]>;
  /** The open escalations of these teams' children, or of every team. */
  openIn(teams: readonly string[] | "all"): Promise<EscalationSummary[]>;
  /** Escalations this IRO raised, open ones first, newest first. */
  raisedBy(iroId: string): Promise<EscalationSummary[]>;
  /** Ids of the escalations whose next action time has passed, earliest first. */
  due(now: Instant, limit: number): Promise<string[]>;
  /** Ids of the escalations whose id starts with this (lower-case) text: a typed reference's look-up. */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  /** Ids of the escalations that still owe a message. */
  withPendingMessages(limit: number): Promise<string[]>;
  /**
   * Escalations open at any time in [from, to): raised before `to` and not concluded before `from`. A
   * record that cannot be read (a newer schema, a hand edit) is left out, logged by id, and reported to
   * `unreadable`, so one bad record never stops a report.
   */
  openDuring(from: Instant, to: Instant, unreadable?: (id: string) => void): AsyncIterable<Escalation>;
}

export interface DirectoryStore {
  load(): Promise<DirectoryData>;
  /** Makes the stored directory exactly `data`: adds, updates and removes. */
  replaceAll(
    data: DirectoryData,
  ): Promise<{ added: number; updated: number; removed: number; unchanged: number }>;
}

/** An opaque reference to a user's 1:1 conversation with the bot, kept for proactive messages. */
export type ConversationReference = Readonly<Record<string, unknown>>;

export interface ConversationReferenceStore {
  get(userId: string): Promise<ConversationReference | undefined>;
  put(userId: string, reference: ConversationReference): Promise<void>;
  /** The reference held for this person no longer reaches them: the next `get` reads the store again. */
  forget?(userId: string): void;
}

/** Structured logging. Properties carry ids, counts and codes: never a child's name, date of birth or free text. */
export interface Logger {
  info(message: string, properties?: Readonly<Record<string, string | number | boolean | null>>): void;
  warn(message: string, properties?: Readonly<Record<string, string | number | boolean | null>>): void;
  error(message: string, properties?: Readonly<Record<string, string | number | boolean | null>>): void;
}

/**
 * Deliveries that belong to no escalation (the weekly digest): each is claimed under a key before it is
 * sent, so two timer runs at once send it once, and one claimed but never sent is sent by a later run.
 */
export interface DeliveryLog {
  /** "claimed" to go ahead; "sent" or "held" (claimed by another run until its lease ends) to skip. */
  claim(key: string, now: string, leaseUntil: string): Promise<"claimed" | "sent" | "held">;
  markSent(key: string, at: string): Promise<void>;
}
