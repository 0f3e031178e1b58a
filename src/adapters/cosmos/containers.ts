// The one definition of the Cosmos DB containers: their partition keys and indexing policies. The local
// run creates them from this; the Bicep templates are checked against it. See docs/adr/0003.

export interface ContainerDefinition {
  readonly id: string;
  readonly partitionKeyPath: string;
  readonly indexingPolicy: {
    readonly indexingMode: "consistent";
    readonly automatic: true;
    readonly includedPaths: readonly { readonly path: string }[];
    readonly excludedPaths: readonly { readonly path: string }[];
    readonly compositeIndexes?: readonly (readonly {
      readonly path: string;
      readonly order: "ascending" | "descending";
    }[])[];
  };
}

/**
 * One escalation, one document, one logical partition (`/id`): every action is a point read and an
 * ETag-guarded replace in its own partition. Only the fields the product queries on are indexed, so a
 * write costs the same however long the event log grows, and the child's details are never in an index.
 */
export const ESCALATIONS: ContainerDefinition = {
  id: "escalations",
  partitionKeyPath: "/id",
  indexingPolicy: {
    indexingMode: "consistent",
    automatic: true,
    includedPaths: [
      { path: "/id/?" },
      { path: "/type/?" },
      { path: "/status/?" },
      { path: "/iroId/?" },
      { path: "/waitingOn/[]/?" },
      { path: "/teamId/?" },
      { path: "/policyId/?" },
      { path: "/nextActionAt/?" },
      { path: "/pendingMessages/?" },
      { path: "/raisedAt/?" },
      { path: "/concludedAt/?" },
    ],
    excludedPaths: [{ path: "/*" }],
  },
};

/** People, teams and the council's roles; small, read whole and cached, partitioned by kind. */
export const DIRECTORY: ContainerDefinition = {
  id: "directory",
  partitionKeyPath: "/kind",
  indexingPolicy: {
    indexingMode: "consistent",
    automatic: true,
    includedPaths: [{ path: "/kind/?" }],
    excludedPaths: [{ path: "/*" }],
  },
};

/** A container read and written by id alone: nothing is indexed. */
const POINT_OPERATIONS_ONLY: ContainerDefinition["indexingPolicy"] = {
  indexingMode: "consistent",
  automatic: true,
  includedPaths: [],
  excludedPaths: [{ path: "/*" }],
};

/** One conversation reference per user, read and written by the user's id only. */
export const CONVERSATIONS: ContainerDefinition = {
  id: "conversations",
  partitionKeyPath: "/id",
  indexingPolicy: POINT_OPERATIONS_ONLY,
};

/** Deliveries that belong to no escalation (the weekly digest), keyed by what they are for; point operations only. */
export const DELIVERIES: ContainerDefinition = {
  id: "deliveries",
  partitionKeyPath: "/id",
  indexingPolicy: POINT_OPERATIONS_ONLY,
};

export const CONTAINERS: readonly ContainerDefinition[] = [ESCALATIONS, DIRECTORY, CONVERSATIONS, DELIVERIES];
