// Puts a file into the OneDrive upload session Teams opens when a person accepts a file from the bot
// (`uploadInfo.uploadUrl`). The session URL carries its own authorisation, so no token is sent with it.
// The file goes in ranges (each a multiple of 320 KiB, as OneDrive requires, the last excepted); a throttled
// (429) or failed (5xx) range is sent again after the wait the service asks for, resuming where the
// session says it stands.
import { retryAfterMs, sleep } from "../retry-after";

/** OneDrive accepts ranges in multiples of 320 KiB; ten of them per request. */
export const UPLOAD_CHUNK_BYTES = 10 * 320 * 1024;

export class UploadError extends Error {
  override readonly name = "UploadError";
  constructor(readonly status: number) {
    super(`the upload session answered ${status}`);
  }
}

export interface UploadOptions {
  readonly chunkBytes?: number;
  readonly maxRetries?: number;
  /** Upper bound on one wait, whatever Retry-After says. */
  readonly maxRetryAfterMs?: number;
  readonly timeoutMs?: number;
}

export async function uploadToSession(
  uploadUrl: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<void> {
  const chunk = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  const maxRetries = options.maxRetries ?? 4;
  let start = 0;
  let retries = 0;
  while (start < bytes.length) {
    const end = Math.min(start + chunk, bytes.length);
    const response = await fetch(uploadUrl, {
      method: "PUT",
      headers: {
        "content-length": String(end - start),
        "content-range": `bytes ${start}-${end - 1}/${bytes.length}`,
      },
      body: bytes.subarray(start, end),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    if (response.status === 429 || response.status >= 500) {
      if (retries >= maxRetries) throw new UploadError(response.status);
      retries += 1;
      await sleep(
        Math.min(
          retryAfterMs(response.headers.get("retry-after")) ?? 1000 * 2 ** retries,
          options.maxRetryAfterMs ?? 10_000,
        ),
      );
      start = (await nextExpected(uploadUrl, options)) ?? start;
      continue;
    }
    if (response.status >= 400) throw new UploadError(response.status);
    retries = 0;
    if (response.status === 200 || response.status === 201) return;
    start = firstRange(text) ?? end;
  }
}

/** Where the session stands: the start of the first range it still expects. */
async function nextExpected(uploadUrl: string, options: UploadOptions): Promise<number | undefined> {
  const response = await fetch(uploadUrl, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  return response.ok ? firstRange(await response.text()) : undefined;
}

function firstRange(text: string): number | undefined {
  try {
    const ranges = (JSON.parse(text) as { nextExpectedRanges?: unknown }).nextExpectedRanges;
    const first: unknown = Array.isArray(ranges) ? (ranges as unknown[])[0] : undefined;
    const start = typeof first === "string" ? Number(first.split("-")[0]) : Number.NaN;
    return Number.isSafeInteger(start) ? start : undefined;
  } catch {
    return undefined;
  }
}
