// The words the bot answers in a chat, and the message action's id: what the app manifest offers must be
// what the routes serve, so both read them from here.

/** The typed commands, as the manifest's command list offers them. */
export const COMMANDS = ["raise", "my escalations", "record", "report", "digest", "help"] as const;

export type Command = (typeof COMMANDS)[number];

/** The message action's command id in the app manifest. */
export const RAISE_COMMAND_ID = "raiseEscalation";

/**
 * The commands followed by what they act on: "record ESC-3F2A9C1B", "report 2026-Q3", and a process where the
 * council runs several: "report 2026-Q3 multi-agency", "digest multi-agency".
 */
const TAKES_ARGUMENT: ReadonlySet<Command> = new Set<Command>(["record", "report", "digest"]);

/**
 * The command a chat message asks for, without the @mention and in any case, with the words after it for a
 * command that takes some ("" when none were typed); undefined for other text.
 */
export function parseCommand(
  text: string,
): { readonly command: Command; readonly argument: string } | undefined {
  const words = text
    .replace(/<at>.*?<\/at>/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const lower = words.toLowerCase();
  for (const command of COMMANDS) {
    if (lower === command) return { command, argument: "" };
    if (TAKES_ARGUMENT.has(command) && lower.startsWith(`${command} `))
      return { command, argument: words.slice(command.length + 1) };
  }
  return undefined;
}

/** The command a chat message asks for; undefined for other text. */
export function commandOf(text: string): Command | undefined {
  return parseCommand(text)?.command;
}
