// The delivery port: a channel (Teams today) delivers one owed message to its recipient and says whether it
// arrived. The outbox does not know which channel it is; a channel never reports a message's content.
import type { Escalation, OutboxItem } from "../domain/escalation";

export type Delivery =
  | { readonly status: "sent" }
  /**
   * Not delivered: a short reason code for the record and the digest, e.g. "teams-app-blocked". `passing`
   * says the channel itself failed for a while (throttling, an outage) rather than this person being out of
   * reach; the IRO is told only of the latter.
   */
  | { readonly status: "undeliverable"; readonly reason: string; readonly passing?: boolean };

export interface DeliveryChannel {
  /** Delivers the message the item owes, drawn from the escalation as it stands now. */
  deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery>;
}
