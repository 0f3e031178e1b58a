// Files a person saves from their chat with the bot: the record for the child's file (`record ESC-…`) and
// the QA Manager's report workbook (`report 2026-Q3`). Teams' file-consent flow: the bot offers the file
// (a FileConsentCard with its name and size); the person accepts or declines; on accept Teams opens an
// upload session in their OneDrive and the bot puts the file there, then posts the file's card. The
// offer carries only what names the file (an escalation id, a period), never its content: the file is
// made on accept, after the permission is checked again, so a declined offer leaves nothing behind.
import { Activity } from "@microsoft/agents-activity";
import {
  type AgentApplication,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from "@microsoft/agents-hosting";

import { reportFor } from "../../../application/period-report";
import { runProcess, runProcessIds, type Services } from "../../../application/services";
import { viewByReference, viewEscalation } from "../../../application/view-escalation";
import { parsePeriod, PERIOD_EXAMPLES, periodBetween } from "../../../domain/periods";
import { isQaManager } from "../../../domain/permissions";
import { z } from "../../../domain/schemas";
import { refusalCard } from "../../cards";
import { reference } from "../../cards/render";
import { reportCard } from "../../cards/report-card";
import {
  FILE_INFO_CARD,
  type MadeFile,
  type Offer,
  offered,
  offerMessage,
  offerSchema,
  recordFile,
  recordOffer,
  reportHeading,
  workbookFile,
} from "../file-offers";
import { uploadToSession } from "../file-upload";
import { cardMessage } from "../presentation";
import type { TeamsAppDeps } from "../teams-app";

const consentSchema = z.object({
  type: z.literal("fileUpload"),
  action: z.enum(["accept", "decline"]),
  context: offerSchema,
  uploadInfo: z
    .object({
      name: z.string().min(1),
      uploadUrl: z.url(),
      contentUrl: z.url(),
      uniqueId: z.string().min(1),
      fileType: z.string(),
    })
    .optional(),
});

export const RECORD_USAGE = "Type record and the escalation's reference, such as record ESC-3F2A9C1B.";
export const REPORT_USAGE = `Type report and a period: ${PERIOD_EXAMPLES}.`;

/** `record ESC-…`: offers the record, to the people on the escalation and QA Managers only. */
export async function offerRecord(
  context: TurnContext,
  services: Services,
  userId: string,
  argument: string,
) {
  const typed = /^ESC-[0-9A-Z]{8}$/i.test(argument) ? argument.toUpperCase() : undefined;
  if (!typed) {
    await context.sendActivity(MessageFactory.text(RECORD_USAGE));
    return;
  }
  const view = await viewByReference(services, userId, typed);
  if (view.kind !== "visible") {
    await context.sendActivity(MessageFactory.text(`There is no escalation ${typed} for you to see.`));
    return;
  }
  await context.sendActivity(recordOffer(services, view.escalation));
}

/** `report <period>`: the figures as a card, and the workbook offered; for QA Managers only. */
export async function offerReport(
  context: TurnContext,
  services: Services,
  userId: string,
  argument: string,
) {
  const directory = await services.directory.current();
  if (!isQaManager(directory.actor(userId))) {
    await context.sendActivity(
      cardMessage(refusalCard("Reports are for QA Managers."), "Reports are for QA Managers"),
    );
    return;
  }
  // "report 2026-Q3 multi-agency": the last word names a process where it is one the council runs.
  const words = argument.split(" ");
  const process = words.length > 1 ? runProcess(services, words.at(-1) ?? "") : undefined;
  const periodText = process ? words.slice(0, -1).join(" ") : argument;
  const parsed = periodText === "" ? undefined : parsePeriod(periodText);
  if (!parsed?.ok) {
    await context.sendActivity(
      MessageFactory.text(parsed ? `${parsed.problem} ${processUsage(services, "report")}` : REPORT_USAGE),
    );
    return;
  }
  const report = await reportFor(services, parsed.period, process?.id);
  const file = await workbookFile(services, report, process?.name);
  await context.sendActivity(
    cardMessage(
      reportCard(report, reportHeading(services, process?.name), file.name),
      "Your escalations report",
    ),
  );
  await context.sendActivity(
    offerMessage(offered(file), {
      file: "report",
      from: parsed.period.from,
      to: parsed.period.to,
      ...(process ? { policyId: process.id } : {}),
    }),
  );
}

/** How to name one process, where the council runs several. */
export function processUsage(services: Services, command: "report" | "digest"): string {
  const ids = runProcessIds(services);
  const example = command === "report" ? `report 2026-Q3 ${ids.at(-1) ?? ""}` : `digest ${ids.at(-1) ?? ""}`;
  return ids.length > 1
    ? `To see one process only, add its id: ${ids.join(", ")} (e.g. ${example}).`
    : `The council runs one process, ${ids[0] ?? ""}.`;
}

/** The file an accepted offer names, made now, if the person may still have it. */
async function fileOf(services: Services, userId: string, offer: Offer): Promise<MadeFile | string> {
  if (offer.file === "record") {
    const view = await viewEscalation(services, userId, offer.escalationId);
    if (view.kind !== "visible")
      return `There is no escalation ${reference(offer.escalationId)} for you to see.`;
    return recordFile(services, view.escalation);
  }
  const directory = await services.directory.current();
  if (!isQaManager(directory.actor(userId))) return "Reports are for QA Managers.";
  const period = periodBetween(offer.from, offer.to);
  if (!period.ok) return period.problem;
  const process = offer.policyId === undefined ? undefined : runProcess(services, offer.policyId);
  if (offer.policyId !== undefined && !process) return "The council no longer runs that process.";
  return workbookFile(services, await reportFor(services, period.period, process?.id), process?.name);
}

export function fileRoutes(app: AgentApplication<TurnState>, { services }: TeamsAppDeps): void {
  app.addRoute(
    (context) =>
      Promise.resolve(context.activity.type === "invoke" && context.activity.name === "fileConsent/invoke"),
    async (context) => {
      const answer = () =>
        context.sendActivity(Activity.fromObject({ type: "invokeResponse", value: { status: 200 } }));
      const consent = consentSchema.safeParse(context.activity.value);
      const userId = context.activity.from?.aadObjectId ?? "";
      if (!consent.success) {
        services.logger.warn("file consent not understood", { userId });
        await answer();
        return;
      }
      const { action, context: offer, uploadInfo } = consent.data;
      // The offer is answered once: its card goes, so it cannot be accepted twice.
      if (context.activity.replyToId) await context.deleteActivity(context.activity.replyToId);
      if (action === "decline" || !uploadInfo) {
        await answer();
        await context.sendActivity(
          MessageFactory.text(
            `Not saved. ${offer.file === "record" ? `Type record ${reference(offer.escalationId)}` : "Ask for the report again"} to be offered it again.`,
          ),
        );
        return;
      }
      const file = await fileOf(services, userId, offer);
      if (typeof file === "string") {
        await answer();
        await context.sendActivity(MessageFactory.text(file));
        return;
      }
      try {
        await uploadToSession(uploadInfo.uploadUrl, file.bytes);
      } catch (error) {
        services.logger.warn("file upload failed", {
          userId,
          file: offer.file,
          error: error instanceof Error ? error.message : "error",
        });
        await answer();
        await context.sendActivity(
          MessageFactory.text(
            `${uploadInfo.name} could not be saved to your OneDrive. Ask for it again in a moment.`,
          ),
        );
        return;
      }
      services.logger.info("file saved", { userId, file: offer.file, bytes: file.bytes.length });
      await answer();
      const info = MessageFactory.attachment({
        contentType: FILE_INFO_CARD,
        contentUrl: uploadInfo.contentUrl,
        name: uploadInfo.name,
        content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
      });
      info.summary = `Saved: ${uploadInfo.name}`;
      await context.sendActivity(info);
    },
    true,
  );
}
