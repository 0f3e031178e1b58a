// The card an owed message carries: the escalation as its recipient may see it, headed with why it came.
// Teams sends it in the person's chat and e-mail embeds it, so both draw it here, from the record as it
// stands when the message goes.
import { policyById, type Services } from "../../application/services";
import { currentStage, type Escalation, type OutboxItem } from "../../domain/escalation";
import { isDecider, isQaManager } from "../../domain/permissions";
import { escalationCard, handOverFor } from "./escalation-card";
import { headlineFor } from "./previews";
import type { AdaptiveCard } from "./render";

export async function messageCard(
  services: Pick<Services, "directory" | "policies" | "clock" | "calendar">,
  item: OutboxItem,
  escalation: Escalation,
  teamsUserIdOf: (personId: string) => string | undefined = () => undefined,
): Promise<AdaptiveCard> {
  const directory = await services.directory.current();
  const policy = policyById(services, escalation.policyId);
  const viewer = directory.actor(item.to.id);
  return escalationCard({
    escalation,
    policy,
    viewerId: item.to.id,
    handOver: handOverFor(escalation, policy, directory),
    now: services.clock.now(),
    calendar: services.calendar,
    headline: headlineFor(item, currentStage(escalation).name, {
      actsForIro: viewer !== undefined && isDecider(escalation, viewer),
    }),
    isQaManager: isQaManager(viewer),
    teamsUserIdOf,
  });
}
