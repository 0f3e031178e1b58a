// Checks the Bot Framework token on every request to /api/messages: signed by a key the Bot Framework's
// OpenID metadata publishes, issued by the Bot Framework, addressed to this bot, not expired, and for the
// service URL the activity names. Any failure is one answer (401) with no detail for the caller.
import jwt, { type JwtPayload } from "jsonwebtoken";
import { JwksClient } from "jwks-rsa";

export const BOT_FRAMEWORK_OPENID_METADATA =
  "https://login.botframework.com/v1/.well-known/openidconfiguration";
export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface BotTokenSettings {
  /** The bot's Entra application (client) id: the token's audience. */
  readonly clientId: string;
  readonly openIdMetadataUrl?: string;
  readonly issuers?: readonly string[];
}

export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`bot token rejected: ${reason}`);
    this.name = "TokenRejected";
  }
}

export class BotTokenValidator {
  private jwks: Promise<JwksClient> | undefined;

  constructor(private readonly settings: BotTokenSettings) {}

  /** The verified claims, or TokenRejected with a reason for the logs (never for the caller). */
  async validate(authorization: string | undefined, serviceUrl: string | undefined): Promise<JwtPayload> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match?.[1]) throw new TokenRejected("no bearer token");
    const token = match[1];
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === "string") throw new TokenRejected("malformed token");
    const kid = decoded.header.kid;
    if (!kid) throw new TokenRejected("token names no signing key");
    let key: string;
    try {
      key = (await (await this.keys()).getSigningKey(kid)).getPublicKey();
    } catch (error) {
      // A failed metadata fetch must not be cached, or one network blip would refuse every request.
      this.jwks = undefined;
      throw new TokenRejected(`signing key not found (${error instanceof Error ? error.name : "error"})`);
    }
    let claims: JwtPayload;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ["RS256"],
        audience: this.settings.clientId,
        issuer: [...(this.settings.issuers ?? [BOT_FRAMEWORK_ISSUER])] as [string, ...string[]],
        clockTolerance: 300,
      }) as JwtPayload;
    } catch (error) {
      throw new TokenRejected(error instanceof Error ? error.message : "invalid token");
    }
    const claimed = (claims as { serviceurl?: unknown }).serviceurl;
    if (
      typeof claimed === "string" &&
      serviceUrl !== undefined &&
      trimSlash(claimed) !== trimSlash(serviceUrl)
    ) {
      throw new TokenRejected("token is for another service URL");
    }
    return claims;
  }

  private keys(): Promise<JwksClient> {
    this.jwks ??= (async () => {
      const url = this.settings.openIdMetadataUrl ?? BOT_FRAMEWORK_OPENID_METADATA;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`OpenID metadata ${response.status}`);
      const metadata = (await response.json()) as { jwks_uri?: unknown };
      if (typeof metadata.jwks_uri !== "string") throw new Error("OpenID metadata has no jwks_uri");
      return new JwksClient({
        jwksUri: metadata.jwks_uri,
        cache: true,
        cacheMaxAge: 24 * 60 * 60 * 1000,
        timeout: 5000,
      });
    })();
    return this.jwks;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "").toLowerCase();
}
