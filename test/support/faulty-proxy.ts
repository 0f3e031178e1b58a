// An HTTPS proxy that puts the faults of a real network and a busy Cosmos DB account between the client and
// the in-process server: throttling (429), a service that is briefly unavailable (503), a connection reset
// before the request arrives, and the worst case for a write, a response lost after the server applied it.
// A fault plan decides each request's fate; the proxy counts what it saw and what it injected, so a test can
// show its faults really happened.
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import path from "node:path";

import { listenOnLoopback } from "../../src/adapters/local/loopback";

export type Fault = "throttle" | "unavailable" | "reset" | "lose-response";
export type Decision = "pass" | Fault;

export interface ProxiedRequest {
  readonly method: string;
  /** The path and query string, e.g. /dbs/test/colls/escalations/docs/esc-1. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The request body as text (a document's JSON for a write). */
  readonly body: string;
  /** A document create, replace or upsert: a POST or PUT under /docs that is not a query. */
  readonly isDocumentWrite: boolean;
  /** 1 for the first request the proxy sees. */
  readonly seq: number;
}

export type FaultPlan = (request: ProxiedRequest) => Decision;

export const passEverything: FaultPlan = () => "pass";

export interface FaultyProxy {
  readonly endpoint: string;
  /**
   * Sends what arrives from now on to this server and returns the proxy's own endpoint, so it fits
   * `openTestDatabase({ endpoint: (server) => proxy.forwardTo(server.endpoint) })`.
   */
  forwardTo(upstream: string): string;
  /** Replaced at any time; applies to the requests that arrive afterwards. */
  plan: FaultPlan;
  /** How many of each fault were injected. */
  readonly injected: Readonly<Record<Fault, number>>;
  /** Requests seen, by HTTP method, faulted or not. */
  readonly seen: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

// The local server's own certificate: the client already accepts it for the server, so it serves the proxy too.
const SERVER_PACKAGE = path.dirname(require.resolve("@zeit/cosmosdb-server/package.json"));

/** Hop-by-hop headers belong to one connection and are not forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

const THROTTLE_BODY = JSON.stringify({ code: "TooManyRequests", message: "Request rate is large" });
const UNAVAILABLE_BODY = JSON.stringify({
  code: "ServiceUnavailable",
  message: "The service is currently unavailable",
});

export async function startFaultyProxy(plan: FaultPlan = passEverything): Promise<FaultyProxy> {
  let target: URL | undefined;
  // Accepts the local server's self-signed certificate for the proxy's own upstream requests only.
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
  const injected: Record<Fault, number> = { throttle: 0, unavailable: 0, reset: 0, "lose-response": 0 };
  const seen: Record<string, number> = {};
  let seq = 0;

  const proxy: FaultyProxy = {
    endpoint: "",
    forwardTo: (upstream) => {
      target = new URL(upstream);
      return proxy.endpoint;
    },
    plan,
    injected,
    seen,
    stop: () => Promise.resolve(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    seen[method] = (seen[method] ?? 0) + 1;
    seq += 1;
    const body = await readAll(req);
    const isQuery = req.headers["x-ms-documentdb-isquery"] !== undefined;
    const isDocumentWrite =
      (method === "POST" || method === "PUT") && /\/docs(\/[^/?]+)?(\?.*)?$/.test(url) && !isQuery;
    const decision = proxy.plan({
      method,
      path: url,
      headers: req.headers,
      body: body.toString("utf8"),
      isDocumentWrite,
      seq,
    });
    if (decision !== "pass") injected[decision] += 1;

    switch (decision) {
      case "throttle":
        answer(res, 429, { "x-ms-retry-after-ms": "5", "x-ms-substatus": "3200" }, THROTTLE_BODY);
        return;
      case "unavailable":
        answer(res, 503, {}, UNAVAILABLE_BODY);
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "pass":
      case "lose-response": {
        if (!target) throw new Error("the proxy has no upstream: call forwardTo first");
        const response = await forward(agent, target, method, url, req.headers, body);
        if (decision === "lose-response") {
          // The server applied the request and answered in full; the caller never hears.
          req.socket.destroy();
          return;
        }
        answer(res, response.status, response.headers, response.body);
        return;
      }
    }
  };

  const server = https.createServer(
    {
      cert: readFileSync(path.join(SERVER_PACKAGE, "cert.pem")),
      key: readFileSync(path.join(SERVER_PACKAGE, "key.pem")),
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // The upstream failed (e.g. the server was stopped): the caller sees a reset, as on a real network.
        if (!res.headersSent) res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    },
  );
  const port = await listenOnLoopback(server);

  return Object.assign(proxy, {
    endpoint: `https://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          agent.destroy();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  });
}

interface Forwarded {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(
  agent: https.Agent,
  target: URL,
  method: string,
  url: string,
  incoming: IncomingHttpHeaders,
  body: Buffer,
): Promise<Forwarded> {
  const headers = withoutHopByHop(incoming);
  headers["host"] = target.host;
  headers["content-length"] = String(body.length);
  return new Promise<Forwarded>((resolve, reject) => {
    const request = https.request(
      {
        agent,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method,
        path: url,
        headers,
      },
      (response) => {
        readAll(response).then(
          (data) => {
            resolve({ status: response.statusCode ?? 502, headers: response.headers, body: data });
          },
          (error: unknown) => {
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

function answer(
  res: ServerResponse,
  status: number,
  headers: IncomingHttpHeaders | Record<string, string>,
  body: Buffer | string,
): void {
  const outgoing = withoutHopByHop(headers);
  outgoing["content-length"] = String(Buffer.byteLength(body));
  if (typeof body === "string") outgoing["content-type"] ??= "application/json";
  res.writeHead(status, outgoing);
  res.end(body);
}

function withoutHopByHop(
  headers: IncomingHttpHeaders | Record<string, string>,
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    result[name] = value;
  }
  return result;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer | string) =>
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)),
    );
    stream.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    stream.on("error", reject);
  });
}
