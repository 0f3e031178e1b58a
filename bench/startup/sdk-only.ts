// Start-up baseline: an entry that imports only the Agents SDK and answers the same card action with a fixed
// card, through the SDK's adapter on a plain request and response, as the bot's HTTP seam drives it.
import { AgentApplication, CloudAdapter, type TurnState } from "@microsoft/agents-hosting";

import { activityBody, bodyText, report } from "./report";

async function main(): Promise<void> {
  const adapter = new CloudAdapter();
  const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });
  app.adaptiveCards.actionExecute(/.*/, () =>
    Promise.resolve({
      type: "AdaptiveCard" as const,
      version: "1.5",
      body: [{ type: "TextBlock", text: "Your response was recorded", wrap: true }],
    }),
  );
  let status = 200;
  let sent: unknown;
  const res = {
    headersSent: false,
    writableEnded: false,
    status(code: number) {
      status = code;
      return res;
    },
    setHeader() {
      return res;
    },
    send(value: unknown) {
      sent = value;
      return res;
    },
    end() {
      res.writableEnded = true;
      return res;
    },
  };
  const req = { method: "POST", body: JSON.parse(activityBody()) as unknown, headers: {} };
  await adapter.process(req as never, res, (context) => app.run(context));
  report(sent === undefined ? 500 : status, bodyText(sent));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
