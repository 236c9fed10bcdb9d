import { createTenantCapturesRepo } from "../captures/captures-repo.js";
import { createTenantChatAnswersRepo } from "../chat/chat-answers-repo.js";
import { createTenantChatRepo } from "../chat/chat-repo.js";
import { createTenantChatFilesRepo } from "../chat-files/chat-files-repo.js";
import { createTenantChatImportRepo } from "../chat-library/chat-import-repo.js";
import { createTenantChatPresetsRepo } from "../chat-library/chat-presets-repo.js";
import { createTenantChatSharesRepo } from "../chat-library/chat-shares-repo.js";
import { createTenantPricingRepo } from "../pricing/tenant-pricing-repo.js";
import { createRateLimitsRepo } from "../rate-limits/rate-limits-repo.js";
import type { RepoContext } from "../repo-context.js";
import { createSsoConfigsRepo } from "../sso/sso-configs-repo.js";
import { createTenantSsoLoginsRepo } from "../sso/sso-login-states-repo.js";
import type { TenantStore } from "../tenancy-types.js";
import { createUsageAnalyticsRepo } from "../usage/usage-analytics-repo.js";
import { createUsageLogRepo } from "../usage/usage-log-repo.js";
import { createUsageRetentionRepo } from "../usage/usage-retention-repo.js";
import { createAuditRepo } from "./audit-repo.js";
import { createInvitationsRepo } from "./invitations-repo.js";
import { createMembersRepo } from "./members-repo.js";
import { createRolesRepo } from "./roles-repo.js";
import { createServiceAccountsRepo } from "./service-accounts-repo.js";
import { createTenantApiKeysRepo } from "./tenant-api-keys-repo.js";
import { createTenantWorkspacesRepo } from "./tenant-workspaces-repo.js";
import { createWorkspaceMembersRepo } from "./workspace-members-repo.js";

/**
 * The repositories of one tenant, each bound to `tenantId`: the only way to reach tenant-owned rows, so a
 * query without its tenant cannot be written (DESIGN.md, control plane). Cheap to build: plain closures.
 *
 * @example
 * const acme = createTenantStore(ctx, tenantId);
 * const owners = await acme.members.countWithRole("owner");
 */
export function createTenantStore(ctx: RepoContext, tenantId: string): TenantStore {
  return {
    tenantId,
    usageLog: createUsageLogRepo(ctx.db, tenantId),
    usageAnalytics: createUsageAnalyticsRepo(ctx.db, tenantId),
    usageRetention: createUsageRetentionRepo(ctx.db, ctx.now, tenantId),
    workspaces: createTenantWorkspacesRepo(ctx, tenantId),
    members: createMembersRepo(ctx, tenantId),
    workspaceMembers: createWorkspaceMembersRepo(ctx, tenantId),
    roles: createRolesRepo(ctx, tenantId),
    serviceAccounts: createServiceAccountsRepo(ctx, tenantId),
    apiKeys: createTenantApiKeysRepo(ctx, tenantId),
    invitations: createInvitationsRepo(ctx, tenantId),
    audit: createAuditRepo(ctx, tenantId),
    sso: createSsoConfigsRepo(ctx, tenantId),
    ssoLogins: createTenantSsoLoginsRepo(ctx, tenantId),
    pricing: createTenantPricingRepo(ctx, tenantId),
    rateLimits: createRateLimitsRepo(ctx, tenantId),
    captures: createTenantCapturesRepo(ctx, tenantId),
    chat: createTenantChatRepo(ctx, tenantId),
    chatAnswers: createTenantChatAnswersRepo(ctx, tenantId),
    chatPresets: createTenantChatPresetsRepo(ctx, tenantId),
    chatShares: createTenantChatSharesRepo(ctx, tenantId),
    chatImport: createTenantChatImportRepo(ctx, tenantId),
    chatFiles: createTenantChatFilesRepo(ctx, tenantId),
  };
}
