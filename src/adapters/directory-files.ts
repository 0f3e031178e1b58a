// Reads a directory file, JSON or CSV by its extension, and checks it against the policy it will serve.
import { readFileSync } from "node:fs";

import { checkDirectory, type DirectoryCheck } from "../domain/directory";
import type { Policy } from "../domain/policy";
import { CsvError, directoryFromCsv } from "./directory-csv";

export function checkDirectoryFile(file: string, policy: Policy): DirectoryCheck {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          where: "(file)",
          message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
        },
      ],
    };
  }
  let content: unknown;
  try {
    content = file.toLowerCase().endsWith(".csv") ? directoryFromCsv(text) : JSON.parse(text);
  } catch (error) {
    const kind = error instanceof CsvError ? "not a valid directory CSV" : "not valid JSON";
    return {
      ok: false,
      problems: [
        { where: "(file)", message: `${kind}: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  return checkDirectory(content, policy);
}
