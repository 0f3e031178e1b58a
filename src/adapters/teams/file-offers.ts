// A file the bot offers in a person's chat, as Teams' file-consent flow has it: a FileConsentCard with the
// file's name, size and description, and a context that names only what the file is made from (an
// escalation, a period). The file is made when the person accepts, after the permission is checked again,
// so an offer holds nothing of the file and a declined one leaves nothing behind. A record's offer states
// the size its words will make (ADR 11); a report's workbook is made for its offer and states its length.
import { MessageFactory } from "@microsoft/agents-hosting";

import { policyById, type Services } from "../../application/services";
import type { Escalation } from "../../domain/escalation";
import type { PeriodReport } from "../../domain/period-report";
import { recordFileName } from "../../domain/policy";
import { z } from "../../domain/schemas";
import { reference } from "../cards/render";
import { recordContent } from "../record/record-content";
import { recordPdf, recordSizeEstimate } from "../record/record-pdf";
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

/** What an offer says of a file: its name, what it is, and its size in bytes. */
export interface OfferedFile {
  readonly name: string;
  readonly description: string;
  /** Shown to the person as the file's size and the room it takes in their OneDrive. */
  readonly sizeInBytes: number;
}

export interface MadeFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly description: string;
}

/** A made file, as an offer states it. */
export function offered(file: MadeFile): OfferedFile {
  return { name: file.name, description: file.description, sizeInBytes: file.bytes.length };
}

/** The FileConsentCard for a file; its preview names the file, never a child. */
export function offerMessage(file: OfferedFile, offer: Offer) {
  const activity = MessageFactory.attachment({
    contentType: FILE_CONSENT_CARD,
    name: file.name,
    content: {
      description: file.description,
      sizeInBytes: file.sizeInBytes,
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
  return { name: record.fileName, bytes: record.bytes, description: recordDescription(escalation) };
}

function recordDescription(escalation: Escalation): string {
  return `The record of ${reference(escalation.id)} for the child's file${escalation.conclusion ? "" : ", as it stands now"}.`;
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

/**
 * The offer of an escalation's record, its size told from its words: the record is made only when the
 * offer is accepted, so a conclusion that offers it to the IRO and to everyone it is copied to makes none.
 */
export function recordOffer(services: Services, escalation: Escalation) {
  const policy = policyById(services, escalation.policyId);
  const file: OfferedFile = {
    name: recordFileName(policy, escalation.child.legalStatus),
    description: recordDescription(escalation),
    sizeInBytes: recordSizeEstimate(recordContent(escalation, policy, services.calendar)),
  };
  return offerMessage(file, { file: "record", escalationId: escalation.id });
}
