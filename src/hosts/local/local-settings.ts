// The settings only the local run reads (see .env.example), beside the product's own (src/config.ts).
import { z } from "../../domain/schemas";

export const localSettings = z.object({
  LOCAL_BOT_PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  LOCAL_PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  POLICY: z.string().default("dorset-qaro"),
  LOCAL_DIRECTORY_FILE: z.string().default("examples/directory.json"),
  LOCAL_DATA_DIR: z.string().default(".local-data"),
  LOCAL_KEEP_DATA: z.enum(["true", "false"]).default("false"),
  LOCAL_CLOCK_SPEED: z.coerce.number().min(1).max(100_000).default(1),
  LOCAL_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  LOCAL_REMINDER_INTERVAL_SECONDS: z.coerce.number().min(1).default(60),
  LOCAL_PLAYGROUND_PEOPLE: z.string().optional(),
  /** The local inbox (MailDev): its web page and REST API, and the SMTP port it takes mail on. */
  LOCAL_MAIL_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  LOCAL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  LOCAL_MAIL: z.enum(["true", "false"]).default("true"),
});
