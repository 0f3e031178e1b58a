// E-mail beside Teams, through a Graph double that behaves as sendMail does: the Dorset stage e-mail with the
// subject its process prescribes, its Cc, the HTML and text parts and the Outlook card; a partner reached by
// e-mail only; throttling retried; a refused recipient reported to the IRO once; and actions from Outlook.
import type { ParsedMail } from "mailparser";

import type { DirectoryData } from "../../src/domain/directory";
import { cardActionActivity, fromOutlook } from "../support/activities";
import {
  actionsOf,
  BOT_CLIENT_ID,
  BotHarness,
  cardText,
  findAction,
  headlineOf,
  MAIL_SENDER,
  nodesOf,
  ORIGINATOR_ID,
  raiseThroughCard,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
} from "../support/bot-harness";
import { compileCardSchema, outlookCardSchema } from "../support/schemas";

const SAMPLE_CONCERN = { childName: "Jamie Lee", caseId: "LCS-104233" };
const DORSET_SUBJECT = "Action - Level 1 escalation - Jamie Lee - LCS-104233 - Wednesday 11 November 2026";

const addressOf = (directory: DirectoryData, name: string): string => {
  const email = directory.people.find((p) => p.name === name)?.email;
  if (!email) throw new Error(`${name} has no e-mail address`);
  return email;
};

const embeddedCard = (mail: ParsedMail): Record<string, unknown> => {
  const html = typeof mail.html === "string" ? mail.html : "";
  const match = /<script type="application\/adaptivecard\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error("the e-mail carries no Adaptive Card");
  return JSON.parse(match[1]) as Record<string, unknown>;
};

const to = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ""));
const cc = (mail: ParsedMail): string[] =>
  [mail.cc ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ""));

describe("e-mail: the Dorset stage sent to the Team Manager", () => {
  let h: BotHarness;
  let priya: TeamsPerson;
  let mails: ParsedMail[];
  let escalationId: string;

  beforeAll(async () => {
    h = await BotHarness.start({ mail: true });
    priya = h.as("Priya Shah");
    await priya.install();
    for (const name of ["Daniel Reid", "Helen Marsh", "Amy Clarke"]) await h.as(name).install();
    escalationId = await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    mails = await h.emails();
  });
  afterAll(() => h.close());

  it("sends one e-mail, to the person answering, with the subject the QARO process prescribes", () => {
    const daniel = addressOf(h.directory, "Daniel Reid");
    expect(mails.map((m) => [to(m), m.subject])).toEqual([[[daniel], DORSET_SUBJECT]]);
    expect(h.graph?.mail.map((m) => m.sender)).toEqual([MAIL_SENDER]);
  });

  it("copies the people the policy copies on Level 1 in Cc, and only them", async () => {
    const stage = (await h.escalation(escalationId)).stages[0]!;
    const expected = stage.copied.map((p) => addressOf(h.directory, p.name)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(cc(mails[0]!).sort()).toEqual(expected);
  });

  it("carries the card's facts in HTML and in plain text, with the Teams link to the escalation", async () => {
    const mail = mails[0]!;
    const html = typeof mail.html === "string" ? mail.html : "";
    const text = mail.text ?? "";
    const escalation = await h.escalation(escalationId);
    for (const part of [html, text]) {
      expect(part).toContain("Jamie Lee");
      expect(part).toContain("LCS-104233");
      expect(part).toContain("Wednesday 11 November 2026");
      expect(part).toContain("The care plan agreed at the review on 2 October has not been put in place.");
      expect(part).toContain("https://teams.microsoft.com/l/chat/0/0?users=28%3A");
    }
    expect(escalation.concern.summary).toBe(
      "The care plan agreed at the review on 2 October has not been put in place.",
    );
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toMatch(/<h1>You are asked to respond: Level 1<\/h1>/);
    expect(html).toMatch(/<th scope="row">/);
    expect(html).not.toMatch(/color:\s*(red|green)/i);
  });

  it("embeds the card as an Outlook Actionable Message: 1.4, the provider's originator, Action.Execute to send", () => {
    const card = embeddedCard(mails[0]!);
    expect(card["version"]).toBe("1.4");
    expect(card["originator"]).toBe(ORIGINATOR_ID);
    const validate = compileCardSchema(outlookCardSchema(), { allErrors: true });
    expect(validate(card) ? [] : validate.errors).toEqual([]);
    const types = nodesOf(card).map((n) => n["type"]);
    expect(types).not.toContain("Action.Submit");
    expect(types).not.toContain("Input.Time");
    expect(types).not.toContain("Data.Query");
    const sending = actionsOf(card).filter((a) => a.type !== "Action.ShowCard");
    expect(sending.length).toBeGreaterThan(0);
    expect(new Set(sending.map((a) => a.type))).toEqual(new Set(["Action.Execute"]));
    expect(findAction(card, "respond")).toBeDefined();
    expect((card["refresh"] as { userIds?: unknown }).userIds).toBeUndefined();
  });

  it("records the e-mail as sent in the outbox, without its body", async () => {
    const outbox = (await h.escalation(escalationId)).outbox.filter((item) => item.channel === "email");
    expect(outbox.map((item) => [item.kind, item.status])).toEqual([["stage-assigned", "sent"]]);
    expect(JSON.stringify(outbox)).not.toContain("Jamie Lee");
  });
});

describe("e-mail: a partner with no Teams account", () => {
  const directory: DirectoryData = {
    ...SAMPLE_DIRECTORY,
    people: SAMPLE_DIRECTORY.people.map((p) =>
      p.name === "Daniel Reid" ? { ...p, teamsAccount: false, organisation: "Dorset HealthCare" } : p,
    ),
  };
  let h: BotHarness;

  beforeAll(async () => {
    h = await BotHarness.start({ mail: true, directory });
  });
  afterAll(() => h.close());

  it("is reached by e-mail only, and the IRO is not told they could not be reached", async () => {
    const priya = h.as("Priya Shah");
    for (const name of ["Priya Shah", "Helen Marsh", "Hannah Brooks", "Amy Clarke"])
      await h.as(name).install();
    const daniel = h.as("Daniel Reid");
    const escalationId = await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    const mails = await h.emails();
    expect(mails.map((m) => [to(m), m.subject])).toEqual([
      [[addressOf(directory, "Daniel Reid")], DORSET_SUBJECT],
    ]);
    expect(daniel.received()).toEqual([]);
    const escalation = await h.escalation(escalationId);
    expect(
      escalation.outbox.filter((i) => i.to.id === daniel.id).map((i) => [i.kind, i.channel, i.status]),
    ).toEqual([["stage-assigned", "email", "sent"]]);
    expect(escalation.outbox.filter((i) => i.kind === "unreachable-notice")).toEqual([]);
  });
});

describe("e-mail: Graph says not now, or never", () => {
  let h: BotHarness;
  let priya: TeamsPerson;

  beforeEach(async () => {
    h = await BotHarness.start({ mail: true });
    priya = h.as("Priya Shah");
    for (const name of ["Priya Shah", "Daniel Reid", "Helen Marsh", "Hannah Brooks", "Amy Clarke"])
      await h.as(name).install();
  });
  afterEach(() => h.close());

  it("throttled once (429 with Retry-After), sends the e-mail once", async () => {
    h.graph!.throttleNext(1, "0");
    await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    const sends = h.graph!.requests.filter((r) => r.path.endsWith("/sendMail"));
    expect(sends.map((r) => r.status)).toEqual([429, 202]);
    expect((await h.emails()).map((m) => m.subject)).toEqual([DORSET_SUBJECT]);
  });

  it("a service briefly unavailable (503) is tried again, and sent once", async () => {
    h.graph!.unavailableNext(1);
    await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    expect((await h.emails()).map((m) => m.subject)).toEqual([DORSET_SUBJECT]);
  });

  it("a recipient Exchange refuses: the IRO is told once, however often it is tried, and it stays owed", async () => {
    h.graph!.refusedRecipients.add(addressOf(h.directory, "Daniel Reid"));
    const escalationId = await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    for (const later of ["2026-11-04T11:00:00.000Z", "2026-11-05T09:00:00.000Z"]) {
      h.clock.set(later);
      await h.bot.runReminders(false);
    }
    const escalation = await h.escalation(escalationId);
    const owed = escalation.outbox.filter((i) => i.channel === "email");
    expect(owed.map((i) => [i.kind, i.status, i.lastError])).toEqual([
      ["stage-assigned", "pending", "mail-http-400"],
    ]);
    expect(owed[0]!.attempts).toBeGreaterThan(1);
    const notices = priya.received().filter((c) => c.summary?.endsWith("could not be reached"));
    expect(notices).toHaveLength(1);
    expect(cardText(notices[0]!.card)).toContain("Daniel Reid could not be e-mailed: Exchange refused");
    expect(
      escalation.outbox
        .filter((i) => i.kind === "unreachable-notice")
        .map((i) => [i.data?.["personName"], i.status]),
    ).toEqual([["Daniel Reid", "sent"]]);
  });
});

describe("actions from Outlook: Action.Execute on the e-mailed card, through the Outlook channel", () => {
  let h: BotHarness;
  let daniel: TeamsPerson;
  let escalationId: string;
  let emailed: Record<string, unknown>;

  const RESPONSE = {
    whatDone: "A health assessment is booked for 12 November.",
    who: "Amy Clarke",
    byWhen: "2026-11-12",
    expectedOutcome: "childs-plan-on-track",
  };
  const pressInOutlook = (
    person: TeamsPerson,
    verb: string,
    inputs: Record<string, string> = {},
    options: { authorization?: string | null } = {},
  ) => {
    // Outlook runs the card's refresh action when the e-mail is opened.
    const action =
      verb === "refresh"
        ? (emailed["refresh"] as { action: { data: unknown } }).action
        : findAction(emailed, verb);
    if (!action) throw new Error(`the e-mailed card has no ${verb}`);
    const data = { ...(action.data as Record<string, unknown>), ...inputs };
    return h.post(
      cardActionActivity(h.channel, person.user, verb, data, fromOutlook(h.channel, person.user)),
      options,
    );
  };

  beforeAll(async () => {
    h = await BotHarness.start({ mode: "bot-framework", mail: true });
    const priya = h.as("Priya Shah");
    for (const name of ["Priya Shah", "Helen Marsh", "Hannah Brooks", "Amy Clarke"])
      await h.as(name).install();
    daniel = h.as("Daniel Reid");
    escalationId = await raiseThroughCard(h, priya, "raise", SAMPLE_CONCERN);
    emailed = embeddedCard((await h.emails())[0]!);
    h.clock.set("2026-11-05T09:30:00.000Z");
  });
  afterAll(() => h.close());

  it("with a forged or missing token: 401, and nothing recorded", async () => {
    for (const kind of ["missing", "forged"] as const) {
      const authorization = h.issuer!.badAuthorization(kind, BOT_CLIENT_ID, h.channel.serviceUrl);
      const answer = await pressInOutlook(daniel, "respond", RESPONSE, {
        authorization: authorization ?? null,
      });
      expect(answer.status).toBe(401);
    }
    expect((await h.escalation(escalationId)).stages[0]!.response).toBeUndefined();
  });

  it("from someone not on the escalation: refused as in Teams, and nothing recorded", async () => {
    const olive = h.outsider();
    const refresh = await pressInOutlook(olive, "refresh");
    expect(refresh.status).toBe(200);
    expect(cardText(refresh.card)).toContain("Only the people on this escalation can see it.");
    expect(cardText(refresh.card)).not.toContain("Jamie Lee");
    const respond = await pressInOutlook(olive, "respond", RESPONSE);
    expect(cardText(respond.card)).not.toContain("Jamie Lee");
    expect((await h.escalation(escalationId)).stages[0]!.response).toBeUndefined();
  });

  it("from the Team Manager: the response recorded once, answered with the refreshed Outlook card", async () => {
    const first = await pressInOutlook(daniel, "respond", RESPONSE);
    const again = await pressInOutlook(daniel, "respond", RESPONSE);
    for (const answer of [first, again]) {
      expect(answer.status).toBe(200);
      expect(answer.card?.["originator"]).toBe(ORIGINATOR_ID);
      expect(answer.card?.["version"]).toBe("1.4");
      expect(cardText(answer.card)).toContain("A health assessment is booked for 12 November.");
    }
    expect(headlineOf(first.card!)).toBe("Your response was recorded");
    const escalation = await h.escalation(escalationId);
    expect(escalation.events.filter((e) => e.kind === "responded")).toHaveLength(1);
    expect(escalation.stages[0]!.response?.respondedBy.name).toBe("Daniel Reid");
  });

  it("a refresh when the e-mail is opened gives each person their own view", async () => {
    const forDaniel = await pressInOutlook(daniel, "refresh");
    const forPriya = await pressInOutlook(h.as("Priya Shah"), "refresh");
    expect(findAction(forDaniel.card!, "resolve")).toBeUndefined();
    expect(findAction(forPriya.card!, "resolve")).toBeDefined();
    expect(forPriya.card?.["originator"]).toBe(ORIGINATOR_ID);
  });
});
