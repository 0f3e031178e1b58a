// Why a message did not reach someone, in words a QA Manager or an IRO can act on, from the reason code a
// delivery channel reported. An unknown code is shown as it is rather than hidden.
const WORDS: Readonly<Record<string, string>> = {
  "no-conversation-reference": "has not opened the bot in Teams yet",
  "teams-app-blocked": "cannot be reached in Teams: the app is blocked for them by the council's policy",
  "not-in-directory":
    "cannot be reached in Teams: they are not in the council's Microsoft 365 directory (they may have left)",
  "no-teams-licence": "cannot be reached in Teams: they have no Teams licence",
  "teams-install-pending": "cannot be reached in Teams yet: the app is still being installed for them",
  "teams-unavailable": "could not be reached: Teams or Microsoft Graph did not answer",
  "http-403": "could not be reached: Teams refused the message",
  "http-413": "could not be reached: the message was too large for Teams",
  "http-429": "could not be reached yet: Teams asked the bot to slow down",
  "send-error": "could not be reached: the message could not be sent",
};

export function deliveryProblemWords(reason: string): string {
  return WORDS[reason] ?? `could not be reached (${reason})`;
}
