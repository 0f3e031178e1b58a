// The delivery log on Cosmos DB: one small document per delivery key, claimed and marked with ETag-guarded
// writes so that only one run sends.
import type { Container } from "@azure/cosmos";

import type { DeliveryLog } from "../../domain/ports";
import { DEFAULT_RETRY, type RetryPolicy, statusOf, withRetries } from "./retry";

interface DeliveryDocument {
  readonly id: string;
  readonly status: "claimed" | "sent";
  readonly claimedUntil?: string;
  readonly sentAt?: string;
}

export class CosmosDeliveryLog implements DeliveryLog {
  constructor(
    private readonly container: Container,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async claim(key: string, now: string, leaseUntil: string): Promise<"claimed" | "sent" | "held"> {
    const claimed: DeliveryDocument = { id: key, status: "claimed", claimedUntil: leaseUntil };
    try {
      await withRetries(() => this.container.items.create(claimed), this.retry);
      return "claimed";
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    const existing = await withRetries(
      () => this.container.item(key, key).read<DeliveryDocument>(),
      this.retry,
    );
    const document = existing.resource;
    if (!document) return "held";
    if (document.status === "sent") return "sent";
    if ((document.claimedUntil ?? "") > now) return "held";
    try {
      await withRetries(
        () =>
          this.container
            .item(key, key)
            .replace(claimed, { accessCondition: { type: "IfMatch", condition: existing.etag } }),
        this.retry,
      );
      return "claimed";
    } catch (error) {
      if (statusOf(error) === 412) return "held";
      throw error;
    }
  }

  async markSent(key: string, at: string): Promise<void> {
    const sent: DeliveryDocument = { id: key, status: "sent", sentAt: at };
    await withRetries(() => this.container.items.upsert(sent), this.retry);
  }
}
