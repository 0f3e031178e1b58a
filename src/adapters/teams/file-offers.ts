// A file the bot offers in a person's chat, as Teams' file-consent flow has it: a FileConsentCard with the
// file's name, size and description, and a context that names only what the file is made from (an
// escalation, a period). The file is made again when the person accepts, after the permission is checked
// again, so an offer holds nothing of the file and a declined one leaves nothing behind.
import { MessageFactory } from "@microsoft/agents-hosting";

import { policyById, type Services } from "../../application/services";
import type { Escalation } from "../../domain/escalation";
import type { PeriodReport } from "../../domain/period-report";
import { z } from "../../domain/schemas";
import { reference } from "../cards/render";
import { recordPdf } from "../record/record-pdf";
import { reportFile, reportFileName } from "../report/report-files";

export const FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";
export const FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info";

export const offerSchema = z.discriminatedUnion("file", [
  z.strictObject({ file: z.literal("record"), escalationId: z.string().min(1).max(100) }),
  z.strictObject({
    file: z.literal("report"),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** One process only, where the council runs several. */
    policyId: z.string().min(1).max(100).optional(),
  }),
]);
export type Offer = z.infer<typeof offerSchema>;

export interface MadeFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly description: string;
}

/** The FileConsentCard for a file; its preview names the file, never a child. */
export function offerMessage(file: MadeFile, offer: Offer) {
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

/** The record of an escalation for the child's file, as it stands now, named as the policy says. */
export async function recordFile(services: Services, escalation: Escalation): Promise<MadeFile> {
  const policy = policyById(services, escalation.policyId);
  const record = await recordPdf(escalation, policy, services.calendar, new Date(services.clock.now()));
  return {
    name: record.fileName,
    bytes: record.bytes,
    description: `The record of ${reference(escalation.id)} for the child's file${escalation.conclusion ? "" : ", as it stands now"}.`,
  };
}

/** Who a report is of: the council, and the process where it is of one only. */
export function reportHeading(services: Pick<Services, "councilName">, processName?: string): string {
  return processName ? `${services.councilName}: ${processName}` : services.councilName;
}

/** The report's workbook. */
export async function workbookFile(
  services: Services,
  report: PeriodReport,
  /** The one process it is of, where the council runs several. */
  processName?: string,
): Promise<MadeFile> {
  const council = reportHeading(services, processName);
  return {
    name: reportFileName(report, "xlsx"),
    bytes: await reportFile(report, { council, madeAt: services.clock.now() }, "xlsx"),
    description: `Escalations report: ${report.period.label}${processName ? `, ${processName}` : ""}. Case IDs only, no child's name.`,
  };
}

export async function recordOffer(
  services: Services,
  escalation: Escalation,
  /** The record already made for this version, where it is offered to several people. */
  made?: Promise<MadeFile>,
) {
  return offerMessage(await (made ?? recordFile(services, escalation)), {
    file: "record",
    escalationId: escalation.id,
  });
}
