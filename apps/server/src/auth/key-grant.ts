import { anyCidrContains, type Cidr, parseCidr } from "../security/cidr.js";
import type { ApiKey } from "../store/store-types.js";
import { compileModelPatterns } from "./model-pattern.js";

/**
 * What a resolved API key may do on the data plane, compiled once per cache fill: the models its own
 * allow-list and its workspace's allow-list both admit, and the client addresses it may be used from.
 */
export interface KeyGrant {
  readonly key: ApiKey;
  allowsModel(model: string): boolean;
  allowsAddress(ip: string): boolean;
}

/**
 * Compiles a key's grant. Patterns and ranges were validated when they were written; one that no longer
 * parses (a stored value from a newer version, say) denies rather than allows.
 *
 * @example
 * const grant = compileKeyGrant(key, workspace.allowedModels);
 * grant.allowsModel("gpt-4o-mini");
 */
export function compileKeyGrant(key: ApiKey, workspaceModels: readonly string[] | null): KeyGrant {
  const keyModels = safely(
    () => compileModelPatterns(key.allowedModels),
    () => () => false,
  );
  const wsModels = safely(
    () => compileModelPatterns(workspaceModels),
    () => () => false,
  );
  const cidrs =
    key.allowedCidrs === null
      ? null
      : safely(
          () => key.allowedCidrs!.map(parseCidr),
          () => [],
        );
  return {
    key,
    allowsModel: (model) => keyModels(model) && wsModels(model),
    allowsAddress: (ip) => cidrs === null || anyCidrContains(cidrs as Cidr[], ip),
  };
}

function safely<T>(build: () => T, fallback: () => T): T {
  try {
    return build();
  } catch {
    return fallback();
  }
}
