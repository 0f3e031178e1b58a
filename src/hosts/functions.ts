// The Azure Functions host: the HTTP trigger at /api/messages and the timers, thin over the handlers the
// local host serves too. The configuration is checked when the module loads, so a Function App with a wrong
// configuration fails to start and says why, rather than starting without its functions.
import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
  type Timer,
} from "@azure/functions";

import { loadPolicies } from "../adapters/policies/policy-files";
import { loadConfig } from "../config";
import { type Bot, createBot } from "../main";
import { functionsMessages } from "./functions-http";
import { functionsLogger, inInvocation } from "./functions-logging";

const policies = loadPolicies();
const config = loadConfig(process.env, policies.keys());

const logger = functionsLogger;
let bot: Promise<Bot> | undefined;

function getBot(): Promise<Bot> {
  bot ??= createBot({ env: process.env, logger, loaded: { config, policies } }).catch((error: unknown) => {
    bot = undefined;
    throw error;
  });
  return bot;
}

const answer = functionsMessages(async (request) => (await getBot()).handleMessages(request));

export function messages(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  return inInvocation(context, () => answer(request));
}

export function reminders(timer: Timer, context: InvocationContext): Promise<void> {
  // isPastDue: the host was down or late; one run sends what is owed now, not one per missed tick.
  return inInvocation(context, async () => {
    logger.info("reminders run", { isPastDue: timer.isPastDue });
    await (await getBot()).runReminders(timer.isPastDue);
  });
}

export function digest(timer: Timer, context: InvocationContext): Promise<void> {
  return inInvocation(context, async () => {
    logger.info("digest timer", { isPastDue: timer.isPastDue });
    await (await getBot()).sendDigests();
  });
}

// When the host stops the worker, the sends under way finish and the store's connections close.
app.hook.appTerminate(async () => {
  if (bot) await (await bot).close();
});

app.http("messages", { methods: ["POST"], authLevel: "anonymous", route: "messages", handler: messages });
app.timer("reminders", { schedule: config.schedules.reminders, handler: reminders });
app.timer("digest", { schedule: config.schedules.digest, handler: digest });
