// The bot as Teams meets it, for integration tests: the real composition root (`createBot`) on the
// in-process Cosmos DB server with the sample directory imported, served by the plain Node host, with a
// local server playing the Bot Connector at the activities' serviceUrl and, for the token tests, a local
// OpenID/JWKS endpoint. Tests act as people of the directory by posting real HTTP requests; every card the
// bot answers with or sends is kept, so a file can check them all against the Adaptive Card 1.5 schema.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { type ParsedMail, simpleParser } from "mailparser";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { DIRECTORY } from "../../src/adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../../src/adapters/cosmos/cosmos-directory-store";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { type NodeHost, serveMessages } from "../../src/adapters/local/node-host";
import { FILE_CONSENT_CARD, FILE_INFO_CARD } from "../../src/adapters/teams/file-offers";
import { isLocalEndpoint } from "../../src/config";
import { type DirectoryData, directorySchema } from "../../src/domain/directory";
import type { Escalation } from "../../src/domain/escalation";
import { type Bot, createBot } from "../../src/main";
import { ADAPTIVE_CARD, FakeBotConnector, type PostedCard, type UploadInfo } from "../fakes/bot-connector";
import { FixedClock } from "../fakes/fixed-clock";
import { FakeGraph } from "../fakes/graph";
import { FakeOpenIdIssuer } from "../fakes/openid";
import { RecordingLogger } from "../fakes/recording-logger";
import {
  type Activity,
  type ActivityOverrides,
  cardActionActivity,
  fetchTaskActivity,
  fileConsentActivity,
  installActivity,
  messageActivity,
  type MessagePayload,
  messagePayload,
  searchActivity,
  submitActionActivity,
  type TeamsChannel,
  type TeamsUser,
} from "./activities";
import { type CosmosTestServer, startCosmosServer } from "./cosmos-server";
import { compileCardSchema, teamsCardSchema } from "./schemas";

export const ROOT = path.resolve(__dirname, "../..");
export const TENANT_ID = "5e1f2a3b-0000-4000-8000-00000000c0de";
export const BOT_CLIENT_ID = "7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
export const OUTBOUND_TOKEN = "test-outbound-token";
/** Wednesday 4 November 2026, 10:00 in London: a working day, in working hours. */
export const START = "2026-11-04T10:00:00.000Z";

export const SAMPLE_DIRECTORY: DirectoryData = directorySchema.parse(
  JSON.parse(readFileSync(path.join(ROOT, "examples/directory.json"), "utf8")),
);

export type Card = Readonly<Record<string, unknown>>;

/** What /api/messages answered. */
export interface BotAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly body: unknown;
  /** The Adaptive Card an invoke answered with (a card action's new card, or a dialog's card). */
  readonly card?: Card;
  /** The message a dialog answered with instead of a card. */
  readonly message?: string;
}

/** A file the bot offered in a chat, as its FileConsentCard says. */
export interface FileOffer {
  readonly activityId: string;
  readonly name: string;
  readonly sizeInBytes: number;
  readonly description: string;
  readonly acceptContext: unknown;
  readonly declineContext: unknown;
  readonly summary: string | undefined;
}

export {
  FILE_CONSENT_CARD as FILE_CONSENT,
  FILE_INFO_CARD as FILE_INFO,
} from "../../src/adapters/teams/file-offers";

export interface PostOptions {
  /** The Authorization header; in bot-framework mode a valid token is sent unless this says otherwise. */
  readonly authorization?: string | null;
}

export interface HarnessOptions {
  /** "local": LOCAL_MODE=true, no tokens. "bot-framework": tokens checked against the local OpenID endpoint. */
  readonly mode?: "local" | "bot-framework";
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: string;
  /** Proactive install through a Graph double: people who never opened the bot are reached. */
  readonly graph?: boolean;
  /** E-mail through the Graph double as the council's mailbox (MAIL_SENDER), with the Outlook card. */
  readonly mail?: boolean;
  /** The council's directory, imported before the bot starts; the sample directory unless given. */
  readonly directory?: DirectoryData;
  /** The endpoint the bot uses for the Cosmos DB server's, e.g. a faulty proxy in front of it. */
  readonly cosmosEndpoint?: (serverEndpoint: string) => string;
}

/** The council's mailbox the bot sends as, and its Outlook provider's originator id. */
export const MAIL_SENDER = "escalations@example.gov.uk";
export const ORIGINATOR_ID = "0c1d2e3f-0000-4000-8000-0000000a11ce";

/** The Teams app's id in the test tenant's app catalog. */
export const CATALOG_APP_ID = "a1b2c3d4-0000-4000-8000-00000000ca7a";

/** The id of a person's 1:1 chat with the bot, as the harness's people and the Graph double both name it. */
export function chatIdOf(aadObjectId: string): string {
  return `a:1${aadObjectId.replace(/-/g, "")}`;
}

/** A person of the directory (or not) in Teams: their 1:1 chat with the bot. */
export class TeamsPerson {
  constructor(
    private readonly harness: BotHarness,
    readonly user: TeamsUser,
  ) {}

  get id(): string {
    return this.user.aadObjectId;
  }

  get name(): string {
    return this.user.name;
  }

  /** Installs the bot in their personal scope (Teams' conversationUpdate). */
  install(
    options: { readonly includeUser?: boolean } = {},
    overrides: ActivityOverrides = {},
  ): Promise<BotAnswer> {
    return this.harness.post(installActivity(this.harness.channel, this.user, options, overrides));
  }

  say(text: string, overrides: ActivityOverrides = {}, options: PostOptions = {}): Promise<BotAnswer> {
    return this.harness.post(messageActivity(this.harness.channel, this.user, text, overrides), options);
  }

  /** Presses an Action.Execute with this verb and data, as Teams sends it. */
  act(
    verb: string,
    data: unknown,
    overrides: ActivityOverrides = {},
    options: PostOptions = {},
  ): Promise<BotAnswer> {
    return this.harness.post(
      cardActionActivity(this.harness.channel, this.user, verb, data, overrides),
      options,
    );
  }

  /**
   * Presses the card's button with this verb after filling in its inputs: Teams sends the action's own data
   * with the inputs' values merged in.
   */
  press(
    card: Card,
    verb: string,
    inputs: Readonly<Record<string, string>> = {},
    overrides: ActivityOverrides = {},
  ) {
    const action = findAction(card, verb);
    if (!action)
      throw new Error(
        `the card has no action "${verb}"; it has ${actionsOf(card)
          .map((a) => a.verb ?? a.title)
          .join(", ")}`,
      );
    return this.act(verb, { ...(action.data as Record<string, unknown> | undefined), ...inputs }, overrides);
  }

  /**
   * Types into a card's typeahead picker as Teams does: an `application/search` invoke with the picker's
   * dataset and, when its Data.Query asks for them, the other inputs given. Returns the choices offered.
   */
  async search(
    card: Card,
    inputId: string,
    text: string,
    inputs: Readonly<Record<string, string>> = {},
  ): Promise<{ title: string; value: string }[]> {
    const query = inputOf(card, inputId)["choices.data"] as
      { type?: unknown; dataset?: unknown; associatedInputs?: unknown } | undefined;
    if (query?.type !== "Data.Query" || typeof query.dataset !== "string")
      throw new Error(`the input "${inputId}" is not searched`);
    const answer = await this.harness.post(
      searchActivity(this.harness.channel, this.user, {
        dataset: query.dataset,
        text,
        ...(query.associatedInputs === "auto" ? { inputs } : {}),
      }),
    );
    const body = answer.body as
      { type?: unknown; value?: { results?: { title: string; value: string }[] } } | undefined;
    if (answer.status !== 200 || body?.type !== "application/vnd.microsoft.search.searchResponse")
      throw new Error(`the search answered ${answer.status}: ${answer.text}`);
    this.harness.searchAnswers.push(answer.text);
    return body.value?.results ?? [];
  }

  /** The message action "Raise escalation" on a Teams message with this HTML body. */
  fetchTask(html: string, author = { id: "29:someone", name: "Someone" }): Promise<BotAnswer> {
    this.message = messagePayload(html, author);
    return this.harness.post(fetchTaskActivity(this.harness.channel, this.user, this.message));
  }

  /** The message action's dialog submitted, about the message its dialog was opened on. */
  submitAction(data: unknown): Promise<BotAnswer> {
    return this.harness.post(submitActionActivity(this.harness.channel, this.user, data, this.message));
  }

  private message: MessagePayload | undefined;

  /** The files the bot offered in their chat (FileConsentCards) and not since withdrawn, in order. */
  fileOffers(): FileOffer[] {
    return this.harness.connector
      .withAttachment(FILE_CONSENT_CARD, this.user.conversationId)
      .map((posted) => {
        const attachment = (posted.activity["attachments"] as Record<string, unknown>[])[0] ?? {};
        const content = attachment["content"] as Record<string, unknown>;
        return {
          activityId: posted.id,
          name: String(attachment["name"]),
          sizeInBytes: Number(content["sizeInBytes"]),
          description: String(content["description"]),
          acceptContext: content["acceptContext"],
          declineContext: content["declineContext"],
          summary: typeof posted.activity["summary"] === "string" ? posted.activity["summary"] : undefined,
        };
      });
  }

  /** The file cards (a saved file's card) the bot posted in their chat. */
  fileCards(): Record<string, unknown>[] {
    return this.harness.connector
      .withAttachment(FILE_INFO_CARD, this.user.conversationId)
      .map((posted) => (posted.activity["attachments"] as Record<string, unknown>[])[0] ?? {});
  }

  /**
   * Accepts a file the bot offered, as Teams does: it opens an upload session in their OneDrive (under
   * `name`, the offered name unless Teams had to choose another) and sends the bot where to put the file.
   */
  async acceptFile(offer: FileOffer, name = offer.name): Promise<{ answer: BotAnswer; upload: UploadInfo }> {
    const upload = this.harness.connector.uploadSession(name);
    const answer = await this.harness.post(
      fileConsentActivity(
        this.harness.channel,
        this.user,
        { action: "accept", context: offer.acceptContext, uploadInfo: upload },
        offer.activityId,
      ),
    );
    return { answer, upload };
  }

  declineFile(offer: FileOffer): Promise<BotAnswer> {
    return this.harness.post(
      fileConsentActivity(
        this.harness.channel,
        this.user,
        { action: "decline", context: offer.declineContext },
        offer.activityId,
      ),
    );
  }

  /** The last card the bot posted in their chat about this escalation. */
  cardAbout(escalationId: string): Card {
    const card = this.received()
      .map((c) => c.card)
      .filter((c) => JSON.stringify(c).includes(escalationId))
      .at(-1);
    if (!card) throw new Error(`${this.name} has no card about ${escalationId}`);
    return card;
  }

  /** The cards the bot posted in their chat, in order. */
  received(): PostedCard[] {
    return this.harness.connector.cards(this.user.conversationId);
  }

  /** The cards posted in their chat since the last call of `newCards` (or since the start). */
  newCards(): PostedCard[] {
    const all = this.received();
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }

  private seen = 0;
}

export class BotHarness {
  /** Every card the bot answered with or sent, for the schema check. */
  readonly cards: { readonly where: string; readonly card: Card }[] = [];
  /** Every answer to a picker's search, as sent. */
  readonly searchAnswers: string[] = [];
  private readonly people = new Map<string, TeamsPerson>();

  private constructor(
    readonly bot: Bot,
    readonly host: NodeHost,
    readonly connector: FakeBotConnector,
    readonly cosmos: CosmosTestServer,
    readonly clock: FixedClock,
    readonly logger: RecordingLogger,
    readonly channel: TeamsChannel,
    readonly issuer: FakeOpenIdIssuer | undefined,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<BotHarness> {
    const mode = options.mode ?? "local";
    const cosmos = await startCosmosServer();
    const connector = await FakeBotConnector.start();
    const issuer = mode === "bot-framework" ? await FakeOpenIdIssuer.start() : undefined;
    const database = `bot-${randomUUID()}`;
    const directory = options.directory ?? SAMPLE_DIRECTORY;
    await importDirectory(cosmos, database, directory);
    const clock = new FixedClock(options.now ?? START);
    const logger = new RecordingLogger();
    const graph =
      options.graph || options.mail
        ? await FakeGraph.start({
            mailboxes: [MAIL_SENDER],
            catalogAppId: CATALOG_APP_ID,
            users: directory.people.map((p) => p.id),
            chatIdOf,
            onChatOpened: (chatId) => connector.openConversation(chatId),
          })
        : undefined;
    const env: Record<string, string | undefined> = {
      ...(graph ? { GRAPH_BASE_URL: graph.baseUrl } : {}),
      ...(options.graph
        ? { TEAMS_CATALOG_APP_ID: CATALOG_APP_ID, TEAMS_SERVICE_URL: connector.serviceUrl }
        : {}),
      ...(options.mail ? { MAIL_SENDER, OUTLOOK_ORIGINATOR_ID: ORIGINATOR_ID } : {}),
      COSMOS_ENDPOINT: options.cosmosEndpoint?.(cosmos.endpoint) ?? cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DATABASE: database,
      ALLOWED_TENANT_IDS: TENANT_ID,
      ...(mode === "local"
        ? { LOCAL_MODE: "true" }
        : {
            BOT_CLIENT_ID,
            BOT_CLIENT_SECRET: "not-a-real-secret",
            BOT_TENANT_ID: TENANT_ID,
            BOT_OPENID_METADATA_URL: issuer?.metadataUrl,
          }),
      ...options.env,
    };
    const bot = await createBot({
      env,
      logger,
      clock,
      ...(mode === "bot-framework" ? { outboundToken: () => Promise.resolve(OUTBOUND_TOKEN) } : {}),
      ...(graph ? { graphToken: () => Promise.resolve("graph-token") } : {}),
    });
    const host = await serveMessages(bot.handleMessages);
    const channel: TeamsChannel = {
      serviceUrl: connector.serviceUrl,
      tenantId: TENANT_ID,
      bot: { id: `28:${BOT_CLIENT_ID}`, name: "Escalations" },
    };
    const harness = new BotHarness(bot, host, connector, cosmos, clock, logger, channel, issuer);
    harness.graph = graph;
    harness.directory = directory;
    return harness;
  }

  /** The Graph double, when the harness was started with `graph: true`. */
  graph: FakeGraph | undefined;
  /** The directory the bot was started with. */
  directory: DirectoryData = SAMPLE_DIRECTORY;

  /** The directory's person with this name, in Teams. */
  /** Each of these people installs the app, opening their 1:1 chat with the bot. */
  async installAll(names: readonly string[]): Promise<void> {
    for (const name of names) await this.as(name).install();
  }

  as(name: string): TeamsPerson {
    const person = this.directory.people.find((p) => p.name === name);
    if (!person) throw new Error(`no ${name} in the directory`);
    return this.teamsUser(person.id, person.name);
  }

  /** Someone Teams knows who is not in the council's directory. */
  outsider(name = "Olive Outsider"): TeamsPerson {
    return this.teamsUser(`9f9f9f9f-0000-4000-8000-${String(this.people.size).padStart(12, "0")}`, name);
  }

  personId(name: string): string {
    return this.as(name).id;
  }

  /** Posts an activity to /api/messages over HTTP, as Teams does. */
  async post(activity: Activity, options: PostOptions = {}): Promise<BotAnswer> {
    // Someone speaking in a conversation is proof that it exists, for the bot to answer in.
    const conversation = activity["conversation"] as { id?: unknown } | undefined;
    if (typeof conversation?.id === "string") this.connector.openConversation(conversation.id);
    const headers: Record<string, string> = { "content-type": "application/json" };
    const authorization =
      options.authorization === undefined && this.issuer
        ? this.issuer.authorization(BOT_CLIENT_ID, this.channel.serviceUrl)
        : options.authorization;
    if (typeof authorization === "string") headers["authorization"] = authorization;
    return this.postRaw(JSON.stringify(activity), headers);
  }

  async postRaw(body: string, headers: Record<string, string>): Promise<BotAnswer> {
    const response = await fetch(this.host.url, { method: "POST", headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    const answer = toAnswer(response.status, Object.fromEntries(response.headers.entries()), text, parsed);
    if (answer.card) this.cards.push({ where: "invoke answer", card: answer.card });
    return answer;
  }

  /** Every e-mail the bot sent through the Graph double, read as a mail client reads it. */
  async emails(): Promise<ParsedMail[]> {
    return Promise.all((this.graph?.mail ?? []).map((sent) => simpleParser(sent.mime)));
  }

  /** Waits for every send the bot started after its last write. */
  idle(): Promise<void> {
    return this.bot.idle();
  }

  async escalation(id: string): Promise<Escalation> {
    const stored = await this.bot.services.store.get(id);
    if (!stored) throw new Error(`escalation ${id} is not stored`);
    return stored.value;
  }

  /** Every card seen: answers to invokes and everything the connector received. */
  allCards(): { readonly where: string; readonly card: Card }[] {
    return [
      ...this.cards,
      ...this.connector
        .cards()
        .map((c) => ({ where: `sent to ${c.conversationId} (${c.summary ?? ""})`, card: c.card })),
    ];
  }

  async close(): Promise<void> {
    await this.host.close();
    await this.bot.close();
    await this.connector.close();
    await this.issuer?.close();
    await this.graph?.close();
    await this.cosmos.stop();
  }

  private teamsUser(aadObjectId: string, name: string): TeamsPerson {
    let person = this.people.get(aadObjectId);
    if (!person) {
      person = new TeamsPerson(this, {
        id: `29:1${aadObjectId.replace(/-/g, "").slice(0, 20)}`,
        name,
        aadObjectId,
        conversationId: chatIdOf(aadObjectId),
      });
      this.people.set(aadObjectId, person);
    }
    return person;
  }
}

async function importDirectory(
  cosmos: CosmosTestServer,
  databaseId: string,
  data: DirectoryData,
): Promise<void> {
  const client = createCosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    allowSelfSignedCertificate: isLocalEndpoint(cosmos.endpoint),
  });
  try {
    const database = await ensureContainers(client, databaseId);
    await new CosmosDirectoryStore(database.container(DIRECTORY.id), new RecordingLogger()).replaceAll(data);
  } finally {
    client.dispose();
  }
}

function toAnswer(status: number, headers: Record<string, string>, text: string, body: unknown): BotAnswer {
  const base = { status, headers, text, body };
  if (typeof body !== "object" || body === null) return base;
  const b = body as { type?: unknown; value?: unknown; task?: { type?: unknown; value?: unknown } };
  if (b.type === ADAPTIVE_CARD && isObject(b.value)) return { ...base, card: b.value };
  if (b.task?.type === "continue" && isObject(b.task.value)) {
    const card = (b.task.value as { card?: { contentType?: unknown; content?: unknown } }).card;
    if (card?.contentType === ADAPTIVE_CARD && isObject(card.content)) return { ...base, card: card.content };
  }
  if (b.task?.type === "message" && typeof b.task.value === "string")
    return { ...base, message: b.task.value };
  if (b.type === "application/vnd.microsoft.activity.message" && typeof b.value === "string") {
    return { ...base, message: b.value };
  }
  return base;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ------------------------------------------------------------------------------------ reading cards

export interface CardAction {
  readonly type: string;
  readonly verb?: string;
  readonly title?: string;
  readonly data?: unknown;
  readonly url?: string;
}

/** Every node of the card (elements, actions, nested cards), depth first. */
export function nodesOf(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isObject(value)) return;
    found.push(value);
    Object.values(value).forEach(walk);
  };
  walk(card);
  return found;
}

/** Every action on the card, those inside Action.ShowCard and the refresh action included. */
export function actionsOf(card: unknown): CardAction[] {
  return nodesOf(card)
    .filter((n) => typeof n["type"] === "string" && n["type"].startsWith("Action."))
    .map((n) => ({
      type: n["type"] as string,
      ...(typeof n["verb"] === "string" ? { verb: n["verb"] } : {}),
      ...(typeof n["title"] === "string" ? { title: n["title"] } : {}),
      ...(n["data"] !== undefined ? { data: n["data"] } : {}),
      ...(typeof n["url"] === "string" ? { url: n["url"] } : {}),
    }));
}

/** The card's buttons: its actions other than the refresh action. */
export function buttonsOf(card: Card): CardAction[] {
  const refresh = isObject(card["refresh"]) ? card["refresh"]["action"] : undefined;
  const refreshVerb = isObject(refresh) && typeof refresh["verb"] === "string" ? refresh["verb"] : undefined;
  const all = actionsOf({ ...card, refresh: undefined });
  return refreshVerb === undefined ? all : all.filter((a) => a.verb !== refreshVerb || a.title !== undefined);
}

export function findAction(card: Card, verb: string): CardAction | undefined {
  return actionsOf({ ...card, refresh: undefined }).find((a) => a.verb === verb);
}

/** The ids of the card's inputs. */
export function inputIds(card: Card): string[] {
  return nodesOf(card)
    .filter(
      (n) => typeof n["type"] === "string" && n["type"].startsWith("Input.") && typeof n["id"] === "string",
    )
    .map((n) => n["id"] as string);
}

/** All the words the card shows: TextBlocks, TextRuns, facts, labels and action titles, in order. */
export function cardText(card: unknown): string {
  const words: string[] = [];
  for (const n of nodesOf(card)) {
    for (const key of [
      "text",
      "title",
      "value",
      "label",
      "placeholder",
      "errorMessage",
      "altText",
      "fallbackText",
      "speak",
    ]) {
      const v = n[key];
      if (typeof v === "string") words.push(v);
    }
  }
  return words.join("\n");
}

/** The texts of the TextRuns (RichTextBlock inlines), where people's words belong. */
export function textRuns(card: unknown): string[] {
  return nodesOf(card)
    .filter((n) => n["type"] === "TextRun" && typeof n["text"] === "string")
    .map((n) => n["text"] as string);
}

// ------------------------------------------------------------------------------- the card schema

let validateCard: ((card: unknown) => string[]) | undefined;

/** The problems the Adaptive Card 1.5 schema, with Teams' documented extensions, finds in this card. */
export function cardSchemaProblems(card: unknown): string[] {
  if (!validateCard) {
    const validate = compileCardSchema(teamsCardSchema(), { allErrors: false });
    validateCard = (value) =>
      validate(value)
        ? []
        : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
  }
  return validateCard(card);
}

/** The line at the top of a card: the text of its first RichTextBlock or TextBlock. */
export function headlineOf(card: Card): string {
  const body = Array.isArray(card["body"]) ? (card["body"] as unknown[]) : [];
  const first = body.find(isObject);
  if (!first) return "";
  if (first["type"] === "TextBlock" && typeof first["text"] === "string") return first["text"];
  return textRuns(first).join("");
}

/**
 * What the card says about one input: its own errorMessage when it is marked invalid, and the words of the
 * element right before and right after it in its container, where a form shows a field's problem.
 */
export function besideInput(card: Card, inputId: string): string {
  for (const node of nodesOf(card)) {
    for (const value of Object.values(node)) {
      if (!Array.isArray(value)) continue;
      const at = value.findIndex(
        (v) => isObject(v) && v["id"] === inputId && String(v["type"]).startsWith("Input."),
      );
      if (at < 0) continue;
      const input = value[at] as Record<string, unknown>;
      const words = [value[at - 1], value[at + 1]].map((v) => (v === undefined ? "" : cardText(v)));
      if (input["isRequired"] === true || input["errorMessage"] !== undefined) {
        words.push(typeof input["errorMessage"] === "string" ? input["errorMessage"] : "");
      }
      return words.join("\n");
    }
  }
  throw new Error(`the card has no input "${inputId}"`);
}

/** The Input node with this id. */
export function inputOf(card: Card, inputId: string): Record<string, unknown> {
  const found = nodesOf(card).find((n) => n["id"] === inputId && String(n["type"]).startsWith("Input."));
  if (!found) throw new Error(`the card has no input "${inputId}"`);
  return found;
}

// ------------------------------------------------------------------------------------ raising

/** The child every sample form is about. Their details must never reach a notification preview. */
/**
 * Everyone the sample raise form's escalation (`validRaiseForm`, North Children in Care Team) reaches: the
 * QARO, the Team Manager, the people copied and the child's social worker.
 */
export const ON_THE_SAMPLE_ESCALATION = [
  "Priya Shah",
  "Daniel Reid",
  "Hannah Brooks",
  "Helen Marsh",
  "Amy Clarke",
] as const;

export const CHILD = { name: "Jamie Thornbury", caseId: "LCS-884213", dateOfBirth: "2014-03-09" } as const;

/**
 * A complete, valid raise form for a child in care in North Children in Care Team (Team Manager Daniel
 * Reid), starting at Level 1 of the Dorset policy. `overrides` replaces fields (e.g. another team).
 */
export function validRaiseForm(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const id = (name: string) => {
    const person = SAMPLE_DIRECTORY.people.find((p) => p.name === name);
    if (!person) throw new Error(`no ${name} in the sample directory`);
    return person.id;
  };
  return {
    childName: CHILD.name,
    caseId: CHILD.caseId,
    dateOfBirth: CHILD.dateOfBirth,
    legalStatus: "CIC",
    teamId: "north-cic",
    socialWorkerId: id("Amy Clarke"),
    teamManagerId: id("Daniel Reid"),
    iroManagerId: id("Helen Marsh"),
    categories: "care-plan-implementation,health-issues",
    summary: "The care plan agreed at the review on 2 October has not been put in place.",
    impactOnChild: "Jamie has had no health assessment for 14 months.",
    requestedWhat: "Book the health assessment and update the care plan.",
    requestedWho: "The allocated social worker",
    requestedByWhen: "2026-11-20",
    outcomeSought: "childs-plan-on-track",
    startStageId: "stage-1",
    ...overrides,
  };
}

/**
 * Raises a concern as Teams would: the command `raise`, then the form's submit button pressed with these
 * values. Returns the new escalation's id, once the messages it owes have been sent.
 */
export async function raiseThroughCard(
  harness: BotHarness,
  iro: TeamsPerson,
  raiseVerb: string,
  overrides: Readonly<Record<string, string>> = {},
): Promise<string> {
  const before = new Set((await harness.bot.services.store.raisedBy(iro.id)).map((s) => s.id));
  const sent = iro.received().length;
  const said = await iro.say("raise");
  if (said.status !== 200) throw new Error(`raise answered ${said.status}`);
  const form = iro.received()[sent]?.card;
  if (!form) throw new Error("no raise form was sent");
  const answer = await iro.press(form, raiseVerb, validRaiseForm(overrides));
  if (answer.status !== 200) throw new Error(`the raise form answered ${answer.status}`);
  await harness.idle();
  const fresh = (await harness.bot.services.store.raisedBy(iro.id))
    .map((s) => s.id)
    .filter((id) => !before.has(id));
  if (fresh.length !== 1 || fresh[0] === undefined) {
    throw new Error(`expected one new escalation, found ${fresh.length}: ${cardText(answer.card)}`);
  }
  return fresh[0];
}

/** What a phone or desktop pop-up shows for an activity: its summary and its text. */
export function previewOf(activity: Readonly<Record<string, unknown>>): string {
  const summary = activity["summary"];
  const text = activity["text"];
  return `${typeof summary === "string" ? summary : ""}\n${typeof text === "string" ? text : ""}`;
}

/** The notification previews (summary and text) of the activities the bot sent that name the sample child. */
export function previewsNamingTheChild(harness: BotHarness): string[] {
  const words = [CHILD.name, ...CHILD.name.split(" "), CHILD.caseId, CHILD.dateOfBirth, "9 March 2014"];
  return harness.connector
    .activities()
    .map((a) => previewOf(a.activity))
    .filter((preview) => words.some((word) => preview.includes(word)));
}
