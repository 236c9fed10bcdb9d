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

export const PLAYGROUND_CONTRACTS = [issuePlaygroundKey] as const;
