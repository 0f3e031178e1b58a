/** The conversation references the bot keeps to message people first, on the Cosmos DB test server. */
import type { ConversationReference } from "../../src/domain/ports";
import { openTestDatabase, type TestDatabase } from "../support/cosmos-database";

function reference(conversationId: string): ConversationReference {
  return {
    activityId: "1700000000000",
    user: { id: "29:user-aad-id", aadObjectId: "p-tm", name: "Tariq Mann" },
    bot: { id: "28:bot-app-id", name: "Escalations" },
    conversation: { id: conversationId, conversationType: "personal", tenantId: "tenant-1" },
    channelId: "msteams",
    locale: "en-GB",
    serviceUrl: "https://smba.trafficmanager.net/uk/",
  };
}

describe("CosmosConversationStore", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db.close();
  });

  it("gives back the reference it was given, and the latest one after an overwrite", async () => {
    const first = reference("a:1on1-first");
    await db.conversations.put("p-tm", first);
    expect(await db.conversations.get("p-tm")).toEqual(first);

    const second = reference("a:1on1-second");
    await db.conversations.put("p-tm", second);
    expect(await db.conversations.get("p-tm")).toEqual(second);
  });

  it("keeps each user's reference apart", async () => {
    await db.conversations.put("p-sm", reference("a:1on1-sofia"));
    await db.conversations.put("p-hol", reference("a:1on1-hugo"));
    expect(await db.conversations.get("p-sm")).toEqual(reference("a:1on1-sofia"));
    expect(await db.conversations.get("p-hol")).toEqual(reference("a:1on1-hugo"));
  });

  it("has no reference for someone who never talked to the bot", async () => {
    await expect(db.conversations.get("p-nobody")).resolves.toBeUndefined();
  });
});
