/**
 * The edges of /api/messages over HTTP (hardening point 10): an invoke no route takes is answered 200 with a
 * card saying the action is not available, never a bare 501 that Teams draws as a broken card; the message
 * action answers only its own command; a body over the limit is answered 413 by both hosts before it is
 * read in full, and the Functions entry checks the declared length before reading at all.
 */
import http from "node:http";

import { HttpRequest } from "@azure/functions";

import { MAX_BODY_BYTES } from "../../src/adapters/teams/http-handler";
import { NOT_AVAILABLE } from "../../src/adapters/teams/routes/not-available";
import { functionsMessages } from "../../src/hosts/functions-http";
import { fetchTaskActivity, messagePayload, submitActionActivity } from "../support/activities";
import { actionsOf, BotHarness, cardText, type TeamsPerson, validRaiseForm } from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  await priya.install();
});

afterAll(async () => {
  await h.close();
});

/** The invoke activity Teams would send, with this name and value. */
function invoke(name: string, value?: unknown) {
  const base = JSON.parse(JSON.stringify(priyaCardAction())) as Record<string, unknown>;
  delete base["value"];
  return { ...base, name, ...(value === undefined ? {} : { value }) };
}

function priyaCardAction() {
  return {
    type: "invoke",
    id: "edge-1",
    channelId: "msteams",
    serviceUrl: h.channel.serviceUrl,
    from: { id: priya.user.id, name: priya.name, aadObjectId: priya.id },
    conversation: {
      id: priya.user.conversationId,
      conversationType: "personal",
      tenantId: h.channel.tenantId,
    },
    recipient: h.channel.bot,
    channelData: { tenant: { id: h.channel.tenantId } },
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb: "x", data: {} }, trigger: "manual" },
  };
}

describe("hardening point 10: invokes no route takes", () => {
  it("a card button with a verb the bot does not have gets a card saying the action is not available", async () => {
    const answer = await priya.act("launch-rocket", { escalationId: "whatever" });

    expect(answer.status).toBe(200);
    expect(answer.card).toBeDefined();
    expect(cardText(answer.card!)).toContain(NOT_AVAILABLE);
  });

  it("a card action with no value at all gets the same card", async () => {
    const answer = await h.post(invoke("adaptiveCard/action"));

    expect(answer.status).toBe(200);
    expect(cardText(answer.card!)).toContain(NOT_AVAILABLE);
  });

  it.each(["config/fetch", "actionableMessage/executeAction", "signin/verifyState", "message/submitAction"])(
    "an invoke named %s gets a 200 answer with the card",
    async (name) => {
      const answer = await h.post(invoke(name, { anything: true }));

      expect(answer.status).toBe(200);
      expect(cardText(answer.card!)).toContain(NOT_AVAILABLE);
    },
  );

  it.each(["task/fetch", "task/submit", "composeExtension/query"])(
    "a dialog invoke named %s gets a dialog message saying so",
    async (name) => {
      const answer = await h.post(invoke(name, { data: {} }));

      expect(answer.status).toBe(200);
      expect(answer.message).toBe(NOT_AVAILABLE);
    },
  );
});

describe("hardening point 10: the message action answers only its own command", () => {
  it("opening a command the manifest does not have shows no raise form", async () => {
    const answer = await h.post(
      fetchTaskActivity(h.channel, priya.user, messagePayload("<p>Plan drift</p>", priya.user), "deleteAll"),
    );

    expect(answer.status).toBe(200);
    expect(answer.card).toBeUndefined();
    expect(answer.message).toBe(NOT_AVAILABLE);
  });

  it("submitting a complete form under another command raises nothing; under its own it raises", async () => {
    const dialog = (await priya.fetchTask("<p>Plan drift</p>")).card!;
    const submit = actionsOf(dialog).find((a) => a.type === "Action.Submit")!;
    const form = { ...(submit.data as Record<string, unknown>), ...validRaiseForm() };
    const raised = async () => (await h.bot.services.store.raisedBy(priya.id)).length;

    const wrong = await h.post(submitActionActivity(h.channel, priya.user, form, undefined, "somethingElse"));
    await h.idle();

    expect(wrong.message).toBe(NOT_AVAILABLE);
    expect(await raised()).toBe(0);
    const right = await h.post(submitActionActivity(h.channel, priya.user, form));
    expect(right.message).toMatch(/^Escalation ESC-[0-9A-Z]{8} was sent\.$/);
    expect(await raised()).toBe(1);
  });
});

/** Sends a body of `total` bytes in pieces, and resolves with the status as soon as the answer arrives. */
function sendLarge(
  url: string,
  total: number,
  declareLength: boolean,
): Promise<{ status: number; bytesWritten: number }> {
  return new Promise((resolve, reject) => {
    const piece = Buffer.alloc(16 * 1024, 0x61);
    let written = 0;
    const request = http.request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(declareLength ? { "content-length": String(total) } : {}),
      },
    });
    request.on("response", (response) => {
      resolve({ status: response.statusCode ?? 0, bytesWritten: written });
      response.resume();
      request.destroy();
    });
    request.on("error", (error) => {
      if (written < total) reject(error);
    });
    const pump = () => {
      while (written < total) {
        written += piece.length;
        if (!request.write(piece)) {
          request.once("drain", () => setTimeout(pump, 5));
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

describe("hardening point 10: bodies over the limit", () => {
  const huge = 64 * 1024 * 1024;

  it("the Node host answers 413 to a declared length over the limit before the body is sent in full", async () => {
    const answer = await sendLarge(h.host.url, huge, true);

    expect(answer.status).toBe(413);
    expect(answer.bytesWritten).toBeLessThan(huge);
  });

  it("the Node host answers 413 to an undeclared (chunked) body once it passes the limit, without reading the rest", async () => {
    const answer = await sendLarge(h.host.url, huge, false);

    expect(answer.status).toBe(413);
    expect(answer.bytesWritten).toBeLessThan(huge);
  });

  it("the Functions entry refuses a declared length over the limit without reading the body", async () => {
    let handled = 0;
    const entry = functionsMessages(() => {
      handled += 1;
      return Promise.resolve({ status: 200, headers: {} });
    });
    const request = new HttpRequest({
      method: "POST",
      url: "https://bot.example/api/messages",
      headers: { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) },
      body: { string: "{}" },
    });

    const response = await entry(request);

    expect(response.status).toBe(413);
    expect(request.bodyUsed).toBe(false);
    expect(handled).toBe(0);
  });

  it("the Functions entry stops reading an undeclared body once it passes the limit", async () => {
    let handled = 0;
    const entry = functionsMessages(() => {
      handled += 1;
      return Promise.resolve({ status: 200, headers: {} });
    });
    const request = new HttpRequest({
      method: "POST",
      url: "https://bot.example/api/messages",
      headers: { "content-type": "application/json" },
      body: { bytes: Buffer.alloc(MAX_BODY_BYTES + 1, 0x61) },
    });

    const response = await entry(request);

    expect(response.status).toBe(413);
    expect(handled).toBe(0);
  });

  it("the Functions entry passes a body within the limit to the handler whole", async () => {
    const bodies: string[] = [];
    const entry = functionsMessages((request) => {
      bodies.push(request.body);
      return Promise.resolve({ status: 202, headers: {} });
    });
    const text = JSON.stringify({ type: "message", text: "é".repeat(1000) });

    const response = await entry(
      new HttpRequest({ method: "POST", url: "https://bot.example/api/messages", body: { string: text } }),
    );

    expect(response.status).toBe(202);
    expect(bodies).toEqual([text]);
  });
});
