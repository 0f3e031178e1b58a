// Retries Cosmos DB calls through the transient faults the SDK does not retry itself (timeouts, 5xx, dropped
// connections), with exponential back-off. Throttling (429) is the SDK's alone (client.ts sets its retry
// options), so a throttled call is never retried by two layers at once. A write whose answer was lost is retried too: a create then meets 409 and an
// ETag-guarded replace meets 412, which the caller resolves by reading again, so nothing is applied twice.

import { errorName } from "../../domain/log-fields";

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 50, maxDelayMs: 5_000 };

const TRANSIENT_STATUS = new Set([408, 449, 500, 502, 503, 504]);
const TRANSIENT_NETWORK = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
]);

export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === "number") return code;
  if (typeof statusCode === "number") return statusCode;
  return undefined;
}

/**
 * What a failed call without a status met, as the log may carry it: a network error's code (ECONNRESET) or
 * the error's name (TimeoutError), never its message.
 */
export function networkReasonOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || statusOf(error) !== undefined) return undefined;
  const { code } = error as { code?: unknown };
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  return error instanceof Error ? errorName(error) : undefined;
}

export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined) return TRANSIENT_STATUS.has(status);
  if (typeof error !== "object" || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === "string" && TRANSIENT_NETWORK.has(code)) return true;
  if (name === "TimeoutError") return true;
  return typeof message === "string" && /socket hang up|ECONNRESET|network|aborted/i.test(message);
}

export async function withRetries<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  onRetry?: (attempt: number, error: unknown) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      onRetry?.(attempt, error);
      const backOff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jitter = Math.random() * backOff * 0.2;
      await new Promise((resolve) => setTimeout(resolve, backOff + jitter));
    }
  }
}
