// The e-mail an owed message becomes: to the person, with the people the policy copies on it in Cc; the
// subject the council's policy asks for when it asks the person to answer, and otherwise the escalation's
// reference and what happened (never the child); the card they would get in Teams as HTML, as plain text and,
// where the council's Outlook provider is registered, as the live card itself.
import { policyById, type Services } from "../../application/services";
import { formatDay } from "../../domain/calendar";
import type { DirectoryIndex } from "../../domain/directory";
import {
  currentStage,
  type Escalation,
  type MessageKind,
  type OutboxItem,
  type PersonRef,
} from "../../domain/escalation";
import { fillSubject } from "../../domain/policy";
import { reference } from "../cards";
import { messageCard } from "../cards/message-card";
import { previewFor } from "../cards/previews";
import { cardHtml, cardText } from "./card-document";
import { forOutlook } from "./outlook-card";

export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

export interface Email {
  readonly to: Mailbox;
  readonly cc: readonly Mailbox[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface EmailSettings {
  /** The bot's app id: the Teams link opens the person's chat with it. */
  readonly botId: string;
  /** The Outlook provider's originator id; without it the e-mail has no live card. */
  readonly originatorId: string | undefined;
}

/** The messages that ask their recipient to answer a stage: they take the policy's subject. */
const ASKS_FOR_AN_ANSWER: ReadonlySet<MessageKind> = new Set<MessageKind>([
  "stage-assigned",
  "reassigned-to-you",
  "reminder-before-due",
  "due-today",
  "overdue-chase",
]);

/** The e-mail for an owed message, or why there can be none ("no-email-address"). */
export async function emailFor(
  services: Pick<Services, "directory" | "policies" | "clock" | "calendar">,
  item: OutboxItem,
  escalation: Escalation,
  settings: EmailSettings,
): Promise<Email | { readonly unsendable: string }> {
  const directory = await services.directory.current();
  const to = mailboxOf(directory, item.to);
  if (!to) return { unsendable: "no-email-address" };
  const card = await messageCard(services, item, escalation);
  const subject = subjectOf(services, item, escalation);
  const ref = reference(escalation.id);
  const teamsLink = {
    href: `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${settings.botId}`)}&message=${encodeURIComponent(ref)}`,
    text: `Open ${ref} in Teams`,
  };
  const footer = settings.originatorId
    ? `You can answer in the card above, where Outlook shows it, or in Teams. This e-mail is from the escalations bot; replies to it are not read.`
    : `Answer in Teams: the link opens your chat with the escalations bot at ${ref}. This e-mail is from the escalations bot; replies to it are not read.`;
  return {
    to,
    cc: copiedOn(item, escalation)
      .filter((person) => person.id !== item.to.id && directory.reach(person.id, true).teams)
      .map((person) => mailboxOf(directory, person))
      .filter((mailbox): mailbox is Mailbox => mailbox !== undefined),
    subject,
    html: cardHtml(card, {
      title: subject,
      ...(settings.originatorId ? { embeddedCard: forOutlook(card, settings.originatorId) } : {}),
      teamsLink,
      footer,
    }),
    text: cardText(card, { teamsLink, footer }),
  };
}

export function subjectOf(
  services: Pick<Services, "policies">,
  item: OutboxItem,
  escalation: Escalation,
): string {
  if (!ASKS_FOR_AN_ANSWER.has(item.kind)) return previewFor(item, escalation.id);
  const policy = policyById(services, escalation.policyId);
  const stage = escalation.stages.find((s) => s.stageId === item.stageId) ?? currentStage(escalation);
  return fillSubject(policy.email.subject, {
    reference: reference(escalation.id),
    stage: stage.name,
    child: escalation.child.name,
    caseId: escalation.child.caseId,
    due: formatDay(stage.due.due),
  });
}

/**
 * Who the policy copies on this message, for its Cc: a stage's copied people on the stage sent, and the
 * next manager up on the chase the policy copies to them. Everyone else gets their own e-mail or none.
 */
function copiedOn(item: OutboxItem, escalation: Escalation): readonly PersonRef[] {
  const stage = escalation.stages.find((s) => s.stageId === item.stageId);
  if (!stage) return [];
  if (item.kind === "stage-assigned") return stage.copied;
  if (item.kind === "overdue-chase") {
    // The chase and its copy are owed together, by the same run of the schedule.
    return escalation.outbox
      .filter(
        (other) =>
          other.kind === "overdue-chase-copy" &&
          other.stageId === item.stageId &&
          other.createdAt === item.createdAt,
      )
      .map((other) => other.to);
  }
  return [];
}

function mailboxOf(directory: DirectoryIndex, person: PersonRef): Mailbox | undefined {
  const address = directory.person(person.id)?.email;
  return address ? { name: person.name, address } : undefined;
}
