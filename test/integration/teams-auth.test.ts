/**
 * /api/messages with the bot's client id configured: Bot Framework tokens are checked against a local
 * OpenID/JWKS endpoint serving a test key. Every bad token is a bare 401 with no library error text; a good
 * one is served, and the bot's own calls to the connector carry its outbound token. Activities from tenants
 * not configured are refused, and a configuration without a client id refuses to start.
 */
import { VERBS } from "../../src/adapters/cards";
import { ConfigError } from "../../src/config";
import { createBot } from "../../src/main";
import { BAD_TOKENS } from "../fakes/openid";
import { RecordingLogger } from "../fakes/recording-logger";
import { messageActivity } from "../support/activities";
import {
  BOT_CLIENT_ID,
  BotHarness,
  cardSchemaProblems,
  OUTBOUND_TOKEN,
  previewsNamingTheChild,
  raiseThroughCard,
  type TeamsPerson,
  TENANT_ID,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start({ mode: "bot-framework" });
  priya = h.as("Priya Shah");
});

afterAll(async () => {
  await h.close();
});

/** Words from jsonwebtoken or the SDK that must never reach a caller. */
const LIBRARY_WORDS =
  /jwt|token|signature|audience|issuer|expired|malformed|invalid|kid|jwks|bearer|stack|error:/i;

describe("a Bot Framework token is required", () => {
  it.each(BAD_TOKENS)(
    "a %s token gets 401 with no detail, and the activity is not processed",
    async (kind) => {
      const requestsBefore = h.connector.requests.length;
      const authorization = h.issuer!.badAuthorization(kind, BOT_CLIENT_ID, h.channel.serviceUrl);
      const answer = await priya.say("help", {}, { authorization: authorization ?? null });
      expect(answer.status).toBe(401);
      expect(answer.text === "" || !LIBRARY_WORDS.test(answer.text)).toBe(true);
      expect(answer.text.length).toBeLessThan(100);
      expect(h.connector.requests.length).toBe(requestsBefore);
      expect(await h.bot.services.conversations.get(priya.id)).toBeUndefined();
    },
  );

  it("the refusals are logged with a reason, and the keys came from the configured OpenID endpoint", () => {
    const reasons = h.logger.entries
      .filter((e) => e.message === "request refused")
      .map((e) => String(e.properties["reason"]));
    expect(reasons.length).toBeGreaterThanOrEqual(BAD_TOKENS.length);
    expect(h.issuer!.served).toEqual(
      expect.arrayContaining(["/v1/.well-known/openidconfiguration", "/v1/.well-known/keys"]),
    );
  });

  it("a valid token is served, and the bot's replies carry its outbound token", async () => {
    const answer = await priya.install();
    expect(answer.status).toBe(200);
    const sent = h.connector.activities(priya.user.conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(await h.bot.services.conversations.get(priya.id)).toBeDefined();
  });

  it("a card action with a valid token is answered in the HTTP response", async () => {
    const answer = await priya.act(VERBS.myEscalations, {});
    expect(answer.status).toBe(200);
    expect(answer.card).toBeDefined();
  });

  it("proactive sends carry the outbound token too", async () => {
    const daniel = h.as("Daniel Reid");
    await daniel.install();
    await raiseThroughCard(h, priya, VERBS.raise);
    const toDaniel = h.connector.activities(daniel.user.conversationId);
    expect(toDaniel.length).toBe(2);
    expect(toDaniel.every((a) => a.authorization === `Bearer ${OUTBOUND_TOKEN}`)).toBe(true);
    expect(h.connector.requests.every((r) => r.headers["authorization"] === `Bearer ${OUTBOUND_TOKEN}`)).toBe(
      true,
    );
  });

  it("a request that is not an activity gets 400, before any token check", async () => {
    const answer = await h.postRaw("{not json", { "content-type": "application/json" });
    expect(answer.status).toBe(400);
    const shapeless = await h.postRaw(JSON.stringify({ type: "message", text: "hi" }), {
      "content-type": "application/json",
    });
    expect(shapeless.status).toBe(400);
  });
});

describe("tenants", () => {
  it("refuses an activity from a tenant that is not configured, and stores nothing", async () => {
    const stranger = h.as("Tom Okafor");
    const otherTenant = "99999999-0000-4000-8000-000000000000";
    const requestsBefore = h.connector.requests.length;
    const activity = messageActivity(h.channel, stranger.user, "raise", {
      conversation: { id: stranger.user.conversationId, conversationType: "personal", tenantId: otherTenant },
      channelData: { tenant: { id: otherTenant } },
    });
    const answer = await h.post(activity);
    expect(answer.status).toBe(403);
    expect(answer.text === "" || !LIBRARY_WORDS.test(answer.text)).toBe(true);
    expect(h.connector.requests.length).toBe(requestsBefore);
    expect(await h.bot.services.conversations.get(stranger.id)).toBeUndefined();
  });

  it.each([
    ["the conversation", (own: string, other: string) => ({ conversation: other, channelData: own })],
    ["the channel data", (own: string, other: string) => ({ conversation: own, channelData: other })],
  ])(
    "hardening point 4: refuses an activity whose tenant is split, a foreign one in %s, and stores nothing",
    async (_, split) => {
      const stranger = h.as("Tom Okafor");
      const tenants = split(h.channel.tenantId, "99999999-0000-4000-8000-000000000000");
      const requestsBefore = h.connector.requests.length;
      const activity = messageActivity(h.channel, stranger.user, "raise", {
        conversation: {
          id: stranger.user.conversationId,
          conversationType: "personal",
          tenantId: tenants.conversation,
        },
        channelData: { tenant: { id: tenants.channelData } },
      });

      expect((await h.post(activity)).status).toBe(403);
      expect(h.connector.requests.length).toBe(requestsBefore);
      expect(await h.bot.services.conversations.get(stranger.id)).toBeUndefined();
    },
  );

  it("refuses an activity that names no tenant", async () => {
    const activity = messageActivity(h.channel, priya.user, "help", {
      conversation: { id: priya.user.conversationId, conversationType: "personal" },
      channelData: {},
    });
    expect((await h.post(activity)).status).toBe(403);
  });

  it("serves the configured tenant", async () => {
    expect((await priya.say("help")).status).toBe(200);
    expect(TENANT_ID).toBe(h.channel.tenantId);
  });
});

describe("configuration", () => {
  it("refuses to start without a client id unless local mode is set, listing every problem at once", async () => {
    const attempt = createBot({ env: { COSMOS_DATABASE: "never-created" }, logger: new RecordingLogger() });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    const fields = error.problems.map((p) => p.split(":")[0]);
    expect(fields).toEqual(
      expect.arrayContaining([
        "BOT_CLIENT_ID",
        "BOT_TENANT_ID",
        "BOT_CLIENT_SECRET",
        "ALLOWED_TENANT_IDS",
        "COSMOS_ENDPOINT",
      ]),
    );
    expect(error.message).toContain("LOCAL_MODE=true");
  });

  it("refuses LOCAL_MODE values it does not understand rather than guessing", async () => {
    await expect(
      createBot({ env: { LOCAL_MODE: "yes" }, logger: new RecordingLogger() }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});

it("no notification preview names a child", () => {
  expect(h.connector.activities().length).toBeGreaterThan(0);
  expect(previewsNamingTheChild(h)).toEqual([]);
});

it("every card the bot answered with or sent validates against the Adaptive Card 1.5 schema", () => {
  const invalid = h
    .allCards()
    .map(({ where, card }) => ({ where, problems: cardSchemaProblems(card) }))
    .filter((c) => c.problems.length > 0);
  expect(invalid).toEqual([]);
});
