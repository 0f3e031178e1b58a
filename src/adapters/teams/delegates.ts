// Who the person answering a stage may hand it to, offered on the escalation card as a plain choice list:
// valid Adaptive Cards 1.5 in Teams and Outlook alike, where Teams' people picker (`choices.data`) is a
// Teams extension the schema refuses. The list is the directory's: the people who report to the person
// answering, the deputy team managers of the child's team, and the others who hold the stage's role.
import type { DirectoryIndex } from "../../domain/directory";
import { assignee, currentStage, type Escalation, type PersonRef } from "../../domain/escalation";
import { findStage, isAnswered, type Policy } from "../../domain/policy";
import { roleScope } from "../../domain/roles";

export function delegatesFor(escalation: Escalation, policy: Policy, directory: DirectoryIndex): PersonRef[] {
  const stage = currentStage(escalation);
  const answering = new Set([assignee(stage).id, stage.responsible.id]);
  const ids = new Set<string>();
  for (const person of directory.data.people) {
    if (person.managerId !== undefined && answering.has(person.managerId)) ids.add(person.id);
  }
  for (const id of directory.team(escalation.team.id)?.roles["deputy-team-manager"] ?? []) ids.add(id);
  const policyStage = findStage(policy, stage.stageId);
  if (policyStage && isAnswered(policyStage)) {
    const role = policyStage.responsibleRole;
    if (roleScope(role) === "team") {
      for (const team of directory.allTeams()) for (const id of team.roles[role] ?? []) ids.add(id);
    } else if (roleScope(role) === "council") {
      for (const id of directory.data.council[role] ?? []) ids.add(id);
    }
  }
  return [...ids]
    .filter((id) => !answering.has(id) && id !== escalation.iro.id)
    .map((id) => directory.ref(id))
    .filter((person): person is PersonRef => person !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
