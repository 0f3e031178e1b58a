// Checks the Bot Framework token on every request to /api/messages: signed by a key the Bot Framework's
// OpenID metadata publishes (and endorsed for the activity's channel), issued by the Bot Framework,
// addressed to this bot, with an expiry that has not passed, and for the service URL the activity names.
// Any failure is one answer (401) with no detail for the caller.
//
// The signing keys are fetched once and kept: a token naming a key not held triggers at most one refresh
// per interval, however many requests carry unknown key ids, so forged tokens cannot make the bot fetch
// (or make real users wait); every fetch has a timeout; and a refresh that fails keeps the keys held.
import { createPublicKey, type JsonWebKey } from "node:crypto";

import jwt, { type JwtPayload } from "jsonwebtoken";

export const BOT_FRAMEWORK_OPENID_METADATA =
  "https://login.botframework.com/v1/.well-known/openidconfiguration";
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface BotTokenSettings {
  /** The bot's Entra application (client) id: the token's audience. */
  readonly clientId: string;
  readonly openIdMetadataUrl?: string;
  readonly issuers?: readonly string[];
  /** The least time between two refreshes of the keys. */
  readonly refreshIntervalMs?: number;
  /** How long keys are used before they are fetched again (they are kept if that fails). */
  readonly keyLifetimeMs?: number;
  /** How long one fetch may take. */
  readonly fetchTimeoutMs?: number;
  /** The time now, in milliseconds; the system clock unless given. */
  readonly nowMs?: () => number;
}

export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`bot token rejected: ${reason}`);
    this.name = "TokenRejected";
  }
}

interface SigningKey {
  readonly pem: string;
  /** The channels the key is endorsed for; absent when the metadata says nothing. */
  readonly endorsements?: readonly string[];
}

const FIVE_MINUTES = 5 * 60_000;
const ONE_DAY = 24 * 60 * 60_000;

export class BotTokenValidator {
  private readonly keys: SigningKeys;

  constructor(private readonly settings: BotTokenSettings) {
    this.keys = new SigningKeys(settings);
  }

  /** The verified claims, or TokenRejected with a reason for the logs (never for the caller). */
  async validate(
    authorization: string | undefined,
    activity: { readonly serviceUrl?: string; readonly channelId?: string },
  ): Promise<JwtPayload> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match?.[1]) throw new TokenRejected("no bearer token");
    const token = match[1];
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === "string") throw new TokenRejected("malformed token");
    const kid = decoded.header.kid;
    if (!kid) throw new TokenRejected("token names no signing key");
    const key = await this.keys.get(kid);
    if (!key) throw new TokenRejected("signing key not found");
    if (key.endorsements && !key.endorsements.includes(activity.channelId ?? ""))
      throw new TokenRejected("signing key is not endorsed for the activity's channel");
    let claims: JwtPayload;
    try {
      claims = jwt.verify(token, key.pem, {
        algorithms: ["RS256"],
        audience: this.settings.clientId,
        issuer: [...(this.settings.issuers ?? [BOT_FRAMEWORK_ISSUER])] as [string, ...string[]],
        clockTolerance: 300,
      }) as JwtPayload;
    } catch (error) {
      throw new TokenRejected(error instanceof Error ? error.message : "invalid token");
    }
    if (typeof claims.exp !== "number") throw new TokenRejected("token has no expiry");
    const claimed = (claims as { serviceurl?: unknown }).serviceurl;
    if (typeof claimed !== "string") throw new TokenRejected("token names no service URL");
    if (activity.serviceUrl === undefined || trimSlash(claimed) !== trimSlash(activity.serviceUrl))
      throw new TokenRejected("token is for another service URL");
    return claims;
  }
}

/** The OpenID metadata's signing keys, held for their lifetime and refreshed at most once per interval. */
class SigningKeys {
  private held = new Map<string, SigningKey>();
  private fetchedAt: number | undefined;
  private lastAttempt: number | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly settings: BotTokenSettings) {}

  async get(kid: string): Promise<SigningKey | undefined> {
    const now = this.now();
    const stale =
      this.fetchedAt === undefined || now - this.fetchedAt >= (this.settings.keyLifetimeMs ?? ONE_DAY);
    if (!this.held.has(kid) || stale) await this.refresh(now);
    return this.held.get(kid);
  }

  /** One refresh at a time, and none sooner than the interval after the last attempt. */
  private refresh(now: number): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const interval = this.settings.refreshIntervalMs ?? FIVE_MINUTES;
    if (this.lastAttempt !== undefined && now - this.lastAttempt < interval) return Promise.resolve();
    this.lastAttempt = now;
    this.refreshing = this.fetchKeys()
      .then((keys) => {
        this.held = keys;
        this.fetchedAt = this.now();
      })
      // A failed refresh keeps the keys already held; the next is tried after the interval.
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private async fetchKeys(): Promise<Map<string, SigningKey>> {
    const metadata = await this.fetchJson(this.settings.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA);
    const jwksUri = (metadata as { jwks_uri?: unknown }).jwks_uri;
    if (typeof jwksUri !== "string") throw new Error("OpenID metadata has no jwks_uri");
    const jwks = (await this.fetchJson(jwksUri)) as { keys?: unknown };
    const keys = new Map<string, SigningKey>();
    for (const jwk of Array.isArray(jwks.keys) ? (jwks.keys as Record<string, unknown>[]) : []) {
      if (typeof jwk["kid"] !== "string" || jwk["kty"] !== "RSA") continue;
      const { endorsements, ...rest } = jwk;
      const pem = createPublicKey({ key: rest as JsonWebKey, format: "jwk" })
        .export({ type: "spki", format: "pem" })
        .toString();
      keys.set(jwk["kid"], {
        pem,
        ...(Array.isArray(endorsements)
          ? { endorsements: endorsements.filter((e): e is string => typeof e === "string") }
          : {}),
      });
    }
    if (keys.size === 0) throw new Error("the signing keys document has no RSA keys");
    return keys;
  }

  private async fetchJson(url: string): Promise<unknown> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(this.settings.fetchTimeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }

  private now(): number {
    return this.settings.nowMs?.() ?? Date.now();
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "").toLowerCase();
}
