// The token check under a flood of forged key ids: a valid request's check timed alone, and again while
// 1,000 requests naming random key ids arrive, with the OpenID metadata endpoint taking 1.5 s to answer
// (a slow identity endpoint). The keys are held, so the flood should cost the valid request nothing.
import { randomUUID } from "node:crypto";

import { BotTokenValidator } from "../src/adapters/teams/bot-token";
import { FakeOpenIdIssuer } from "../test/fakes/openid";
import { percentile } from "./support/stats";

export interface TokenResult {
  readonly quiet: { readonly p50: number; readonly p99: number };
  readonly flood: { readonly p50: number; readonly p99: number };
  readonly forged: number;
  readonly fetches: { readonly metadata: number; readonly keys: number };
}

const CLIENT_ID = "7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const SERVICE_URL = "https://smba.trafficmanager.net/uk/";
const TEAMS = { serviceUrl: SERVICE_URL, channelId: "msteams" };

export async function runToken(
  options: { requests: number },
  progress: (line: string) => void,
): Promise<TokenResult> {
  const issuer = await FakeOpenIdIssuer.start();
  try {
    const check = new BotTokenValidator({ clientId: CLIENT_ID, openIdMetadataUrl: issuer.metadataUrl });
    const token = issuer.authorization(CLIENT_ID, SERVICE_URL);
    await check.validate(token, TEAMS);
    const time = async (): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < options.requests; i++) {
        const started = performance.now();
        await check.validate(token, TEAMS);
        times.push(performance.now() - started);
      }
      return times;
    };
    progress("token: a valid request, quiet");
    const quiet = await time();
    progress("token: a valid request during a flood of 1,000 forged key ids");
    issuer.metadataDelayMs = 1500;
    const forged = Array.from({ length: 1000 }, () =>
      check
        .validate(
          `Bearer ${issuer.botToken({ aud: CLIENT_ID, serviceurl: SERVICE_URL }, { kid: `forged-${randomUUID()}` })}`,
          TEAMS,
        )
        .catch(() => undefined),
    );
    const flood = await time();
    await Promise.all(forged);
    const of = (t: number[]) => ({ p50: percentile(t, 0.5), p99: percentile(t, 0.99) });
    return {
      quiet: of(quiet),
      flood: of(flood),
      forged: forged.length,
      fetches: {
        metadata: issuer.served.filter((p) => p.endsWith("openidconfiguration")).length,
        keys: issuer.served.filter((p) => p.endsWith("/keys")).length,
      },
    };
  } finally {
    await issuer.close();
  }
}
