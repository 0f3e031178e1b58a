// A plain Node HTTP host for the same handler the Azure Functions trigger serves: the local run, the
// end-to-end tests and the benchmarks use it.
import http from "node:http";
import type { AddressInfo } from "node:net";

import {
  declaredTooLarge,
  type HttpRequestLike,
  type HttpResponseLike,
  MAX_BODY_BYTES,
  TOO_LARGE,
} from "../teams/http-handler";

export interface NodeHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function serveMessages(
  handle: (request: HttpRequestLike) => Promise<HttpResponseLike>,
  port = 0,
  host = "127.0.0.1",
): Promise<NodeHost> {
  const server = http.createServer((req, res) => {
    if (req.url !== "/api/messages") {
      res
        .writeHead(req.url === "/health" ? 200 : 404, { "content-type": "text/plain" })
        .end(req.url === "/health" ? "ok" : "");
      return;
    }
    if (req.method === "HEAD") {
      res.writeHead(200).end();
      return;
    }
    // A body over the limit is refused as soon as it is known to be: by its declared length before any of
    // it is read, or once the bytes read pass the limit; the rest is never read and the connection closes.
    const refuse = () => {
      req.pause();
      res.once("finish", () => req.destroy());
      res.writeHead(TOO_LARGE.status, { ...TOO_LARGE.headers, connection: "close" }).end(TOO_LARGE.body);
    };
    if (declaredTooLarge(req.headers["content-length"])) {
      refuse();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refused = true;
        chunks.length = 0;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers[key] = value;
      }
      handle({ method: req.method ?? "GET", headers, body: Buffer.concat(chunks).toString("utf8") })
        .then((response) => {
          res.writeHead(response.status, response.headers).end(response.body);
        })
        .catch(() => {
          res
            .writeHead(500, { "content-type": "application/json" })
            .end('{"error":"The activity could not be processed."}');
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/api/messages`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
