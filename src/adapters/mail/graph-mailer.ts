// Sends an e-mail with Microsoft Graph as the council's mailbox: `POST /users/{sender}/sendMail` with the
// message in MIME (base64), which is how Graph takes a message with both an HTML and a plain-text part.
// Graph accepts it with 202; throttling and brief outages are retried by the Graph client.
import { type GraphClient, RawBody } from "../graph/graph-client";
import type { Email, Mailbox } from "./email-message";

/** Graph's limit on a sendMail request; a message over it is refused before it is sent. */
export const SEND_MAIL_LIMIT_BYTES = 4 * 1024 * 1024;

export class MessageTooLarge extends Error {
  override readonly name = "MessageTooLarge";
}

export class GraphMailer {
  constructor(
    private readonly graph: GraphClient,
    /** The council's mailbox, e.g. escalations@council.gov.uk. */
    private readonly sender: string,
  ) {}

  async send(email: Email): Promise<void> {
    // Loaded with the first e-mail, which goes after the answer, rather than when the bot starts.
    const { default: MailComposer } = await import("nodemailer/lib/mail-composer");
    const mime = await new MailComposer({
      from: this.sender,
      to: address(email.to),
      cc: email.cc.map(address),
      subject: email.subject,
      text: email.text,
      html: email.html,
      textEncoding: "base64",
    })
      .compile()
      .build();
    const body = mime.toString("base64");
    if (Buffer.byteLength(body) > SEND_MAIL_LIMIT_BYTES)
      throw new MessageTooLarge(`the message is ${Buffer.byteLength(body)} bytes encoded`);
    await this.graph.request(
      "POST",
      `/users/${encodeURIComponent(this.sender)}/sendMail`,
      new RawBody(body, "text/plain"),
    );
  }
}

function address(mailbox: Mailbox): { name: string; address: string } {
  return { name: mailbox.name, address: mailbox.address };
}
