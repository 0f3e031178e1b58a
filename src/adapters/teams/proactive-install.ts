// Reaching someone who never opened the bot: install the app for them from the council's catalog with
// Microsoft Graph (an install that already exists is not an error), find the 1:1 chat it opens, and keep
// a conversation reference to it, so the message can be sent. When Graph says no, the reason is kept as
// a code the cards put in words (cards/delivery-words.ts).
import type { ConversationReference } from "../../domain/ports";
import { type GraphClient, GraphError } from "../graph/graph-client";

/** Why someone could not be reached in Teams. */
export type UnreachableReason =
  | "teams-app-blocked"
  | "not-in-directory"
  | "no-teams-licence"
  | "teams-install-pending"
  | "teams-unavailable";

export type Reach =
  | { readonly kind: "reached"; readonly reference: ConversationReference }
  | { readonly kind: "unreachable"; readonly reason: UnreachableReason };

export interface InstallerSettings {
  /** The app's id in the council's app catalog (not the manifest id). */
  readonly catalogAppId: string;
  /** Where the Bot Connector takes messages for this tenant's chats. */
  readonly serviceUrl: string;
  readonly tenantId: string;
  /** The bot's id in Teams, `28:<client id>`. */
  readonly botId: string;
}

export class TeamsInstaller {
  constructor(
    private readonly graph: GraphClient,
    private readonly settings: InstallerSettings,
  ) {}

  async reach(personId: string): Promise<Reach> {
    const user = `/users/${encodeURIComponent(personId)}/teamwork/installedApps`;
    const { catalogAppId } = this.settings;
    try {
      await this.graph.request(
        "POST",
        user,
        { "teamsApp@odata.bind": `${this.graph.baseUrl}/appCatalogs/teamsApps/${catalogAppId}` },
        [409],
      );
      const installed = await this.graph.request(
        "GET",
        `${user}?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${catalogAppId}'`)}`,
      );
      const installationId = (installed.body as { value?: { id?: unknown }[] } | undefined)?.value?.[0]?.id;
      if (typeof installationId !== "string") return { kind: "unreachable", reason: "teams-install-pending" };
      const chat = await this.graph.request(
        "GET",
        `${user}/${encodeURIComponent(installationId)}/chat`,
        undefined,
        [404],
      );
      const chatId = (chat.body as { id?: unknown } | undefined)?.id;
      if (chat.status === 404 || typeof chatId !== "string") {
        return { kind: "unreachable", reason: "teams-install-pending" };
      }
      return { kind: "reached", reference: this.referenceTo(chatId, personId) };
    } catch (error) {
      if (!(error instanceof GraphError)) return { kind: "unreachable", reason: "teams-unavailable" };
      return { kind: "unreachable", reason: reasonOf(error) };
    }
  }

  private referenceTo(chatId: string, personId: string): ConversationReference {
    const { serviceUrl, tenantId, botId } = this.settings;
    return {
      channelId: "msteams",
      serviceUrl,
      conversation: { id: chatId, conversationType: "personal", tenantId },
      // The person's Teams id (29:…) arrives with their first activity; until then they are named by their
      // Entra object id, which the Bot Connector accepts for a 1:1 chat.
      user: { id: personId, aadObjectId: personId },
      agent: { id: botId, role: "bot" },
    };
  }
}

function reasonOf(error: GraphError): UnreachableReason {
  if (error.status === 404) return "not-in-directory";
  if (error.status === 403 && /licen[cs]e/i.test(error.code)) return "no-teams-licence";
  if (error.status === 403) return "teams-app-blocked";
  return "teams-unavailable";
}
