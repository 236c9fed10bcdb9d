import { accountHandlers } from "./account-handlers.js";
import { auditHandlers } from "./audit-handlers.js";
import { authHandlers } from "./auth-handlers.js";
import { type BillingStripe, billingHandlers } from "./billing-handlers.js";
import { budgetHandlers } from "./budget-handlers.js";
import { captureHandlers } from "./capture-handlers.js";
import { chatAnswerHandlers } from "./chat-answer-handlers.js";
import { chatFileHandlers } from "./chat-file-handlers.js";
import { chatHandlers } from "./chat-handlers.js";
import { chatImportHandlers } from "./chat-import-handlers.js";
import { chatPresetHandlers } from "./chat-preset-handlers.js";
import { chatShareHandlers } from "./chat-share-handlers.js";
import type { ControlPlaneDeps } from "./control-plane-deps.js";
import { deploymentHandlers } from "./deployment-handlers.js";
import { invitationHandlers } from "./invitation-handlers.js";
import { keyHandlers } from "./key-handlers.js";
import { memberHandlers } from "./member-handlers.js";
import { modelDeploymentHandlers } from "./model-deployment-handlers.js";
import { modelHandlers } from "./model-handlers.js";
import { ollamaModelHandlers } from "./ollama-model-handlers.js";
import { playgroundHandlers } from "./playground-handlers.js";
import { pricingHandlers } from "./pricing-handlers.js";
import { providerHandlers } from "./provider-handlers.js";
import { rateLimitHandlers } from "./rate-limit-handlers.js";
import { roleHandlers } from "./role-handlers.js";
import { serviceAccountHandlers } from "./service-account-handlers.js";
import { smtpHandlers } from "./smtp-handlers.js";
import { ssoHandlers } from "./sso-handlers.js";
import { tenantHandlers } from "./tenant-handlers.js";
import { usageHandlers } from "./usage-handlers.js";
import { usageLiveHandlers } from "./usage-live-handlers.js";
import { usageLogHandlers } from "./usage-log-handlers.js";
import { workspaceHandlers } from "./workspace-handlers.js";

/** Every control-plane handler, by contract id (registerContracts checks the two sets are equal). */
export function allHandlers(deps: ControlPlaneDeps, stripe?: BillingStripe) {
  return {
    ...authHandlers(deps),
    ...accountHandlers(deps),
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
    ...modelDeploymentHandlers(deps),
    ...ollamaModelHandlers(deps),
    ...pricingHandlers(deps),
    ...rateLimitHandlers(deps),
    ...budgetHandlers(deps),
    ...billingHandlers(deps, stripe),
    ...usageHandlers(deps),
    ...usageLogHandlers(deps),
    ...captureHandlers(deps),
    ...playgroundHandlers(deps),
    ...chatHandlers(deps),
    ...chatAnswerHandlers(deps),
    ...chatPresetHandlers(deps),
    ...chatShareHandlers(deps),
    ...chatImportHandlers(deps),
    ...chatFileHandlers(deps),
    ...usageLiveHandlers(deps),
    ...smtpHandlers(deps),
  };
}
