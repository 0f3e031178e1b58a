// A local server playing the Bot Connector at the activities' serviceUrl. It records every request the bot
// makes (method, path, headers with the authorization, JSON body) and answers sends and replies as the real
// service does, `201 { id }`. It can be told to throttle the next sends (429 with Retry-After), and lists
// the cards each conversation received, in order, with the activity's notification preview.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ConnectorRequest {
  /** 1 for the first request the connector saw. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  readonly body: unknown;
  /** The status the connector answered with. */
  readonly status: number;
  /** When it arrived (ms since the epoch, real time). */
  readonly at: number;
}

/** An activity the connector accepted for a conversation. */
export interface PostedActivity {
  readonly seq: number;
  readonly conversationId: string;
  /** The id the connector gave it. */
  readonly id: string;
  /** The activity replied to, when the bot posted a reply (`…/activities/{replyToId}`). */
  readonly replyToId?: string;
  readonly method: string;
  readonly authorization?: string;
  readonly at: number;
  readonly activity: Readonly<Record<string, unknown>>;
}

/** An Adaptive Card a conversation received, with what the activity carrying it showed in a pop-up. */
export interface PostedCard {
  readonly seq: number;
  readonly conversationId: string;
  readonly activityId: string;
  readonly summary?: string;
  readonly text?: string;
  readonly card: Readonly<Record<string, unknown>>;
}

export const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

/** Teams refuses a bot's message larger than this. */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export class FakeBotConnector {
  readonly requests: ConnectorRequest[] = [];
  private readonly posted: PostedActivity[] = [];
  /** The conversations that exist: a 1:1 chat exists once the app is installed for its person. */
  private readonly conversations = new Set<string>();
  private throttle: { remaining: number; retryAfter: string } = { remaining: 0, retryAfter: "0" };

  private readonly server: http.Server;
  private url = "";

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.answer(req, Buffer.concat(chunks).toString("utf8"), res);
      });
    });
  }

  static async start(): Promise<FakeBotConnector> {
    const connector = new FakeBotConnector();
    const { server } = connector;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    connector.url = `http://127.0.0.1:${port}/`;
    return connector;
  }

  /** The serviceUrl activities name: `http://127.0.0.1:<port>/`. */
  get serviceUrl(): string {
    return this.url;
  }

  /** The next `count` sends are refused with 429 and this Retry-After (seconds, or an HTTP date). */
  throttleNext(count: number, retryAfter: string): void {
    this.throttle = { remaining: count, retryAfter };
  }

  /** Activities accepted, in the order they arrived; for one conversation if named. */
  activities(conversationId?: string): PostedActivity[] {
    return this.posted.filter((p) => conversationId === undefined || p.conversationId === conversationId);
  }

  /** The conversation exists from now on (someone spoke in it, or the app was installed for its person). */
  openConversation(conversationId: string): void {
    this.conversations.add(conversationId);
  }

  /** Adaptive Cards accepted, in the order they arrived; for one conversation if named. */
  cards(conversationId?: string): PostedCard[] {
    return this.activities(conversationId).flatMap((posted) => cardsOf(posted));
  }

  /** Requests to send or update an activity, whatever the answer (429s included). */
  activityRequests(conversationId?: string): ConnectorRequest[] {
    return this.requests.filter((r) => {
      const match = ACTIVITIES.exec(r.path.split("?")[0] ?? "");
      return (
        match !== null &&
        (conversationId === undefined || decodeURIComponent(match[1] ?? "") === conversationId)
      );
    });
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    let body: unknown = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // kept as text
    }
    const seq = this.requests.length + 1;
    const at = Date.now();
    const record = (status: number) => {
      this.requests.push({ seq, method, path, headers, body, status, at });
    };
    const match = ACTIVITIES.exec(path.split("?")[0] ?? "");
    if (!match || (method !== "POST" && method !== "PUT")) {
      record(404);
      send(res, 404, { error: { code: "NotFound", message: "Not a route of this fake connector." } });
      return;
    }
    if (this.throttle.remaining > 0) {
      this.throttle.remaining -= 1;
      record(429);
      send(
        res,
        429,
        { error: { code: "Throttled", message: "Too many requests" } },
        {
          "retry-after": this.throttle.retryAfter,
        },
      );
      return;
    }
    const conversationId = decodeURIComponent(match[1] ?? "");
    const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    // As Teams: a message over 28 KB is refused whole, and a bot cannot post into a chat that does not
    // exist (a person's 1:1 chat exists only once the app is installed for them).
    if (Buffer.byteLength(text, "utf8") > MAX_ACTIVITY_BYTES) {
      record(413);
      send(res, 413, { error: { code: "MessageSizeTooBig", message: "Message size too big." } });
      return;
    }
    if (!this.conversations.has(conversationId)) {
      record(403);
      send(res, 403, {
        error: {
          code: "BotNotInConversationRoster",
          message: "The bot is not part of the conversation roster.",
        },
      });
      return;
    }
    // A PUT updates the activity it names and keeps its id; a POST creates a new one.
    const id = method === "PUT" && activityId !== undefined ? activityId : `m-${randomUUID()}`;
    const status = method === "PUT" ? 200 : 201;
    record(status);
    this.posted.push({
      seq,
      conversationId,
      id,
      ...(method === "POST" && activityId !== undefined ? { replyToId: activityId } : {}),
      method,
      ...(headers["authorization"] !== undefined ? { authorization: headers["authorization"] } : {}),
      at,
      activity: typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {},
    });
    send(res, status, { id });
  }
}

function cardsOf(posted: PostedActivity): PostedCard[] {
  const { activity } = posted;
  const attachments = Array.isArray(activity["attachments"]) ? (activity["attachments"] as unknown[]) : [];
  const summary = typeof activity["summary"] === "string" ? activity["summary"] : undefined;
  const text = typeof activity["text"] === "string" ? activity["text"] : undefined;
  return attachments.flatMap((attachment) => {
    const a = attachment as { contentType?: unknown; content?: unknown };
    if (a.contentType !== ADAPTIVE_CARD || typeof a.content !== "object" || a.content === null) return [];
    return [
      {
        seq: posted.seq,
        conversationId: posted.conversationId,
        activityId: posted.id,
        ...(summary !== undefined ? { summary } : {}),
        ...(text !== undefined ? { text } : {}),
        card: a.content as Record<string, unknown>,
      },
    ];
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
