// The delivery port: a channel (Teams today) delivers one owed message to its recipient and says whether it
// arrived. The outbox does not know which channel it is; a channel never reports a message's content.
import type { Escalation, OutboxItem } from "../domain/escalation";

export type Delivery =
  | { readonly status: "sent" }
  /** Not delivered: a short reason code for the record and the digest, e.g. "no-conversation-reference". */
  | { readonly status: "undeliverable"; readonly reason: string };

export interface DeliveryChannel {
  /** Delivers the message the item owes, drawn from the escalation as it stands now. */
  deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery>;
}
