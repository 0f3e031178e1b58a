// A delivery channel that records what it was asked to send, and can be told that some people cannot be
// reached.
import type { Delivery, DeliveryChannel } from "../../src/application/delivery";
import type { Escalation, OutboxItem } from "../../src/domain/escalation";

export class RecordingChannel implements DeliveryChannel {
  readonly sent: { readonly item: OutboxItem; readonly escalationId: string }[] = [];
  /** People with no conversation reference yet. */
  readonly unreachable = new Set<string>();
  /** People the channel itself fails for, for a while (throttled, out of service). */
  readonly failing = new Set<string>();
  /** Runs as each message is sent, e.g. to let time pass during a slow send. */
  onSend: (item: OutboxItem) => void = () => undefined;

  deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery> {
    if (this.unreachable.has(item.to.id)) {
      return Promise.resolve({ status: "undeliverable", reason: "no-conversation-reference" });
    }
    if (this.failing.has(item.to.id)) {
      return Promise.resolve({ status: "undeliverable", reason: "http-429", passing: true });
    }
    this.sent.push({ item, escalationId: escalation.id });
    this.onSend(item);
    return Promise.resolve({ status: "sent" });
  }
}
