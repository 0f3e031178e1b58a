// Part of `npm run build`: bundles the compiled Functions entry (dist/src/hosts/functions.js) and what it
// imports into one file, dist/functions.js, the package's `main`, which the Functions host loads. A cold
// start then reads one file instead of resolving and reading some 1,700 modules (docs/adr/0013).
// The bundle is not minified: stack traces in the Function App's log keep their names.
import path from "node:path";

import { build } from "esbuild";

import { projectRoot } from "./project-root";

/**
 * What stays in node_modules and is loaded from there. Each is either provided by the platform or loaded
 * the first time it is needed, so bundling it would only add its size to every cold start.
 */
export const LEFT_TO_NODE_MODULES = [
  // The Functions programming model: it registers the functions with the worker, which provides
  // @azure/functions-core to it alone.
  "@azure/functions",
  // The Agents SDK's telemetry uses OpenTelemetry when it is installed; the bot does not install it.
  "@opentelemetry/api",
  "@opentelemetry/api-logs",
  // The record PDF, made with the first record: pdfkit reads its own data files beside its code.
  "pdfkit",
  "fontkit",
  "dejavu-fonts-ttf",
  // The QA report's workbook, made with the first report.
  "exceljs",
  // The e-mail composer, loaded with the first e-mail.
  "nodemailer",
  // Bank holidays for a year outside the generated table (src/domain/calendar/bank-holidays.ts).
  "date-holidays",
] as const;

export const FUNCTIONS_BUNDLE = "dist/functions.js";

export async function bundleFunctions(root: string = projectRoot()): Promise<void> {
  await build({
    entryPoints: [path.join(root, "dist/src/hosts/functions.js")],
    outfile: path.join(root, FUNCTIONS_BUNDLE),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    keepNames: true,
    external: [...LEFT_TO_NODE_MODULES],
    logLevel: "warning",
  });
}

if (require.main === module) {
  bundleFunctions().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
