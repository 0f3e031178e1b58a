/**
 * Builds the `@azure/cosmos` client for every environment: an Azure account (key or Entra ID
 * credential), the Cosmos DB emulator, and the in-process `@zeit/cosmosdb-server` used by tests and
 * the local run. Only this module decides how the client connects.
 */
import https from "node:https";

import { CosmosClient, type CosmosClientOptions } from "@azure/cosmos";
import { AzureCliCredential, ManagedIdentityCredential } from "@azure/identity";

import { isLocalEndpoint } from "../../config";

/** The credential type `@azure/cosmos` accepts, without depending on `@azure/core-auth` directly. */
export type TokenCredential = NonNullable<CosmosClientOptions["aadCredentials"]>;

/**
 * The Cosmos DB emulator's published master key. `@zeit/cosmosdb-server` accepts any key, so one
 * well-known value serves both local servers; it is public and grants nothing on Azure.
 */
export const LOCAL_COSMOS_KEY =
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

export interface CosmosClientSettings {
  readonly endpoint: string;
  /** Account key. Omitted with no `credential` on a local endpoint: the well-known local key. */
  readonly key?: string;
  /** Entra ID credential (managed identity on Azure); exclusive with `key`. */
  readonly credential?: TokenCredential;
  /**
   * Accept the self-signed certificate of a local server, for this client only. Refused for any
   * endpoint that is not local, so a configuration mistake cannot turn off TLS checks on Azure.
   */
  readonly allowSelfSignedCertificate?: boolean;
}

/**
 * How to authenticate to the account at `endpoint`: its key when one is configured; the well-known key on
 * this machine; otherwise Entra ID, as the user-assigned managed identity with `managedIdentityClientId`
 * (the Function App: the account has no usable keys) or, with none, as the user signed in to the Azure CLI
 * (an administrator running `escalation-admin` from a workstation).
 */
export function cosmosAuth(
  endpoint: string,
  key: string | undefined,
  managedIdentityClientId: string | undefined,
): { key?: string; credential?: TokenCredential } {
  if (key) return { key };
  if (isLocalEndpoint(endpoint)) return {};
  return {
    credential: managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: managedIdentityClientId })
      : new AzureCliCredential(),
  };
}

/**
 * Throttling (429) is retried by the SDK alone, after the wait the service asks for, and only within a
 * card action's budget: Teams gives an invoke about 15 seconds, so a request throttled for longer fails and
 * its messages stay owed rather than the answer arriving after Teams has given up. The project's own retry
 * layer (retry.ts) handles the faults the SDK does not retry, and never 429 a second time.
 */
export const THROTTLING_RETRIES = {
  maxRetryAttemptCount: 6,
  fixedRetryIntervalInMilliseconds: 0,
  maxWaitTimeInSeconds: 5,
} as const;

export function createCosmosClient(settings: CosmosClientSettings): CosmosClient {
  const { endpoint, key, credential, allowSelfSignedCertificate = false } = settings;
  const local = isLocalEndpoint(endpoint);
  if (key !== undefined && credential !== undefined) {
    throw new Error("Cosmos DB: configure an account key or a credential, not both.");
  }
  if (allowSelfSignedCertificate && !local) {
    throw new Error("Cosmos DB: self-signed certificates are accepted only for a local endpoint.");
  }

  const options: CosmosClientOptions = { endpoint };
  if (credential !== undefined) {
    options.aadCredentials = credential;
  } else if (key !== undefined) {
    options.key = key;
  } else if (local) {
    options.key = LOCAL_COSMOS_KEY;
  } else {
    throw new Error("Cosmos DB: an account key or a credential is required for a remote endpoint.");
  }

  options.connectionPolicy = {
    retryOptions: { ...THROTTLING_RETRIES },
    // A local server reports its own idea of its address as the account's region endpoints; with
    // discovery off the client uses the endpoint it was given, skips the account read on start and
    // runs no background refresh timer.
    ...(local ? { enableEndpointDiscovery: false } : {}),
  };
  if (allowSelfSignedCertificate) {
    // Scoped to this client's agent: never NODE_TLS_REJECT_UNAUTHORIZED or any global setting.
    // keepAlive mirrors the agent the SDK builds when it is given none.
    options.agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
  }
  return new CosmosClient(options);
}
