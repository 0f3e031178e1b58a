// The token check's signing keys against a local OpenID endpoint that counts what it serves (hardening
// points 1 and 2): forged key ids cannot make the bot fetch, a valid request during a flood fetches nothing,
// a failed refresh keeps the keys held, every fetch has a timeout; and tokens the Bot Framework's rules
// refuse (no service URL, no expiry, a key endorsed for another channel) are refused.
import { randomUUID } from "node:crypto";

import { BotTokenValidator, TokenRejected } from "../../src/adapters/teams/bot-token";
import { FakeOpenIdIssuer } from "../fakes/openid";

const CLIENT_ID = "7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const SERVICE_URL = "https://smba.trafficmanager.net/uk/";
const TEAMS = { serviceUrl: SERVICE_URL, channelId: "msteams" };
const INTERVAL = 5 * 60_000;

let issuer: FakeOpenIdIssuer;
let now: number;

beforeEach(async () => {
  issuer = await FakeOpenIdIssuer.start();
  now = Date.parse("2026-12-02T10:00:00Z");
});

afterEach(async () => {
  await issuer.close();
});

const validator = (overrides: Partial<ConstructorParameters<typeof BotTokenValidator>[0]> = {}) =>
  new BotTokenValidator({
    clientId: CLIENT_ID,
    openIdMetadataUrl: issuer.metadataUrl,
    nowMs: () => now,
    ...overrides,
  });
const valid = () => issuer.authorization(CLIENT_ID, SERVICE_URL);
const randomKid = () =>
  `Bearer ${issuer.botToken({ aud: CLIENT_ID, serviceurl: SERVICE_URL }, { kid: `forged-${randomUUID()}` })}`;
const fetches = () => ({
  metadata: issuer.served.filter((p) => p.endsWith("openidconfiguration")).length,
  keys: issuer.served.filter((p) => p.endsWith("/keys")).length,
});

describe("hardening point 1: signing keys", () => {
  it("1,000 requests with random key ids cause at most one metadata and one key fetch per refresh interval", async () => {
    const check = validator();
    await check.validate(valid(), TEAMS);
    expect(fetches()).toEqual({ metadata: 1, keys: 1 });
    const flood = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () => check.validate(randomKid(), TEAMS).catch((e: unknown) => e)),
      );
    // In the interval of the first fetch, forged ids fetch nothing more.
    const results = await flood(1000);
    expect(results.every((r) => r instanceof TokenRejected)).toBe(true);
    expect(fetches()).toEqual({ metadata: 1, keys: 1 });
    // In each later interval, one refresh at most, however many forged ids arrive.
    for (let interval = 1; interval <= 3; interval++) {
      now += INTERVAL;
      await flood(1000);
      expect(fetches()).toEqual({ metadata: 1 + interval, keys: 1 + interval });
    }
  });

  it("a valid request during the flood is answered from the keys held, without a fetch of its own", async () => {
    const check = validator();
    await check.validate(valid(), TEAMS);
    now += INTERVAL;
    issuer.metadataDelayMs = 1500;
    let floodSettled = false;
    const flood = Promise.all(
      Array.from({ length: 100 }, () => check.validate(randomKid(), TEAMS).catch(() => undefined)),
    ).then(() => {
      floodSettled = true;
    });
    await expect(check.validate(valid(), TEAMS)).resolves.toMatchObject({ aud: CLIENT_ID });
    // Answered while the flood's one refresh was still waiting on the slow endpoint.
    expect(floodSettled).toBe(false);
    await flood;
    expect(fetches()).toEqual({ metadata: 2, keys: 2 });
  });

  it("a refresh that fails keeps the keys already held", async () => {
    const check = validator();
    await check.validate(valid(), TEAMS);
    issuer.failing = true;
    now += 2 * 24 * 60 * 60_000; // past the keys' lifetime: a refresh is due, and fails
    await expect(check.validate(valid(), TEAMS)).resolves.toMatchObject({ aud: CLIENT_ID });
    await expect(check.validate(randomKid(), TEAMS)).rejects.toThrow(TokenRejected);
    expect(fetches().metadata).toBe(2);
  });

  it("every fetch has a timeout: a metadata endpoint that does not answer refuses the request, and does not hang it", async () => {
    issuer.metadataDelayMs = 10_000;
    const check = validator({ fetchTimeoutMs: 200 });
    await expect(check.validate(valid(), TEAMS)).rejects.toThrow(TokenRejected);
  });
});

describe("hardening point 2: the Bot Framework's rules", () => {
  it.each(["no-service-url", "no-expiry"] as const)("refuses a token with %s", async (kind) => {
    const check = validator();
    await expect(
      check.validate(issuer.badAuthorization(kind, CLIENT_ID, SERVICE_URL), TEAMS),
    ).rejects.toThrow(TokenRejected);
  });

  it("refuses a key endorsed only for msteams on an activity from another channel", async () => {
    const check = validator();
    await expect(check.validate(valid(), { ...TEAMS, channelId: "directline" })).rejects.toThrow(
      /not endorsed for the activity's channel/,
    );
    await expect(check.validate(valid(), TEAMS)).resolves.toMatchObject({ aud: CLIENT_ID });
  });
});
