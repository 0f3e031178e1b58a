// The Azure Functions HTTP trigger's side of /api/messages: the request's length is checked before its body
// is read, the body is read only up to the limit, and the same handler as the local host answers.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";

import {
  declaredTooLarge,
  type HttpRequestLike,
  type HttpResponseLike,
  MAX_BODY_BYTES,
  TOO_LARGE,
} from "../adapters/teams/http-handler";

export function functionsMessages(
  handle: (request: HttpRequestLike) => Promise<HttpResponseLike>,
): (request: HttpRequest) => Promise<HttpResponseInit> {
  return async (request) => {
    let response: HttpResponseLike;
    if (declaredTooLarge(request.headers.get("content-length"))) {
      response = TOO_LARGE;
    } else {
      const body = await readUpTo(request.body, MAX_BODY_BYTES);
      response =
        body === undefined
          ? TOO_LARGE
          : await handle({
              method: request.method,
              headers: Object.fromEntries(request.headers.entries()),
              body,
            });
    }
    return {
      status: response.status,
      headers: response.headers,
      ...(response.body !== undefined ? { body: response.body } : {}),
    };
  };
}

/** The body as text, or undefined once it passes the limit (the rest is not read). */
async function readUpTo(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string | undefined> {
  if (stream === null) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
