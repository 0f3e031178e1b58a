// A Microsoft Graph stand-in for proactive install, behaving as Graph does where it matters: installing an
// app from the catalog (201, or 409 when it is already installed), finding the installation and its 1:1
// chat, refusing people the council's policy blocks (403) or who are not in the tenant (404), and
// throttling with Retry-After when told to. Installing opens the person's chat in the Bot Connector double.
// Sending mail (`POST /users/{sender}/sendMail`) takes a base64 MIME message as text/plain, as Graph does,
// from mailboxes it knows, up to Graph's 4 MB, and answers 202; refusing a recipient when told to.
import http from "node:http";

import { listenOnLoopback } from "../../src/adapters/local/loopback";

export interface GraphRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly authorization: string | undefined;
}

/** A message the Graph double accepted for sending: the MIME as sent, decoded from base64. */
export interface SentMail {
  readonly sender: string;
  readonly mime: string;
}

export interface FakeGraphOptions {
  /** The mailboxes mail may be sent as. */
  readonly mailboxes?: Iterable<string>;
  readonly catalogAppId: string;
  /** Everyone in the tenant, by Entra object id. */
  readonly users: Iterable<string>;
  /** The id of the 1:1 chat between a person and the bot. */
  readonly chatIdOf: (userId: string) => string;
  /** Called when an install opens a chat, so the Bot Connector double lets the bot post into it. */
  readonly onChatOpened: (chatId: string) => void;
}

const SEND_MAIL = /^\/v1\.0\/users\/([^/]+)\/sendMail$/;
const SEND_MAIL_LIMIT_BYTES = 4 * 1024 * 1024;
const INSTALLED_APPS = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)\/chat)?$/;

export class FakeGraph {
  readonly requests: GraphRequest[] = [];
  /** People for whom the council's app permission policy blocks the app. */
  readonly blocked = new Set<string>();
  private readonly users: Set<string>;
  private readonly installs = new Map<string, string>();
  private throttle = { remaining: 0, retryAfter: "0" };
  /** Every message sent, in order. */
  readonly mail: SentMail[] = [];
  /** Addresses Exchange refuses as recipients (400 ErrorInvalidRecipients). */
  readonly refusedRecipients = new Set<string>();
  private unavailable = 0;
  private url = "";

  private constructor(
    private readonly options: FakeGraphOptions,
    private readonly server: http.Server,
  ) {
    this.users = new Set(options.users);
  }

  static async start(options: FakeGraphOptions): Promise<FakeGraph> {
    const served: { graph?: FakeGraph } = {};
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => served.graph?.answer(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    const graph = new FakeGraph(options, server);
    served.graph = graph;
    graph.url = `http://127.0.0.1:${await listenOnLoopback(server)}/v1.0`;
    return graph;
  }

  /** What GRAPH_BASE_URL names. */
  get baseUrl(): string {
    return this.url;
  }

  /** The people the app was installed for, in order. */
  installed(): string[] {
    return [...this.installs.keys()];
  }

  /** The next `count` requests are answered 503 Service Unavailable. */
  unavailableNext(count: number): void {
    this.unavailable = count;
  }

  /** The next `count` requests are answered 429 with this Retry-After (seconds). */
  throttleNext(count: number, retryAfter = "0"): void {
    this.throttle = { remaining: count, retryAfter };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://graph.local");
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname, status, authorization: req.headers.authorization });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const error = (status: number, code: string) => reply(status, { error: { code, message: code } });
    if (!req.headers.authorization?.startsWith("Bearer ")) {
      error(401, "InvalidAuthenticationToken");
      return;
    }
    if (this.throttle.remaining > 0) {
      this.throttle.remaining -= 1;
      reply(429, { error: { code: "TooManyRequests" } }, { "retry-after": this.throttle.retryAfter });
      return;
    }
    if (this.unavailable > 0) {
      this.unavailable -= 1;
      error(503, "ServiceUnavailable");
      return;
    }
    const sendMail = SEND_MAIL.exec(url.pathname);
    if (sendMail) {
      const sender = decodeURIComponent(sendMail[1] ?? "");
      if (method !== "POST") {
        error(405, "MethodNotAllowed");
        return;
      }
      if (!new Set(this.options.mailboxes ?? []).has(sender)) {
        error(404, "ErrorInvalidUser");
        return;
      }
      if (!req.headers["content-type"]?.startsWith("text/plain")) {
        error(400, "ErrorMimeContentInvalid");
        return;
      }
      if (Buffer.byteLength(text) > SEND_MAIL_LIMIT_BYTES) {
        error(413, "RequestEntityTooLarge");
        return;
      }
      if (!/^[A-Za-z0-9+/=\r\n]+$/.test(text)) {
        error(400, "ErrorMimeContentInvalidBase64String");
        return;
      }
      const mime = Buffer.from(text, "base64").toString("utf8");
      const recipients = [...mime.matchAll(/<([^<>@\s]+@[^<>\s]+)>/g)].map((m) => m[1] ?? "");
      if (recipients.some((address) => this.refusedRecipients.has(address))) {
        error(400, "ErrorInvalidRecipients");
        return;
      }
      this.mail.push({ sender, mime });
      reply(202);
      return;
    }
    const match = INSTALLED_APPS.exec(url.pathname);
    if (!match) {
      error(404, "UnknownRoute");
      return;
    }
    const userId = decodeURIComponent(match[1] ?? "");
    if (!this.users.has(userId)) {
      error(404, "ResourceNotFound");
      return;
    }
    const installation = this.installs.get(userId);
    if (method === "POST" && match[2] === undefined) {
      const bind = (JSON.parse(text || "{}") as Record<string, unknown>)["teamsApp@odata.bind"];
      if (typeof bind !== "string" || !bind.endsWith(`/appCatalogs/teamsApps/${this.options.catalogAppId}`)) {
        error(400, "BadRequest");
        return;
      }
      if (this.blocked.has(userId)) {
        error(403, "Forbidden");
        return;
      }
      if (installation) {
        error(409, "Conflict");
        return;
      }
      this.installs.set(userId, `installation-${this.installs.size + 1}`);
      this.options.onChatOpened(this.options.chatIdOf(userId));
      reply(201);
      return;
    }
    if (method === "GET" && match[2] === undefined) {
      reply(200, { value: installation ? [{ id: installation }] : [] });
      return;
    }
    if (method === "GET" && match[2] !== undefined) {
      if (decodeURIComponent(match[2]) !== installation) {
        error(404, "NotFound");
        return;
      }
      reply(200, { id: this.options.chatIdOf(userId) });
      return;
    }
    error(405, "MethodNotAllowed");
  }
}
