// A Notifier that records what it was asked to send, and can be told to fail for some people.
import type { Delivery, Notifier } from "../../src/application/dispatch-outbox";
import type { Escalation, OutboxItem } from "../../src/domain/escalation";

export class RecordingNotifier implements Notifier {
  readonly sent: { readonly item: OutboxItem; readonly escalationId: string }[] = [];
  /** People with no conversation reference yet. */
  readonly unreachable = new Set<string>();

  deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery> {
    if (this.unreachable.has(item.to.id)) return Promise.resolve({ status: "no-conversation-reference" });
    this.sent.push({ item, escalationId: escalation.id });
    return Promise.resolve({ status: "sent" });
  }
}
