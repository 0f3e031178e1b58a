// Microsoft Graph over fetch, as the bot's own identity: one token cached until shortly before it expires,
// throttling (429) and a service that is briefly unavailable (503, 504) retried after the wait Graph asks
// for, every call with a time limit. Errors carry
// Graph's status and error code, never a response body with people's details.
import { ManagedIdentityCredential } from "@azure/identity";

import { retryAfterMs, sleep } from "../retry-after";

export class GraphError extends Error {
  override readonly name = "GraphError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0`, or a national cloud's, or a local stand-in. */
  readonly baseUrl: string;
  readonly token: () => Promise<string>;
  readonly maxThrottledRetries?: number;
  /** Upper bound on one wait, whatever Retry-After says. */
  readonly maxRetryAfterMs?: number;
  readonly timeoutMs?: number;
}

/** A body sent as it is, not as JSON: e.g. a MIME message, base64-encoded, for sendMail. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/** Graph's answers that say "not now": the request was not carried out and may be sent again. */
const RETRIED = new Set([429, 503, 504]);

export interface GraphResponse {
  readonly status: number;
  readonly body: unknown;
}

export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl.replace(/\/+$/, "");
  }

  /** Sends one request; a 4xx or 5xx other than those listed in `accept` throws a GraphError. */
  async request(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    accept: readonly number[] = [],
  ): Promise<GraphResponse> {
    const retries = this.options.maxThrottledRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.options.token()}`,
          ...(body === undefined
            ? {}
            : { "content-type": body instanceof RawBody ? body.contentType : "application/json" }),
        },
        ...(body === undefined ? {} : { body: body instanceof RawBody ? body.text : JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      const parsed: unknown = text === "" ? undefined : safeJson(text);
      if (RETRIED.has(response.status) && attempt < retries) {
        await sleep(
          Math.min(
            retryAfterMs(response.headers.get("retry-after")) ?? 1000 * 2 ** attempt,
            this.options.maxRetryAfterMs ?? 10_000,
          ),
        );
        continue;
      }
      if (response.status >= 400 && !accept.includes(response.status)) {
        const code = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
        throw new GraphError(
          response.status,
          typeof code === "string" ? code : "unknown",
          `Graph ${method} answered ${response.status}${typeof code === "string" ? ` (${code})` : ""}`,
        );
      }
      return { status: response.status, body: parsed };
    }
  }
}

/** A token source that asks for a new token only when the one held is about to expire. */
export function cachedToken(
  fetchToken: () => Promise<{ readonly token: string; readonly expiresOnTimestamp: number }>,
  now: () => number = Date.now,
): () => Promise<string> {
  let held: { token: string; expiresOnTimestamp: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (held && held.expiresOnTimestamp - now() > 5 * 60_000) return Promise.resolve(held.token);
    pending ??= fetchToken()
      .then((fresh) => {
        held = { ...fresh };
        return fresh.token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/** Graph tokens for the bot's user-assigned managed identity (or the system-assigned one with no client id). */
export function managedIdentityGraphToken(clientId: string | undefined): () => Promise<string> {
  const credential = new ManagedIdentityCredential(clientId ? { clientId } : {});
  return cachedToken(async () => {
    const fresh = await credential.getToken("https://graph.microsoft.com/.default");
    return { token: fresh.token, expiresOnTimestamp: fresh.expiresOnTimestamp };
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
