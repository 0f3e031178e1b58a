// One load run: autocannon posts the given bodies to /api/messages over keep-alive connections, each body
// once, and every response's time is kept so the percentiles are exact rather than read off a histogram.
import autocannon from "autocannon";

import { percentile } from "./stats";

export interface LoadRun {
  readonly connections: number;
  readonly requests: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** Responses per second over the run. */
  readonly rps: number;
  readonly durationMs: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /** Responses that were 200 and carried the card the action's success shows. */
  readonly verified: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  /** One request per body, in order. */
  readonly bodies: readonly string[];
  /** The words a successful answer's card carries. */
  readonly expect: string;
}

export async function load(options: LoadOptions): Promise<{ run: LoadRun; sample?: string }> {
  const { url, connections, bodies, expect } = options;
  const times: number[] = [];
  let next = 0;
  let verified = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let sample: string | undefined;
  const started = performance.now();
  let finished = started;
  await new Promise<void>((resolve, reject) => {
    // autocannon notices that its requests are done only on its one-second tick: the run ends here as soon
    // as every request is answered, so a short run is not padded to the next whole second.
    const done = () => {
      if (times.length + errors >= bodies.length) {
        finished = performance.now();
        instance.stop();
        resolve();
      }
    };
    const instance = autocannon(
      {
        url,
        connections,
        amount: bodies.length,
        pipelining: 1,
        timeout: 30,
        method: "POST",
        headers: { "content-type": "application/json" },
        requests: [
          {
            method: "POST",
            setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] ?? "" }),
            onResponse: (status, body) => {
              if (status === 200 && body.includes(expect)) {
                verified += 1;
                sample ??= body;
              }
            },
          },
        ],
      },
      (error: unknown) => {
        if (error)
          reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`));
        else {
          finished = performance.now();
          resolve();
        }
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      times.push(responseTime);
      if (status < 200 || status > 299) non2xx += 1;
      done();
    });
    instance.on("reqError", (error: unknown) => {
      errors += 1;
      if (error instanceof Error && error.message.includes("timed out")) timeouts += 1;
      done();
    });
  });
  const durationMs = finished - started;
  const mean = times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length);
  return {
    run: {
      connections,
      requests: times.length,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
      max: percentile(times, 1),
      mean,
      rps: (times.length / durationMs) * 1000,
      durationMs,
      errors,
      timeouts,
      non2xx,
      verified,
    },
    ...(sample !== undefined ? { sample } : {}),
  };
}

export interface PacedRun {
  readonly requests: number;
  /** Time to the answer, each request sent once the sends the one before started have finished. */
  readonly p50: number;
  readonly p95: number;
  /** Answers that were 200 and carried the card the action's success shows. */
  readonly verified: number;
}

/**
 * One request at a time over one keep-alive connection, waiting after each answer for `settled` (the
 * server's sends after the answer) before the next: the answer's own latency, with the sends after it kept
 * from delaying the next request.
 */
export async function paced(options: {
  readonly url: string;
  readonly bodies: readonly string[];
  readonly expect: string;
  readonly settled: () => Promise<unknown>;
}): Promise<PacedRun> {
  const times: number[] = [];
  let verified = 0;
  for (const body of options.bodies) {
    const started = performance.now();
    const response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status === 200 && text.includes(options.expect)) verified += 1;
    await options.settled();
  }
  return {
    requests: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    verified,
  };
}
