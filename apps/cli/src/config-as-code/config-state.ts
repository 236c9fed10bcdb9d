import type { GatehouseConfig } from "./config-schema.js";

/** What a file asks for: its configuration and the fingerprints of the secrets its variables hold. */
export interface DesiredState {
  config: GatehouseConfig;
  /** By provider name: credentialDigest of its secrets, null when it has none. */
  credentialDigests: ReadonlyMap<string, string | null>;
}

/**
 * What the tenant has, in the shape of a file (credentials as placeholder variables), with the ids
 * that updates and deletes act on.
 */
export interface CurrentState extends DesiredState {
  /** By provider name. */
  providerIds: ReadonlyMap<string, string>;
  /** By model name. */
  modelIds: ReadonlyMap<string, string>;
  /** By model name: the ids of its deployments, in the order of that model's `deployments`. */
  deploymentIds: ReadonlyMap<string, readonly string[]>;
}
