// A client for one Microsoft 365 Agents Playground, acting as its current user through the HTTP API the
// playground's own web page uses: install the app, send a message, press a card's Action.Execute. What the
// bot sent arrives on the conversation WebSocket stream, in order; the pop-up summary of each message is not
// on that stream, so it is read from the playground's log stream, which records each request the bot made.
import WebSocket from "ws";

export type Card = Readonly<Record<string, unknown>>;

const ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

/** A message the bot posted in this user's personal chat. */
export interface BotMessage {
  readonly messageId: string;
  /** The activity's summary: what a notification pop-up shows. */
  readonly summary: string | undefined;
  readonly text: string | undefined;
  readonly cards: readonly Card[];
  /** The first Adaptive Card it carries. */
  readonly card: Card | undefined;
}

/** What the bot answered to an invoke, as the playground passes it on. */
export interface InvokeAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The card the bot answered with (it replaces the card the action was on). */
  readonly card?: Card;
}

export interface PlaygroundUserInfo {
  /** The Teams user id, e.g. "29:…". */
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

/** An input element of a card: what Action.Execute gathers. */
export interface CardInput {
  readonly id: string;
  readonly type: string;
  readonly value?: string;
  readonly isRequired: boolean;
  readonly isMultiSelect: boolean;
  /** A choice set's values; undefined for other inputs, or a choice set filled by a data query. */
  readonly choices?: readonly string[];
}

/** An Action.Execute on a card, with the inputs it gathers when pressed. */
export interface ExecuteAction {
  readonly verb: string;
  readonly title: string | undefined;
  readonly data: Readonly<Record<string, unknown>>;
  /** The titles of the Action.ShowCard buttons that reveal it, outermost first; empty if always visible. */
  readonly path: readonly string[];
  /** The inputs of its own card and of the cards around it. */
  readonly inputs: readonly CardInput[];
}

export interface WaitOptions {
  /** How long to wait for the messages expected; the default suits a local stack. */
  readonly timeoutMs?: number;
  /** Once they are there, how long to keep listening for any that should not come. */
  readonly quietMs?: number;
}

interface Received {
  readonly messageId: string;
  text: string | undefined;
  cards: Card[];
}

export class PlaygroundClient {
  private readonly received: Received[] = [];
  private readonly summaries = new Map<string, string | undefined>();
  /** The card each message shows now: an invoke's answer replaces the card it was pressed on. */
  private readonly current = new Map<string, Card>();
  private readonly waiters = new Set<() => void>();
  private cursor = 0;

  private constructor(
    readonly url: string,
    readonly user: PlaygroundUserInfo,
    readonly conversationId: string,
    private readonly stream: WebSocket,
    private readonly log: WebSocket,
  ) {
    stream.on("message", (data: WebSocket.RawData) => this.onStream(parse(data)));
    log.on("message", (data: WebSocket.RawData) => this.onLog(parse(data)));
  }

  /** Reads the playground's configuration and listens to what the bot sends from now on. */
  static async connect(url: string): Promise<PlaygroundClient> {
    const response = await fetch(`${url}/_internal/v1/config`);
    if (!response.ok) throw new Error(`${url}: the playground's configuration answered ${response.status}`);
    const { config } = (await response.json()) as {
      config: { currentUser: PlaygroundUserInfo; personalChat: { id: string } };
    };
    const ws = url.replace(/^http/, "ws");
    const [stream, log] = await Promise.all([
      open(`${ws}/_ws_conversation/v1/conversations/stream`),
      open(`${ws}/_ws/log/stream`),
    ]);
    const { id, name, aadObjectId } = config.currentUser;
    return new PlaygroundClient(url, { id, name, aadObjectId }, config.personalChat.id, stream, log);
  }

  get name(): string {
    return this.user.name;
  }

  /** Installs the app in the user's personal scope (installationUpdate, then conversationUpdate). */
  async install(): Promise<void> {
    await this.post(`/_debug/conversation/${encodeURIComponent(this.conversationId)}/installation`, {});
  }

  /** Sends a message in the personal chat; the bot is called after the playground has answered. */
  async send(text: string): Promise<string> {
    const body = await this.post(
      `/_conversation/v1/conversations/${encodeURIComponent(this.conversationId)}/messages`,
      { from: { id: this.user.id }, text, textFormat: "plain" },
    );
    return (body as { messageId: string }).messageId;
  }

  /**
   * Sends an Action.Execute as the playground does when a button is pressed on the card of the bot's
   * message `replyToId`. No check is made that the card has such a button: see `press` for that.
   */
  async invoke(
    replyToId: string,
    verb: string,
    data: Readonly<Record<string, unknown>>,
  ): Promise<InvokeAnswer> {
    const response = await fetch(`${this.url}/_conversation/v1/invoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
        from: { id: this.user.id },
        conversation: { id: this.conversationId },
        replyToId,
      }),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const answer: InvokeAnswer = { status: response.status, body };
    const card = cardOfAnswer(body);
    if (card) this.current.set(replyToId, card);
    return card ? { ...answer, card } : answer;
  }

  /**
   * Fills in the inputs of the card the message shows now and presses its Action.Execute with this verb (or
   * title), as a Teams client does: the action's data with the inputs' values merged in. Like a client, it
   * refuses to send a required input left empty or a choice the choice set does not offer, and it refuses
   * values for inputs the action does not gather.
   */
  async press(
    message: BotMessage | string,
    action: { readonly verb?: string; readonly title?: string },
    values: Readonly<Record<string, string>> = {},
  ): Promise<InvokeAnswer> {
    const messageId = typeof message === "string" ? message : message.messageId;
    const card = this.cardOf(messageId);
    if (!card) throw new Error(`${this.name}: message ${messageId} carries no card`);
    const found = findAction(card, action);
    return this.invoke(messageId, found.verb, submission(found, values));
  }

  /** The card the message shows now: the bot's last answer to an action on it, or the card it came with. */
  cardOf(messageId: string): Card | undefined {
    return this.current.get(messageId) ?? this.received.find((m) => m.messageId === messageId)?.cards[0];
  }

  /** Every message the bot sent in this chat so far, in order, each as it was last updated. */
  messages(): BotMessage[] {
    return this.received.filter((r) => this.summaries.has(r.messageId)).map((r) => this.view(r));
  }

  /** The last message that carries a card, with the card it shows now. */
  lastCard(): { readonly message: BotMessage; readonly card: Card } {
    const message = this.messages()
      .reverse()
      .find((m) => m.card !== undefined);
    const card = message && this.cardOf(message.messageId);
    if (!message || !card) throw new Error(`${this.name} has received no card`);
    return { message, card };
  }

  /**
   * Waits until `count` messages have come since the last call (or the start), listens a little longer in
   * case more come, and returns all of them: a test can then check it received exactly what it should.
   */
  async receive(count: number, options: WaitOptions = {}): Promise<BotMessage[]> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const arrived = () => this.messages().length - this.cursor >= count;
    if (!arrived()) {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!arrived()) return;
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          this.waiters.delete(check);
          const got = this.messages().slice(this.cursor);
          const unlogged = this.received.filter((r) => !this.summaries.has(r.messageId)).length;
          const which = got.length > 0 ? `: ${got.map((m) => JSON.stringify(m.summary)).join(", ")}` : "";
          const why =
            unlogged > 0
              ? `${unlogged} more came on the stream but never in the playground's log`
              : "is the bot answering?";
          reject(
            new Error(
              `${this.name} received ${got.length} of the ${count} message(s) expected within ${timeoutMs} ms${which}; ${why}`,
            ),
          );
        }, timeoutMs);
        this.waiters.add(check);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.quietMs ?? 250));
    const fresh = this.messages().slice(this.cursor);
    this.cursor += fresh.length;
    return fresh;
  }

  async close(): Promise<void> {
    await Promise.all([shut(this.stream), shut(this.log)]);
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${this.name}: POST ${path} answered ${response.status} ${text}`);
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  }

  private view(r: Received): BotMessage {
    return {
      messageId: r.messageId,
      summary: this.summaries.get(r.messageId),
      text: r.text,
      cards: r.cards,
      card: r.cards[0],
    };
  }

  private onStream(event: unknown): void {
    if (!isObject(event) || !isObject(event["message"])) return;
    const action = event["action"];
    const message = event["message"];
    const messageId = scalar(message["messageId"]);
    if (messageId === undefined) return;
    const text = typeof message["text"] === "string" ? message["text"] : undefined;
    const cards = cardsOf(message["attachments"]);
    if (action === "createMessage") {
      this.received.push({ messageId, text, cards });
    } else if (action === "updateMessage") {
      const existing = this.received.find((r) => r.messageId === messageId);
      if (existing) {
        existing.text = text;
        existing.cards = cards;
        this.current.delete(messageId);
      }
    }
    this.notify();
  }

  private onLog(event: unknown): void {
    if (!isObject(event) || !isObject(event["log"])) return;
    const log = event["log"];
    // Requests the bot made to the playground's Bot Connector; the playground's own calls go the other way.
    if (log["to"] !== "Microsoft 365 Agents Playground" || log["activityName"] !== "message") return;
    const request = log["request"];
    const body = isObject(request) ? request["body"] : undefined;
    const summary = isObject(body) && typeof body["summary"] === "string" ? body["summary"] : undefined;
    const messageId = scalar(log["messageId"]);
    if (messageId !== undefined) {
      this.summaries.set(messageId, summary);
      this.notify();
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

// ------------------------------------------------------------------------------------ reading cards

/** Every Action.Execute of a card, those behind Action.ShowCard buttons too, in the order they appear. */
export function executeActions(card: Card): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  const walk = (shown: unknown, outer: readonly CardInput[], path: readonly string[]) => {
    const inputs = [...outer, ...inputsOf(shown)];
    for (const action of actionsOf(shown)) {
      if (action["type"] === "Action.Execute") {
        found.push({
          verb: typeof action["verb"] === "string" ? action["verb"] : "",
          title: typeof action["title"] === "string" ? action["title"] : undefined,
          data: isObject(action["data"]) ? action["data"] : {},
          path,
          inputs,
        });
      } else if (action["type"] === "Action.ShowCard") {
        walk(action["card"], inputs, [...path, scalar(action["title"]) ?? ""]);
      }
    }
  };
  walk(card, [], []);
  return found;
}

/** The card's Action.Execute with this verb and/or title; an error naming those it has if none. */
export function findAction(
  card: Card,
  by: { readonly verb?: string; readonly title?: string },
): ExecuteAction {
  const all = executeActions(card);
  const action = all.find(
    (a) => (by.verb === undefined || a.verb === by.verb) && (by.title === undefined || a.title === by.title),
  );
  if (!action) {
    throw new Error(
      `the card has no action ${JSON.stringify(by)}; it has ${all.map((a) => `${a.verb} "${a.title ?? ""}"`).join(", ") || "none"}`,
    );
  }
  return action;
}

/** Whether the card offers an Action.Execute with this verb. */
export function hasAction(card: Card, verb: string): boolean {
  return executeActions(card).some((a) => a.verb === verb);
}

/**
 * What a Teams client sends when the action is pressed with these values typed in: the action's data with
 * every gathered input's value merged in (its default when not typed). Throws where a client would not send.
 */
export function submission(
  action: ExecuteAction,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const known = new Set(action.inputs.map((i) => i.id));
  const unknown = Object.keys(values).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `the action ${action.verb} gathers no input ${unknown.join(", ")}; it gathers ${[...known].join(", ")}`,
    );
  }
  const data: Record<string, unknown> = { ...action.data };
  for (const input of action.inputs) {
    const value = values[input.id] ?? input.value ?? "";
    if (value === "") {
      if (input.isRequired) throw new Error(`the required input ${input.id} of ${action.verb} is empty`);
      continue;
    }
    if (input.choices) {
      const chosen = input.isMultiSelect ? value.split(",") : [value];
      const offered = new Set(input.choices);
      const missing = chosen.filter((c) => !offered.has(c));
      if (missing.length > 0)
        throw new Error(`the choice set ${input.id} does not offer ${missing.join(", ")}`);
    }
    data[input.id] = value;
  }
  return data;
}

/** The card's text, one entry per TextBlock or RichTextBlock (its runs joined), in order. */
export function textsOf(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    if (node["type"] === "TextBlock" && typeof node["text"] === "string") texts.push(node["text"]);
    if (node["type"] === "RichTextBlock" && Array.isArray(node["inlines"])) {
      texts.push(
        node["inlines"]
          .map((run) => (isObject(run) && typeof run["text"] === "string" ? run["text"] : ""))
          .join(""),
      );
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "refresh") walk(value);
  };
  walk(card);
  return texts;
}

function inputsOf(card: unknown): CardInput[] {
  const inputs: CardInput[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    const type = node["type"];
    // Inputs behind a ShowCard belong to the actions of that card.
    if (type === "Action.ShowCard") return;
    if (typeof type === "string" && type.startsWith("Input.") && typeof node["id"] === "string") {
      const choices = Array.isArray(node["choices"]) && node["choices.data"] === undefined;
      const value = scalar(node["value"]);
      inputs.push({
        id: node["id"],
        type,
        ...(value !== undefined && value !== "" ? { value } : {}),
        isRequired: node["isRequired"] === true || node["isRequired"] === "true",
        isMultiSelect: node["isMultiSelect"] === true,
        ...(choices
          ? {
              choices: (node["choices"] as unknown[]).map((c) =>
                isObject(c) ? (scalar(c["value"]) ?? "") : "",
              ),
            }
          : {}),
      });
    }
    for (const [key, value] of Object.entries(node)) if (key !== "refresh") walk(value);
  };
  walk(isObject(card) ? card["body"] : undefined);
  return inputs;
}

/** The actions of a card (its own and its ActionSets'), not those inside the cards of its ShowCards. */
function actionsOf(card: unknown): Record<string, unknown>[] {
  const actions: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isObject(node)) return;
    const type = node["type"];
    if (typeof type === "string" && type.startsWith("Action.")) {
      actions.push(node);
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "refresh") walk(value);
  };
  if (isObject(card)) {
    walk(card["body"]);
    walk(card["actions"]);
  }
  return actions;
}

function cardsOf(attachments: unknown): Card[] {
  if (!Array.isArray(attachments)) return [];
  return attachments
    .filter((a): a is Record<string, unknown> => isObject(a) && a["contentType"] === ADAPTIVE_CARD)
    .map((a) => a["content"])
    .filter(isObject);
}

function cardOfAnswer(body: unknown): Card | undefined {
  return isObject(body) && body["type"] === ADAPTIVE_CARD && isObject(body["value"])
    ? body["value"]
    : undefined;
}

/** A string, number or boolean as the text a card input would send; undefined for anything else. */
function scalar(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parse(data: WebSocket.RawData): unknown {
  try {
    return JSON.parse(rawText(data)) as unknown;
  } catch {
    return undefined;
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

function shut(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.close();
    setTimeout(() => socket.terminate(), 1000).unref();
  });
}
