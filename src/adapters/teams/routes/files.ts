// Files a person saves from their chat with the bot: the record for the child's file (`record ESC-…`) and
// the QA Manager's report workbook (`report 2026-Q3`). Teams' file-consent flow: the bot offers the file
// (a FileConsentCard with its name and size); the person accepts or declines; on accept Teams opens an
// upload session in their OneDrive and the bot puts the file there, then posts the file's card. The
// offer carries only what names the file (an escalation id, a period), never its content: the file is
// made again on accept, after the permission is checked again, so a declined offer leaves nothing behind.
import { Activity } from "@microsoft/agents-activity";
import {
  type AgentApplication,
  MessageFactory,
  type TurnContext,
  type TurnState,
} from "@microsoft/agents-hosting";
import { z } from "zod";

import { reportFor } from "../../../application/period-report";
import { policyById, type Services } from "../../../application/services";
import { viewByReference, viewEscalation } from "../../../application/view-escalation";
import type { Escalation } from "../../../domain/escalation";
import type { PeriodReport } from "../../../domain/period-report";
import { parsePeriod, PERIOD_EXAMPLES, periodBetween } from "../../../domain/periods";
import { isQaManager } from "../../../domain/permissions";
import { refusalCard } from "../../cards";
import { reference } from "../../cards/render";
import { reportCard } from "../../cards/report-card";
import { recordPdf } from "../../record/record-pdf";
import { reportFile, reportFileName } from "../../report/report-files";
import { uploadToSession } from "../file-upload";
import { cardMessage } from "../presentation";
import type { TeamsAppDeps } from "../teams-app";

export const FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";
export const FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info";

/** What an offer names: the file is made from it again when the person accepts. */
const offerSchema = z.discriminatedUnion("file", [
  z.strictObject({ file: z.literal("record"), escalationId: z.string().min(1).max(100) }),
  z.strictObject({
    file: z.literal("report"),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
]);
type Offer = z.infer<typeof offerSchema>;

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

interface MadeFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly description: string;
}

export const RECORD_USAGE = "Type record and the escalation's reference, such as record ESC-3F2A9C1B.";
export const REPORT_USAGE = `Type report and a period: ${PERIOD_EXAMPLES}.`;

function offerMessage(file: MadeFile, offer: Offer) {
  const activity = MessageFactory.attachment({
    contentType: FILE_CONSENT_CARD,
    name: file.name,
    content: {
      description: file.description,
      sizeInBytes: file.bytes.length,
      acceptContext: offer,
      declineContext: offer,
    },
  });
  activity.summary = `A file to save: ${file.name}`;
  return activity;
}

/** The record of an escalation, as it stands now. */
async function recordFor(services: Services, escalation: Escalation): Promise<MadeFile> {
  const policy = policyById(services, escalation.policyId);
  const record = await recordPdf(escalation, policy, services.calendar, new Date(services.clock.now()));
  return {
    name: record.fileName,
    bytes: record.bytes,
    description: `The record of ${reference(escalation.id)} for the child's file, as it stands now.`,
  };
}

async function workbookOf(services: Services, report: PeriodReport): Promise<MadeFile> {
  return {
    name: reportFileName(report, "xlsx"),
    bytes: await reportFile(report, { council: services.councilName, madeAt: services.clock.now() }, "xlsx"),
    description: `Escalations report: ${report.period.label}. Case IDs only, no child's name.`,
  };
}

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
  const file = await recordFor(services, view.escalation);
  await context.sendActivity(offerMessage(file, { file: "record", escalationId: view.escalation.id }));
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
  const parsed = argument === "" ? undefined : parsePeriod(argument);
  if (!parsed?.ok) {
    await context.sendActivity(MessageFactory.text(parsed ? parsed.problem : REPORT_USAGE));
    return;
  }
  const report = await reportFor(services, parsed.period);
  const file = await workbookOf(services, report);
  await context.sendActivity(
    cardMessage(reportCard(report, services.councilName, file.name), "Your escalations report"),
  );
  await context.sendActivity(
    offerMessage(file, { file: "report", from: parsed.period.from, to: parsed.period.to }),
  );
}

/** The file an accepted offer names, made again now, if the person may still have it. */
async function fileOf(services: Services, userId: string, offer: Offer): Promise<MadeFile | string> {
  if (offer.file === "record") {
    const view = await viewEscalation(services, userId, offer.escalationId);
    if (view.kind !== "visible")
      return `There is no escalation ${reference(offer.escalationId)} for you to see.`;
    return recordFor(services, view.escalation);
  }
  const directory = await services.directory.current();
  if (!isQaManager(directory.actor(userId))) return "Reports are for QA Managers.";
  const period = periodBetween(offer.from, offer.to);
  if (!period.ok) return period.problem;
  return workbookOf(services, await reportFor(services, period.period));
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
