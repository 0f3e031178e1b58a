// One zod schema over the environment: every setting the product reads, with its default, checked at
// start-up so that a wrong configuration stops the process with every problem listed at once.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const cosmosSettingsSchema = z.object({
  COSMOS_ENDPOINT: z.url({ error: "must be the account's https:// endpoint" }).optional(),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default("escalation-bot"),
});

export type CosmosSettings = z.infer<typeof cosmosSettingsSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

export function parseSettings<T extends z.ZodType>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}
