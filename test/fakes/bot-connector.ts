// A local server playing the Bot Connector at the activities' serviceUrl. It records every request the bot
// makes (method, path, headers with the authorization, JSON body) and answers sends and replies as the real
// service does, `201 { id }`. It can be told to throttle the next sends (429 with Retry-After), and lists
// the cards each conversation received, in order, with the activity's notification preview. It also plays
// the OneDrive upload sessions Teams opens when a person accepts a file the bot offers: ranges PUT in order,
// each a multiple of 320 KiB but the last, no Authorization header (the URL is its own), 202 with the next
// expected range until the file is whole, then 201.
import { randomUUID } from "node:crypto";
import http from "node:http";

import { listenOnLoopback } from "../../src/adapters/local/loopback";

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
const UPLOADS = /^\/upload\/([^/]+)$/;

/** OneDrive's rule for an upload session's ranges: multiples of 320 KiB, at most 60 MiB each. */
export const UPLOAD_RANGE_MULTIPLE = 320 * 1024;
export const MAX_UPLOAD_RANGE_BYTES = 60 * 1024 * 1024;

/** What Teams puts in a file-consent invoke when the person accepts: where the file goes. */
export interface UploadInfo {
  readonly name: string;
  readonly uploadUrl: string;
  readonly contentUrl: string;
  readonly uniqueId: string;
  readonly fileType: string;
}

interface UploadSession {
  readonly info: UploadInfo;
  readonly chunks: Buffer[];
  received: number;
  total?: number;
  complete: boolean;
}

export class FakeBotConnector {
  readonly requests: ConnectorRequest[] = [];
  private readonly posted: PostedActivity[] = [];
  /** The conversations that exist: a 1:1 chat exists once the app is installed for its person. */
  private readonly conversations = new Set<string>();
  private throttle: { remaining: number; retryAfter: string } = { remaining: 0, retryAfter: "0" };
  private uploadThrottle = 0;
  private readonly sessions = new Map<string, UploadSession>();
  /** Activities the bot deleted, by id. */
  readonly deleted = new Set<string>();

  private readonly server: http.Server;
  private url = "";

  private constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.answer(req, Buffer.concat(chunks), res);
      });
    });
  }

  static async start(): Promise<FakeBotConnector> {
    const connector = new FakeBotConnector();
    const { server } = connector;
    const port = await listenOnLoopback(server);
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

  /**
   * Opens an upload session in the person's OneDrive, as Teams does when they accept a file: the
   * `uploadInfo` the bot is given. Teams may give another name than the one offered (a file of that name is
   * already there): `name` says which.
   */
  uploadSession(name: string): UploadInfo {
    const uniqueId = randomUUID();
    const info: UploadInfo = {
      name,
      uploadUrl: `${this.url}upload/${uniqueId}`,
      contentUrl: `https://contoso-my.sharepoint.com/personal/someone/Documents/Applications/Escalations/${encodeURIComponent(name)}`,
      uniqueId,
      fileType: name.split(".").at(-1) ?? "",
    };
    this.sessions.set(uniqueId, { info, chunks: [], received: 0, complete: false });
    return info;
  }

  /** The file an upload session holds once whole; undefined before then. */
  uploaded(uniqueId: string): Buffer | undefined {
    const session = this.sessions.get(uniqueId);
    return session?.complete ? Buffer.concat(session.chunks) : undefined;
  }

  /** The next `count` range PUTs are refused with 503 and a Retry-After of 0. */
  failNextUploads(count: number): void {
    this.uploadThrottle = count;
  }

  /** Activities accepted, in the order they arrived; for one conversation if named. */
  activities(conversationId?: string): PostedActivity[] {
    return this.posted.filter((p) => conversationId === undefined || p.conversationId === conversationId);
  }

  /** A chat the bot can no longer post into (the app removed for that person): posts are refused with 403. */
  closeConversation(conversationId: string): void {
    this.conversations.delete(conversationId);
  }

  /** The conversation exists from now on (someone spoke in it, or the app was installed for its person). */
  openConversation(conversationId: string): void {
    this.conversations.add(conversationId);
  }

  /** Adaptive Cards accepted and not since deleted, in the order they arrived; for one conversation if named. */
  cards(conversationId?: string): PostedCard[] {
    return this.activities(conversationId)
      .filter((posted) => !this.deleted.has(posted.id))
      .flatMap((posted) => cardsOf(posted));
  }

  /** Activities carrying an attachment of this content type, not since deleted. */
  withAttachment(contentType: string, conversationId?: string): PostedActivity[] {
    return this.activities(conversationId).filter(
      (posted) =>
        !this.deleted.has(posted.id) &&
        Array.isArray(posted.activity["attachments"]) &&
        (posted.activity["attachments"] as { contentType?: unknown }[]).some(
          (a) => a.contentType === contentType,
        ),
    );
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

  private answerUpload(
    uniqueId: string,
    method: string,
    headers: Readonly<Record<string, string>>,
    raw: Buffer,
    res: http.ServerResponse,
    record: (status: number) => void,
  ): void {
    const session = this.sessions.get(uniqueId);
    const refuse = (status: number, code: string, message: string) => {
      record(status);
      send(res, status, { error: { code, message } });
    };
    if (!session) {
      refuse(404, "itemNotFound", "The upload session does not exist or has expired.");
      return;
    }
    const expected = () => ({ nextExpectedRanges: [`${session.received}-`] });
    if (method === "GET") {
      record(200);
      send(res, 200, expected());
      return;
    }
    if (method !== "PUT") {
      refuse(405, "invalidRequest", "Only PUT and GET.");
      return;
    }
    // The upload URL is pre-authenticated: a request carrying a token is refused.
    if (headers["authorization"] !== undefined) {
      refuse(401, "unauthenticated", "An upload session's URL must be used without an Authorization header.");
      return;
    }
    if (this.uploadThrottle > 0) {
      this.uploadThrottle -= 1;
      record(503);
      send(
        res,
        503,
        { error: { code: "serviceNotAvailable", message: "Try again." } },
        { "retry-after": "0" },
      );
      return;
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(headers["content-range"] ?? "");
    if (!range) {
      refuse(400, "invalidRange", "Content-Range must be bytes start-end/total.");
      return;
    }
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const length = end - start + 1;
    if (Number(headers["content-length"]) !== raw.length || raw.length !== length) {
      refuse(400, "invalidRange", "Content-Length must match the range and the body.");
      return;
    }
    if (start !== session.received) {
      refuse(416, "invalidRange", "The range does not start where the session expects.");
      return;
    }
    if (length > MAX_UPLOAD_RANGE_BYTES) {
      refuse(413, "invalidRange", "A range may be at most 60 MiB.");
      return;
    }
    if (session.total !== undefined && session.total !== total) {
      refuse(400, "invalidRange", "The total size changed during the upload.");
      return;
    }
    const last = end === total - 1;
    if (!last && length % UPLOAD_RANGE_MULTIPLE !== 0) {
      refuse(400, "invalidRange", "Every range but the last must be a multiple of 320 KiB.");
      return;
    }
    session.total = total;
    session.chunks.push(raw);
    session.received += length;
    if (last) {
      session.complete = true;
      record(201);
      send(res, 201, { id: session.info.uniqueId, name: session.info.name, size: total });
      return;
    }
    record(202);
    send(res, 202, expected());
  }

  private answer(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    const text = raw.toString("utf8");
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
    const upload = UPLOADS.exec(path.split("?")[0] ?? "");
    if (upload) {
      this.answerUpload(decodeURIComponent(upload[1] ?? ""), method, headers, raw, res, record);
      return;
    }
    const match = ACTIVITIES.exec(path.split("?")[0] ?? "");
    if (match && method === "DELETE" && match[2] !== undefined) {
      this.deleted.add(decodeURIComponent(match[2]));
      record(200);
      send(res, 200, {});
      return;
    }
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
