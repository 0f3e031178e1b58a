// E-mail as a delivery channel: an owed message becomes one e-mail to its recipient, sent with Graph. A
// refusal that says "not now" (throttling, an outage) leaves the message owed without telling the IRO; one
// that says this person cannot be mailed (no address, a recipient Exchange refuses) tells the IRO, once.
import type { Delivery, DeliveryChannel } from "../../application/delivery";
import type { Services } from "../../application/services";
import type { Escalation, OutboxItem } from "../../domain/escalation";
import { GraphError } from "../graph/graph-client";
import { emailFor, type EmailSettings } from "./email-message";
import type { GraphMailer } from "./graph-mailer";

export class MailChannel implements DeliveryChannel {
  constructor(
    private readonly services: Pick<Services, "directory" | "policies" | "clock" | "calendar">,
    private readonly mailer: GraphMailer,
    private readonly settings: EmailSettings,
  ) {}

  async deliver(item: OutboxItem, escalation: Escalation): Promise<Delivery> {
    const email = await emailFor(this.services, item, escalation, this.settings);
    if ("unsendable" in email) return { status: "undeliverable", reason: email.unsendable };
    try {
      await this.mailer.send(email);
      return { status: "sent" };
    } catch (error) {
      if (error instanceof GraphError) {
        const passing = error.status === 429 || error.status >= 500 || error.status === 401;
        return {
          status: "undeliverable",
          reason: `mail-http-${error.status}`,
          ...(passing ? { passing } : {}),
        };
      }
      if (error instanceof Error && error.name === "MessageTooLarge")
        return { status: "undeliverable", reason: "mail-too-large" };
      return { status: "undeliverable", reason: "mail-send-error", passing: true };
    }
  }
}
