// Case details go only to 1:1 chats. In a group chat (or a meeting or channel) the bot raises nothing and
// lists nothing: it answers with one line saying to use the private chat, and a button that opens it.
import { VERBS } from "../../src/adapters/cards";
import { BotHarness, cardText, CHILD, raiseThroughCard, type TeamsPerson } from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;
let escalationId: string;

const GROUP = "19:group-chat-about-jamie@thread.v2";
const PRIVATE_LINE =
  "Escalations are handled in your private chat with the escalation bot, so nothing about a child is posted here.";

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  for (const person of [priya, h.as("Helen Marsh"), h.as("Daniel Reid"), h.as("Hannah Brooks")])
    await person.install();
  escalationId = await raiseThroughCard(h, priya, VERBS.raise);
});

afterAll(async () => {
  await h.close();
});

function inGroup(conversationType: string) {
  return {
    conversation: { id: GROUP, conversationType, tenantId: h.channel.tenantId },
    channelData: { tenant: { id: h.channel.tenantId } },
  };
}

describe.each(["groupChat", "channel"])("in a %s", (conversationType) => {
  it.each([
    ["raise", "Priya Shah"],
    ["my escalations", "Priya Shah"],
    ["digest", "Helen Marsh"],
  ] as const)(
    "'%s' from %s gets one line and a button to the private chat, and no case details",
    async (said, name) => {
      const who = h.as(name);
      const before = h.connector.activities(GROUP).length;

      const answer = await who.say(`<at>Escalation bot</at> ${said}`, inGroup(conversationType));

      expect(answer.status).toBe(200);
      const posted = h.connector.activities(GROUP).slice(before);
      expect(posted).toHaveLength(1);
      const cards = h.connector.cards(GROUP).slice(-1);
      const text = cardText(cards[0]?.card);
      expect(text).toContain(PRIVATE_LINE);
      expect(text).toContain("Open my chat with the bot");
      for (const detail of [CHILD.name, CHILD.caseId, escalationId.slice(0, 8).toUpperCase()]) {
        expect(JSON.stringify(posted)).not.toContain(detail);
      }
      expect(JSON.stringify(cards[0]?.card)).toContain("https://teams.microsoft.com/l/chat/0/0?users=");
    },
  );

  it("answers a card action there with the same line, never the escalation", async () => {
    const answer = await priya.act(VERBS.refresh, { escalationId }, inGroup(conversationType));

    expect(answer.status).toBe(200);
    expect(cardText(answer.card)).toContain(PRIVATE_LINE);
    expect(JSON.stringify(answer.card)).not.toContain(CHILD.name);
  });
});

it("still serves the same commands in the 1:1 chat", async () => {
  const sent = priya.received().length;
  await priya.say("my escalations");
  expect(cardText(priya.received()[sent]?.card)).toContain(CHILD.caseId);
});
