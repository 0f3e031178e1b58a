// The delivery port: a channel (Teams, e-mail) delivers one owed message to its recipient and says whether it
// arrived. The outbox does not know which channel it is; a channel never reports a message's content.
import { type Channel, channelOf, type Escalation, type OutboxItem } from "../domain/escalation";

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

/**
 * One channel over several: each owed message goes by the channel it was owed on. A message owed on a
 * channel the deployment no longer has (e-mail turned off) stays owed, as if that channel were down.
 */
export function byChannel(channels: Readonly<Partial<Record<Channel, DeliveryChannel>>>): DeliveryChannel {
  return {
    deliver: (item, escalation) => {
      const channel = channels[channelOf(item)];
      return channel
        ? channel.deliver(item, escalation)
        : Promise.resolve({
            status: "undeliverable",
            reason: `no-${channelOf(item)}-channel`,
            passing: true,
          });
    },
  };
}
