// A local stand-in for the Bot Framework's OpenID metadata and signing keys: an RSA key made at start
// (node:crypto), served as a JWKS behind an OpenID metadata document, and tokens signed with it as the Bot
// Framework signs them (iss https://api.botframework.com, aud the bot's client id, a serviceurl claim).
// It also makes the tokens /api/messages must refuse: forged, expired, mis-addressed and the rest.
import { generateKeyPairSync, type KeyObject, randomUUID } from "node:crypto";
import http from "node:http";

import jwt from "jsonwebtoken";

import { listenOnLoopback } from "../../src/adapters/local/loopback";

export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface SignOptions {
  /** Sign with this key instead of the published one (a forgery). */
  readonly key?: KeyObject;
  /** The header's key id; the published key's by default. */
  readonly kid?: string;
  readonly algorithm?: jwt.Algorithm;
}

export interface BotClaims {
  readonly aud: string;
  readonly serviceurl: string;
  readonly iss?: string;
  /** Seconds since the epoch. */
  readonly iat?: number;
  readonly nbf?: number;
  readonly exp?: number;
  readonly [claim: string]: unknown;
}

/** Every way a caller can get /api/messages wrong, as the Authorization header value (undefined: none). */
export type BadToken =
  | "missing"
  | "not-bearer"
  | "malformed"
  | "unsigned"
  | "forged"
  | "unknown-key"
  | "expired"
  | "not-yet-valid"
  | "mis-addressed"
  | "wrong-issuer"
  | "wrong-service-url"
  | "no-service-url"
  | "no-expiry";

export const BAD_TOKENS: readonly BadToken[] = [
  "missing",
  "not-bearer",
  "malformed",
  "unsigned",
  "forged",
  "unknown-key",
  "expired",
  "not-yet-valid",
  "mis-addressed",
  "wrong-issuer",
  "wrong-service-url",
  "no-service-url",
  "no-expiry",
];

export class FakeOpenIdIssuer {
  readonly kid = `test-key-${randomUUID()}`;
  /** Requests served, by path: shows the validator really fetched the metadata and keys. */
  readonly served: string[] = [];
  /** How long the metadata document takes to answer, as a slow identity endpoint would. */
  metadataDelayMs = 0;
  /** When true, the metadata and keys answer 503, as during an outage. */
  failing = false;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  private readonly server: http.Server;
  private url = "";

  private constructor() {
    const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey;
    this.server = http.createServer((req, res) => {
      this.answer(req, res);
    });
  }

  static async start(): Promise<FakeOpenIdIssuer> {
    const issuer = new FakeOpenIdIssuer();
    const { server } = issuer;
    const port = await listenOnLoopback(server);
    issuer.url = `http://127.0.0.1:${port}`;
    return issuer;
  }

  /** The endpoint's own URL: `http://127.0.0.1:<port>`. */
  get baseUrl(): string {
    return this.url;
  }

  /** What BOT_OPENID_METADATA_URL names. */
  get metadataUrl(): string {
    return `${this.baseUrl}/v1/.well-known/openidconfiguration`;
  }

  /** A JWT over these claims, signed by the published key unless told otherwise. */
  sign(claims: Readonly<Record<string, unknown>>, options: SignOptions = {}): string {
    const algorithm = options.algorithm ?? "RS256";
    return jwt.sign(
      { ...claims },
      algorithm === "none" ? (null as unknown as string) : (options.key ?? this.privateKey),
      {
        algorithm,
        keyid: options.kid ?? this.kid,
      },
    );
  }

  /** A token as the Bot Framework issues for a call to this bot, valid for an hour from now (real time). */
  botToken(claims: BotClaims, options: SignOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return this.sign(
      { iss: BOT_FRAMEWORK_ISSUER, iat: now - 10, nbf: now - 10, exp: now + 3600, ...claims },
      options,
    );
  }

  /** The Authorization header for a good request. */
  authorization(clientId: string, serviceUrl: string): string {
    return `Bearer ${this.botToken({ aud: clientId, serviceurl: serviceUrl })}`;
  }

  /** The Authorization header for each way of getting it wrong; undefined means no header at all. */
  badAuthorization(kind: BadToken, clientId: string, serviceUrl: string): string | undefined {
    const now = Math.floor(Date.now() / 1000);
    const good = { aud: clientId, serviceurl: serviceUrl };
    switch (kind) {
      case "missing":
        return undefined;
      case "not-bearer":
        return `Basic ${Buffer.from(`${clientId}:secret`).toString("base64")}`;
      case "malformed":
        return "Bearer not.a-jwt.at-all";
      case "unsigned":
        return `Bearer ${this.botToken(good, { algorithm: "none" })}`;
      case "forged":
        // Same key id as the published key, signed by another key: only the signature gives it away.
        return `Bearer ${this.botToken(good, { key: otherKey() })}`;
      case "unknown-key":
        return `Bearer ${this.botToken(good, { key: otherKey(), kid: `unknown-${randomUUID()}` })}`;
      case "expired":
        // Beyond the five minutes' clock tolerance.
        return `Bearer ${this.botToken({ ...good, iat: now - 7200, nbf: now - 7200, exp: now - 3600 })}`;
      case "not-yet-valid":
        return `Bearer ${this.botToken({ ...good, nbf: now + 3600, exp: now + 7200 })}`;
      case "mis-addressed":
        return `Bearer ${this.botToken({ ...good, aud: "00000000-0000-0000-0000-0000000000ff" })}`;
      case "wrong-issuer":
        return `Bearer ${this.botToken({ ...good, iss: "https://evil.example/" })}`;
      case "wrong-service-url":
        return `Bearer ${this.botToken({ ...good, serviceurl: "https://smba.trafficmanager.net/emea/" })}`;
      case "no-service-url":
        return `Bearer ${this.sign({ iss: BOT_FRAMEWORK_ISSUER, aud: clientId, iat: now - 10, exp: now + 3600 })}`;
      case "no-expiry":
        return `Bearer ${this.sign({ iss: BOT_FRAMEWORK_ISSUER, aud: clientId, serviceurl: serviceUrl, iat: now - 10 })}`;
    }
  }

  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? "/";
    this.served.push(path);
    if (this.failing) {
      res.writeHead(503).end();
      return;
    }
    if (path === "/v1/.well-known/openidconfiguration") {
      const send = () =>
        json(res, {
          issuer: BOT_FRAMEWORK_ISSUER,
          authorization_endpoint: `${this.baseUrl}/v1/authorize`,
          jwks_uri: `${this.baseUrl}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        });
      if (this.metadataDelayMs > 0) setTimeout(send, this.metadataDelayMs);
      else send();
      return;
    }
    if (path === "/v1/.well-known/keys") {
      const jwk = this.publicKey.export({ format: "jwk" });
      json(res, {
        keys: [{ ...jwk, kid: this.kid, use: "sig", alg: "RS256", endorsements: ["msteams", "outlook"] }],
      });
      return;
    }
    res.writeHead(404).end();
  }
}

let spare: KeyObject | undefined;

/** A second RSA key, never published. */
function otherKey(): KeyObject {
  spare ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return spare;
}

function json(res: http.ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
