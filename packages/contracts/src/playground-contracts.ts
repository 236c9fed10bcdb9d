import { z } from "zod";
import { IssuedKeySchema } from "./api-key-contracts.js";
import { Id } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Playground";

/** The metadata entry marking a key as a playground key (listed with the user's other keys). */
export const PLAYGROUND_KEY_PURPOSE = { "gatehouse:purpose": "playground" } as const;

/** How long a playground key lives, in seconds. */
export const PLAYGROUND_KEY_TTL_SECONDS = 3600;

export const issuePlaygroundKey = defineContract({
  id: "playground.issueKey",
  method: "POST",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/playground-key",
  tag,
  summary: "Issue the signed-in user a short-lived API key for the console's playground",
  description:
    "For a signed-in user (not an API key) holding models:use in the workspace. The key is the user's own, " +
    "expires after an hour, is audited and metered like any key of theirs (budgets and rate limits of the " +
    "user and workspace apply); issuing one revokes the user's earlier playground keys in that workspace, " +
    "so at most one is live. The console keeps the secret and reuses it while it is valid.",
  access: { permission: "models:use" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  response: IssuedKeySchema,
  status: 201,
});

/** The most wildcard models `playground.wildcards` lists (a tenant has a handful: one per provider). */
export const PLAYGROUND_WILDCARDS_MAX = 200;

export const PlaygroundWildcardsSchema = z.object({
  /** Wildcard models (`openai/*`) with a reachable deployment that the workspace's allow-list may admit, by name. */
  wildcards: z.array(z.string()).max(PLAYGROUND_WILDCARDS_MAX),
  /** The workspace's model allow-list (names and `*` patterns), or null when it allows every model. */
  allowedModels: z.array(z.string()).nullable(),
});

export const listPlaygroundWildcards = defineContract({
  id: "playground.wildcards",
  method: "GET",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/playground-wildcards",
  tag,
  summary: "The wildcard models the workspace's members may call by a name of their choosing",
  description:
    "GET /v1/models lists concrete models only; a name routed only through a wildcard model (`openai/*`) " +
    "is listed nowhere. This lists, for a holder of models:use in the workspace, the tenant's wildcard " +
    "models that have a reachable deployment (from the gateway's routing snapshot) and that the " +
    "workspace's allow-list may admit, sorted by name, at most 200, with that allow-list: a name is " +
    "routed when it starts with a wildcard's part before the `*`, is longer than it, and the allow-list " +
    "admits it (`wildcardModelRoutes` and `modelPatternMatcher` in @gatehouse/contracts). The gateway " +
    "still decides at request time.",
  access: { permission: "models:use" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  response: PlaygroundWildcardsSchema,
});

export const PLAYGROUND_CONTRACTS = [issuePlaygroundKey, listPlaygroundWildcards] as const;
