// Services for use-case tests: the in-memory store, the sample directory, the shipped policies, a fixed clock.
import { readFileSync } from "node:fs";
import path from "node:path";

import { loadPolicies } from "../../src/adapters/policies/policy-files";
import type { RaiseForm } from "../../src/application/raise-escalation";
import type { Services } from "../../src/application/services";
import { createCalendar } from "../../src/domain/calendar";
import { type DirectoryData, DirectoryIndex, directorySchema } from "../../src/domain/directory";
import type { ConversationReference, ConversationReferenceStore } from "../../src/domain/ports";
import { DEFAULT_WORKING_HOURS } from "../../src/domain/reminders";
import { RecordingLogger } from "../fakes/recording-logger";
import { FixedClock } from "./fixed-clock";
import { MemoryEscalationStore } from "./memory-escalation-store";

export const SAMPLE_DIRECTORY: DirectoryData = directorySchema.parse(
  JSON.parse(readFileSync(path.join(__dirname, "../../examples/directory.json"), "utf8")),
);

const sample = new DirectoryIndex(SAMPLE_DIRECTORY);

/** The sample directory's person with this name. */
export function personNamed(name: string): { id: string; name: string } {
  const found = SAMPLE_DIRECTORY.people.find((p) => p.name === name);
  if (!found) throw new Error(`no ${name} in the sample directory`);
  return { id: found.id, name: found.name };
}

export class MemoryConversationStore implements ConversationReferenceStore {
  readonly references = new Map<string, ConversationReference>();
  get(userId: string): Promise<ConversationReference | undefined> {
    return Promise.resolve(this.references.get(userId));
  }
  put(userId: string, reference: ConversationReference): Promise<void> {
    this.references.set(userId, reference);
    return Promise.resolve();
  }
}

export interface TestServices {
  readonly services: Services;
  readonly store: MemoryEscalationStore;
  readonly clock: FixedClock;
  readonly logger: RecordingLogger;
  readonly conversations: MemoryConversationStore;
}

export function testServices(options: { now?: string; policyId?: string } = {}): TestServices {
  const store = new MemoryEscalationStore();
  const clock = new FixedClock(options.now ?? "2026-11-04T10:00:00.000Z");
  const logger = new RecordingLogger();
  const conversations = new MemoryConversationStore();
  let ids = 0;
  const services: Services = {
    store,
    conversations,
    directory: { current: () => Promise.resolve(sample) },
    policies: loadPolicies(),
    policyId: options.policyId ?? "dorset-qaro",
    councilName: "Test Council",
    calendar: createCalendar(),
    hours: DEFAULT_WORKING_HOURS,
    clock,
    logger,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`,
  };
  return { services, store, clock, logger, conversations };
}

/** A complete raise form from Priya Shah (QARO) about a child in care in the North team, at Level 1. */
export function sampleRaiseForm(formId = "form-0001-aaaa"): RaiseForm {
  return {
    formId,
    childName: "Jamie Example",
    caseId: "MOS-100234",
    dateOfBirth: "2015-06-15",
    legalStatus: "CIC",
    teamId: "north-cic",
    socialWorkerId: personNamed("Amy Clarke").id,
    teamManagerId: personNamed("Daniel Reid").id,
    iroManagerId: personNamed("Helen Marsh").id,
    categories: "care-plan-implementation",
    summary: "The care plan has not been signed off.",
    impactOnChild: "Jamie does not know where they will live.",
    requestedWhat: "Sign off the plan.",
    requestedWho: "Team Manager",
    requestedByWhen: "2026-11-20",
    outcomeSought: "childs-plan-on-track",
    startStageId: "stage-1",
  };
}
