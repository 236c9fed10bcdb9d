import { ACCOUNT_CONTRACTS } from "./account-contracts.js";
import { API_KEY_CONTRACTS } from "./api-key-contracts.js";
import { AUDIT_CONTRACTS } from "./audit-contracts.js";
import { AUTH_CONTRACTS } from "./auth-contracts.js";
import { BILLING_CONTRACTS } from "./billing-contracts.js";
import { BUDGET_CONTRACTS } from "./budget-contracts.js";
import { CAPTURE_CONTRACTS } from "./capture-contracts.js";
import { CHAT_ANSWER_CONTRACTS } from "./chat-answer-contracts.js";
import { CHAT_CONTRACTS } from "./chat-contracts.js";
import { CHAT_FILE_CONTRACTS } from "./chat-file-contracts.js";
import { CHAT_IMPORT_CONTRACTS } from "./chat-import-contracts.js";
import { PRESET_CONTRACTS } from "./chat-preset-contracts.js";
import { SHARE_CONTRACTS } from "./chat-share-contracts.js";
import type { Contract } from "./contract.js";
import { DEPLOYMENT_CONTRACTS } from "./deployment-contracts.js";
import { INVITATION_CONTRACTS } from "./invitation-contracts.js";
import { MEMBER_CONTRACTS } from "./member-contracts.js";
import { MODEL_CONTRACTS } from "./model-contracts.js";
import { MODEL_DEPLOYMENT_CONTRACTS } from "./model-deployment-contracts.js";
import { OLLAMA_CONTRACTS } from "./ollama-contracts.js";
import { PLAYGROUND_CONTRACTS } from "./playground-contracts.js";
import { PRICING_CONTRACTS } from "./pricing-contracts.js";
import { PROVIDER_CONTRACTS } from "./provider-contracts.js";
import { RATE_LIMIT_CONTRACTS } from "./rate-limit-contracts.js";
import { ROLE_CONTRACTS } from "./role-contracts.js";
import { SERVICE_ACCOUNT_CONTRACTS } from "./service-account-contracts.js";
import { SMTP_CONTRACTS } from "./smtp-contracts.js";
import { SSO_CONTRACTS } from "./sso-contracts.js";
import { TENANT_CONTRACTS } from "./tenant-contracts.js";
import { USAGE_CONTRACTS } from "./usage-contracts.js";
import { WORKSPACE_CONTRACTS } from "./workspace-contracts.js";

export * from "./account-contracts.js";
export * from "./api-key-contracts.js";
export * from "./audit-contracts.js";
export * from "./auth-contracts.js";
export * from "./billing-contracts.js";
export * from "./budget-contracts.js";
export * from "./capture-contracts.js";
export * from "./chat-answer-contracts.js";
export * from "./chat-contracts.js";
export * from "./chat-file-contracts.js";
export * from "./chat-import-contracts.js";
export * from "./chat-preset-contracts.js";
export * from "./chat-share-contracts.js";
export * from "./chat-tool-contracts.js";
export * from "./common.js";
export * from "./contract.js";
export * from "./define-contract.js";
export * from "./deployment-contracts.js";
export * from "./invitation-contracts.js";
export * from "./member-contracts.js";
export * from "./model-contracts.js";
export * from "./model-deployment-contracts.js";
export * from "./model-pattern-match.js";
export * from "./model-patterns.js";
export * from "./oidc-role-mapping.js";
export * from "./ollama-contracts.js";
export * from "./openapi.js";
export * from "./pagination.js";
export * from "./permissions.js";
export * from "./playground-contracts.js";
export * from "./pricing-contracts.js";
export * from "./provider-contracts.js";
export * from "./rate-limit-contracts.js";
export * from "./role-contracts.js";
export * from "./roles.js";
export * from "./service-account-contracts.js";
export * from "./smtp-contracts.js";
export * from "./sso-contracts.js";
export * from "./tenant-contracts.js";
export * from "./usage-contracts.js";
export * from "./workspace-contracts.js";

/**
 * Every control-plane operation. The server registers a route for each and no other under `/api/`; the
 * SDK gets a method for each; the OpenAPI document lists each.
 */
export const CONTRACTS: readonly Contract[] = Object.freeze([
  ...AUTH_CONTRACTS,
  ...ACCOUNT_CONTRACTS,
  ...TENANT_CONTRACTS,
  ...WORKSPACE_CONTRACTS,
  ...MEMBER_CONTRACTS,
  ...INVITATION_CONTRACTS,
  ...ROLE_CONTRACTS,
  ...API_KEY_CONTRACTS,
  ...SERVICE_ACCOUNT_CONTRACTS,
  ...AUDIT_CONTRACTS,
  ...DEPLOYMENT_CONTRACTS,
  ...SSO_CONTRACTS,
  ...PROVIDER_CONTRACTS,
  ...MODEL_CONTRACTS,
  ...MODEL_DEPLOYMENT_CONTRACTS,
  ...OLLAMA_CONTRACTS,
  ...PRICING_CONTRACTS,
  ...RATE_LIMIT_CONTRACTS,
  ...BUDGET_CONTRACTS,
  ...BILLING_CONTRACTS,
  ...USAGE_CONTRACTS,
  ...CAPTURE_CONTRACTS,
  ...PLAYGROUND_CONTRACTS,
  ...CHAT_CONTRACTS,
  ...CHAT_ANSWER_CONTRACTS,
  ...PRESET_CONTRACTS,
  ...SHARE_CONTRACTS,
  ...CHAT_IMPORT_CONTRACTS,
  ...CHAT_FILE_CONTRACTS,
  ...SMTP_CONTRACTS,
]);
export * from "./render-api-reference.js";
