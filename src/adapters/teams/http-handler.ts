// /api/messages as a pure function of the request: `{ headers, body } → { status, headers, body }`, so the
// Azure Functions trigger and the local Node host run exactly the same code. It checks the size, the
// JSON, the activity's shape, the token and the tenant before the Agents SDK sees anything.
import type { AgentApplication, CloudAdapter, TurnState } from "@microsoft/agents-hosting";

import { errorName } from "../../domain/log-fields";
import type { Logger } from "../../domain/ports";
import { z } from "../../domain/schemas";
import { type BotTokenValidator, TokenRejected } from "./bot-token";

export interface HttpRequestLike {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface HttpResponseLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type InboundAuth =
  /** Explicit local mode (the playground, the tests): no token, as the local playground sends none. */
  | { readonly mode: "local" }
  | { readonly mode: "bot-framework"; readonly validator: BotTokenValidator; readonly clientId: string };

export interface MessagesHandlerDeps {
  readonly adapter: CloudAdapter;
  readonly app: AgentApplication<TurnState>;
  readonly auth: InboundAuth;
  /** Tenants whose activities are accepted; empty accepts any (local mode only). */
  readonly allowedTenants: ReadonlySet<string>;
  readonly logger: Logger;
}

/** The largest request body accepted; a host refuses a larger one before reading it all. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The answer to a body over the limit, the same from every host. */
export const TOO_LARGE: HttpResponseLike = {
  status: 413,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ error: "The request is too large." }),
};

/** True when the request's declared length is over the limit, so it can be refused unread. */
export function declaredTooLarge(contentLength: string | null | undefined): boolean {
  if (contentLength === null || contentLength === undefined) return false;
  const declared = Number(contentLength);
  return !Number.isFinite(declared) || declared > MAX_BODY_BYTES;
}

const activityShape = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.url().max(2048),
  channelId: z.string().min(1).max(64),
  from: z.object({ id: z.string().min(1).max(512), aadObjectId: z.string().max(128).optional() }),
  conversation: z.object({ id: z.string().min(1).max(1024), tenantId: z.string().max(128).optional() }),
  channelData: z.object({ tenant: z.object({ id: z.string().max(128) }).optional() }).optional(),
});

const json = (status: number, body?: unknown): HttpResponseLike => ({
  status,
  headers: body === undefined ? {} : { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

export function createMessagesHandler(
  deps: MessagesHandlerDeps,
): (request: HttpRequestLike) => Promise<HttpResponseLike> {
  const { adapter, app, auth, allowedTenants, logger } = deps;
  return async (request) => {
    if (request.method.toUpperCase() !== "POST") return json(405);
    if (Buffer.byteLength(request.body, "utf8") > MAX_BODY_BYTES) return TOO_LARGE;
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return json(400, { error: "The request body is not JSON." });
    }
    const shape = activityShape.safeParse(body);
    if (!shape.success) return json(400, { error: "The request body is not an activity." });
    const activity = shape.data;

    let user: Record<string, unknown> | undefined;
    if (auth.mode === "bot-framework") {
      try {
        const claims = await auth.validator.validate(header(request, "authorization"), activity);
        user = { ...claims, aud: auth.clientId };
      } catch (error) {
        logger.warn("request refused", {
          reason: error instanceof TokenRejected ? error.reason : "token check failed",
        });
        return json(401);
      }
    }

    if (!tenantAllowed(activity, allowedTenants)) {
      logger.warn("activity from a tenant that is not configured", { activityType: activity.type });
      return json(403);
    }

    return run(adapter, app, body, request.headers, user, logger);
  };
}

/**
 * Every tenant id the activity carries (the conversation's and the channel data's) must agree and be one
 * of the council's: an activity with the council's tenant in one place and another in the other is refused.
 */
function tenantAllowed(
  activity: {
    conversation: { tenantId?: string | undefined };
    channelData?: { tenant?: { id: string } | undefined } | undefined;
  },
  allowed: ReadonlySet<string>,
): boolean {
  const carried = new Set(
    [activity.conversation.tenantId, activity.channelData?.tenant?.id].filter((t) => t !== undefined),
  );
  if (carried.size > 1) return false;
  if (allowed.size === 0) return true;
  const [tenant] = [...carried];
  return tenant !== undefined && allowed.has(tenant);
}

function header(request: HttpRequestLike, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Runs the SDK on an Express-like request and response made from plain values. */
async function run(
  adapter: CloudAdapter,
  app: AgentApplication<TurnState>,
  body: unknown,
  headers: Readonly<Record<string, string | undefined>>,
  user: Record<string, unknown> | undefined,
  logger: Logger,
): Promise<HttpResponseLike> {
  let status = 200;
  let sent: unknown;
  let ended = false;
  const responseHeaders: Record<string, string> = {};
  const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const req = { method: "POST", body, headers: lowerHeaders, user };
  const res = {
    get headersSent() {
      return ended;
    },
    get writableEnded() {
      return ended;
    },
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(key: string, value: string) {
      responseHeaders[key.toLowerCase()] = value;
      return res;
    },
    send(value: unknown) {
      sent = value;
      return res;
    },
    end() {
      ended = true;
      return res;
    },
  };
  try {
    // The SDK's request and response types are Express's; these plain objects carry what it uses.
    await adapter.process(req as never, res, (context) => app.run(context));
  } catch (error) {
    logger.error("activity could not be processed", { error: errorName(error) });
    return json(500, { error: "The activity could not be processed." });
  }
  if (sent === undefined) return { status, headers: responseHeaders };
  return {
    status,
    headers: { "content-type": "application/json", ...responseHeaders },
    body: typeof sent === "string" ? sent : JSON.stringify(sent),
  };
}
