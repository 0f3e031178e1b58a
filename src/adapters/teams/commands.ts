// The words the bot answers in a chat, and the message action's id: what the app manifest offers must be
// what the routes serve, so both read them from here.

/** The typed commands, as the manifest's command list offers them. */
export const COMMANDS = ["raise", "my escalations", "digest", "help"] as const;

export type Command = (typeof COMMANDS)[number];

/** The message action's command id in the app manifest. */
export const RAISE_COMMAND_ID = "raiseEscalation";

/** The command a chat message asks for, without the @mention and in any case; undefined for other text. */
export function commandOf(text: string): Command | undefined {
  const words = text
    .replace(/<at>.*?<\/at>/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return COMMANDS.find((command) => command === words);
}
