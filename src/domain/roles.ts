// The roles a policy may name, and where the person holding each is found: on the escalation itself
// (the child's social worker, the IRO), in the child's team's management line, or council-wide.

export type RoleScope = "case" | "team" | "council";

export interface RoleDefinition {
  readonly label: string;
  readonly scope: RoleScope;
}

export const ROLES = {
  "social-worker": { label: "Social Worker", scope: "case" },
  iro: { label: "Independent Reviewing Officer", scope: "case" },
  "cp-chair": { label: "Child Protection Chair", scope: "case" },
  "iro-manager": { label: "IRO's Manager", scope: "case" },
  "front-line-worker": { label: "Front-line worker", scope: "case" },
  "team-manager": { label: "Team Manager", scope: "team" },
  "deputy-team-manager": { label: "Deputy Team Manager", scope: "team" },
  "service-manager": { label: "Service Manager", scope: "team" },
  "head-of-locality": { label: "Head of Locality", scope: "team" },
  "head-of-service": { label: "Head of Service", scope: "team" },
  "assistant-director": { label: "Assistant Director", scope: "team" },
  "named-safeguarding-lead": { label: "Named Safeguarding Lead", scope: "team" },
  "designated-safeguarding-lead": { label: "Designated Safeguarding Lead", scope: "team" },
  "corporate-director": { label: "Corporate Director for Care and Protection", scope: "council" },
  "executive-director": { label: "Executive Director People - Children", scope: "council" },
  "chief-executive": { label: "Chief Executive", scope: "council" },
  "elected-member": { label: "Elected Member", scope: "council" },
  "qa-manager": { label: "QA Manager", scope: "council" },
  "head-of-quality-assurance": { label: "Head of Quality Assurance and Partnerships", scope: "council" },
  "safeguarding-business-manager": { label: "Safeguarding Business Manager", scope: "council" },
  "nominated-officer": { label: "Local Authority Nominated Officer", scope: "council" },
  "partnership-executive": { label: "Safeguarding Partnership Executive", scope: "council" },
  "independent-scrutineer": { label: "Independent Scrutineer", scope: "council" },
  /** The safeguarding partnership's office (the CSCP), to which the Escalation Notification Form goes. */
  partnership: { label: "Safeguarding Partnership", scope: "council" },
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof ROLES;

export const ROLE_IDS = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, value);
}

export function roleLabel(role: Role): string {
  return ROLES[role].label;
}

export function roleScope(role: Role): RoleScope {
  return ROLES[role].scope;
}
