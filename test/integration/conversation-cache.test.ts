/**
 * The conversation references the bot holds in memory, with several instances on one store: a person whose
 * chat changed while another instance was answering them (the app removed and added again) is reached in
 * the new chat once Teams refuses the old one, not refused for ever by the reference this instance held.
 */
import { VERBS } from "../../src/adapters/cards";
import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { CONVERSATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosConversationStore } from "../../src/adapters/cosmos/cosmos-conversation-store";
import {
  BotHarness,
  headlineOf,
  ON_THE_SAMPLE_ESCALATION,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";

let h: BotHarness;
let priya: TeamsPerson;
let daniel: TeamsPerson;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  daniel = h.as("Daniel Reid");
  await h.installAll(ON_THE_SAMPLE_ESCALATION);
});

afterAll(async () => {
  await h.close();
});

it("a chat Teams refuses is looked up again: the message goes to the person's new chat", async () => {
  // Daniel's first raise message primes this instance's reference for him.
  await raiseThroughCard(h, priya, VERBS.raise);
  await h.idle();
  daniel.newCards();

  // Another instance answered Daniel in a new chat and stored its reference; the old chat is gone.
  const client = createCosmosClient({
    endpoint: h.cosmos.endpoint,
    key: h.cosmos.key,
    allowSelfSignedCertificate: true,
  });
  const others = new CosmosConversationStore(
    client.database(h.bot.config.cosmos.database).container(CONVERSATIONS.id),
  );
  const old = (await others.get(daniel.id))!;
  const newChat = "a:daniel-new-chat";
  await others.put(daniel.id, { ...old, conversation: { ...(old["conversation"] as object), id: newChat } });
  h.connector.closeConversation(daniel.user.conversationId);
  h.connector.openConversation(newChat);

  const id = await raiseThroughCard(h, priya, VERBS.raise);
  await h.idle();
  const assigned = (await h.escalation(id)).outbox.find((m) => m.kind === "stage-assigned")!;
  expect(assigned).toMatchObject({ status: "pending", lastError: "http-403" });

  // The retry, a quarter of an hour on, reads the reference again and reaches the new chat.
  h.clock.advance(16 * 60_000);
  await h.bot.runReminders(false);
  expect((await h.escalation(id)).outbox.find((m) => m.id === assigned.id)).toMatchObject({ status: "sent" });
  expect(h.connector.cards(newChat).map((c) => headlineOf(c.card))).toContain(
    "You are asked to respond: Level 1",
  );
  client.dispose();
});
