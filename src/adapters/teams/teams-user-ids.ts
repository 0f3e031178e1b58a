// The Teams user ids (MRIs, `29:…`) of the people on an escalation, from the conversation references kept
// when each last spoke to the bot: what a card's `refresh.userIds` must hold for Teams to refresh it.
import type { PersonRef } from "../../domain/escalation";
import type { ConversationReferenceStore } from "../../domain/ports";

export async function teamsUserIds(
  conversations: ConversationReferenceStore,
  people: readonly PersonRef[],
): Promise<ReadonlyMap<string, string>> {
  const found = await Promise.all(
    people.map(async (person) => {
      const reference = await conversations.get(person.id);
      const user = reference?.["user"] as { id?: unknown } | undefined;
      // A chat opened by a proactive install names the person by their Entra id until they first speak.
      return typeof user?.id === "string" && user.id.startsWith("29:")
        ? ([person.id, user.id] as const)
        : undefined;
    }),
  );
  return new Map(found.filter((entry) => entry !== undefined));
}
