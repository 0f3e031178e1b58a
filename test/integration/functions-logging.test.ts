// Under Azure Functions the bot's log lines go through the invocation's own logger at their level, so a
// warning reaches Application Insights as a warning (and can be alerted on), still one JSON line of ids.
import { randomUUID } from "node:crypto";

import { HttpRequest, InvocationContext, type LogLevel, type Timer } from "@azure/functions";

import type * as Entry from "../../src/hosts/functions";
import { startCosmosServer } from "../support/cosmos-server";

const COUNCIL = "11111111-2222-4333-8444-555555555555";
const FOREIGN = "99999999-0000-4000-8000-000000000000";

let entry: typeof Entry;
let terminate: () => Promise<void> = () => Promise.resolve();
let stopCosmos: () => Promise<void> = () => Promise.resolve();
const saved = { ...process.env };

beforeAll(async () => {
  const cosmos = await startCosmosServer();
  stopCosmos = () => cosmos.stop();
  Object.assign(process.env, {
    LOCAL_MODE: "true",
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DATABASE: `functions-${randomUUID()}`,
    ALLOWED_TENANT_IDS: COUNCIL,
  });
  jest.isolateModules(() => {
    // The real @azure/functions, but with nothing to register with outside a Functions host.
    jest.doMock("@azure/functions", () => ({
      ...jest.requireActual<object>("@azure/functions"),
      app: {
        http: () => undefined,
        timer: () => undefined,
        hook: {
          appTerminate: (handler: () => Promise<void>) => {
            terminate = handler;
          },
        },
      },
    }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded in isolation, after the host is mocked
    entry = require("../../src/hosts/functions") as typeof Entry;
  });
});

afterAll(async () => {
  // The host's own shutdown: the bot finishes its sends and closes the store's connections.
  await terminate();
  await stopCosmos();
  process.env = saved;
});

function invocation(): { context: InvocationContext; lines: { level: LogLevel; text: string }[] } {
  const lines: { level: LogLevel; text: string }[] = [];
  const context = new InvocationContext({
    functionName: "messages",
    logHandler: (level, ...args) => lines.push({ level, text: args.map(String).join(" ") }),
  });
  return { context, lines };
}

it("logs a warning through the invocation's warn, as one JSON line of ids", async () => {
  const { context, lines } = invocation();
  const activity = {
    type: "message",
    id: "a-1",
    channelId: "msteams",
    serviceUrl: "https://smba.trafficmanager.net/uk/",
    from: { id: "29:someone", aadObjectId: randomUUID() },
    conversation: { id: "a:1", conversationType: "personal", tenantId: FOREIGN },
    channelData: { tenant: { id: FOREIGN } },
    text: "Jamie's plan",
  };

  const response = await entry.messages(
    new HttpRequest({
      method: "POST",
      url: "https://bot.example/api/messages",
      headers: { "content-type": "application/json" },
      body: { string: JSON.stringify(activity) },
    }),
    context,
  );

  expect(response.status).toBe(403);
  const warnings = lines.filter((l) => l.level === "warning");
  expect(warnings).toHaveLength(1);
  expect(JSON.parse(warnings[0]!.text)).toMatchObject({
    level: "warn",
    message: "activity from a tenant that is not configured",
  });
  expect(lines.map((l) => l.text).join("\n")).not.toContain("Jamie");
});

it("logs a timer's run through that timer's invocation, at information level", async () => {
  const { context, lines } = invocation();
  const timer: Timer = {
    isPastDue: false,
    schedule: { adjustForDST: false },
    scheduleStatus: { last: "", next: "", lastUpdated: "" },
  };
  await entry.reminders(timer, context);

  const run = lines.find((l) => l.text.includes('"reminders run"'));
  expect(run?.level).toBe("information");
});
