// Conversation references on Cosmos DB, one per user, kept so the bot can message people first.
import type { Container } from "@azure/cosmos";

import type { ConversationReference, ConversationReferenceStore } from "../../domain/ports";
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from "./retry";

export class CosmosConversationStore implements ConversationReferenceStore {
  constructor(
    private readonly container: Container,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async get(userId: string): Promise<ConversationReference | undefined> {
    const response = await withRetries(
      () => this.container.item(userId, userId).read<{ reference: ConversationReference }>(),
      this.retry,
    );
    return response.statusCode === 404 ? undefined : response.resource?.reference;
  }

  async put(userId: string, reference: ConversationReference): Promise<void> {
    await withRetries(() => this.container.items.upsert({ id: userId, reference }), this.retry);
  }
}
