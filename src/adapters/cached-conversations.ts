// Conversation references kept in memory in front of the store: every card drawn asks for the references of
// everyone on the escalation, and a reference changes only when its person's chat does. A reference this
// process writes replaces the one it holds; one it has not seen yet is read from the store; one that Teams
// refuses (the chat is gone: another instance may have stored the person's new one) is forgotten, so the
// next send reads the store again.
import type { ConversationReference, ConversationReferenceStore } from "../domain/ports";

export class CachedConversationStore implements ConversationReferenceStore {
  private readonly held = new Map<string, ConversationReference>();

  constructor(private readonly store: ConversationReferenceStore) {}

  async get(userId: string): Promise<ConversationReference | undefined> {
    const held = this.held.get(userId);
    if (held) return held;
    const stored = await this.store.get(userId);
    if (stored) this.held.set(userId, stored);
    return stored;
  }

  async put(userId: string, reference: ConversationReference): Promise<void> {
    await this.store.put(userId, reference);
    this.held.set(userId, reference);
  }

  forget(userId: string): void {
    this.held.delete(userId);
  }
}
