import { auditHandlers } from "./audit-handlers.js";
import { authHandlers } from "./auth-handlers.js";
import type { ControlPlaneDeps } from "./control-plane-deps.js";
import { deploymentHandlers } from "./deployment-handlers.js";
import { invitationHandlers } from "./invitation-handlers.js";
import { keyHandlers } from "./key-handlers.js";
import { memberHandlers } from "./member-handlers.js";
import { modelHandlers } from "./model-handlers.js";
import { providerHandlers } from "./provider-handlers.js";
import { roleHandlers } from "./role-handlers.js";
import { serviceAccountHandlers } from "./service-account-handlers.js";
import { ssoHandlers } from "./sso-handlers.js";
import { tenantHandlers } from "./tenant-handlers.js";
import { workspaceHandlers } from "./workspace-handlers.js";

/** Every control-plane handler, by contract id (registerContracts checks the two sets are equal). */
export function allHandlers(deps: ControlPlaneDeps) {
  return {
    ...authHandlers(deps),
    ...tenantHandlers(deps),
    ...workspaceHandlers(deps),
    ...memberHandlers(deps),
    ...invitationHandlers(deps),
    ...roleHandlers(deps),
    ...keyHandlers(deps),
    ...serviceAccountHandlers(deps),
    ...auditHandlers(deps),
    ...deploymentHandlers(deps),
    ...ssoHandlers(deps),
    ...providerHandlers(deps),
    ...modelHandlers(deps),
  };
}
