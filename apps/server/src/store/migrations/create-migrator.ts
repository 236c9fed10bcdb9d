import { type Kysely, type Migration, Migrator } from "kysely";
import { initialMigration } from "./0001-initial.js";
import { modelRoutingMigration } from "./0002-model-routing-and-capabilities.js";
import { tenancyMigration } from "./0003-tenancy.js";
import { ssoMigration } from "./0004-sso.js";
import { providerOriginMigration } from "./0005-provider-origin-and-credential-hint.js";
import { scopedRevisionsMigration } from "./0006-scoped-revisions.js";
import { usageRecordDetailsMigration } from "./0007-usage-record-details.js";
import { priceBooksMigration } from "./0008-price-books.js";
import { rateLimitsMigration } from "./0009-rate-limits.js";
import { budgetsMigration } from "./0010-budgets.js";
import { billingMigration } from "./0011-billing.js";
import { usageRollupsAndPartitionsMigration } from "./0012-usage-rollups-and-partitions.js";
import { providerDisabledMigration } from "./0013-provider-disabled.js";
import { sessionDevicesMigration } from "./0014-session-devices.js";
import { smtpSettingsMigration } from "./0015-smtp-settings.js";
import { promptCapturesMigration } from "./0016-prompt-captures.js";
import { chatConversationsMigration } from "./0017-chat-conversations.js";
import { chatPresetsAndSharesMigration } from "./0018-chat-presets-and-shares.js";
import { chatFilesMigration } from "./0019-chat-files.js";
import { chatAnswerRunsMigration } from "./0020-chat-answer-runs.js";
import { storedResponsesMigration } from "./0021-stored-responses.js";
import { chatPresetToolsMigration } from "./0022-chat-preset-tools.js";

/** Every migration, keyed by a name that sorts in the order they must run. Append only. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-initial": initialMigration,
  "0002-model-routing-and-capabilities": modelRoutingMigration,
  "0003-tenancy": tenancyMigration,
  "0004-sso": ssoMigration,
  "0005-provider-origin-and-credential-hint": providerOriginMigration,
  "0006-scoped-revisions": scopedRevisionsMigration,
  "0007-usage-record-details": usageRecordDetailsMigration,
  "0008-price-books": priceBooksMigration,
  "0009-rate-limits": rateLimitsMigration,
  "0010-budgets": budgetsMigration,
  "0011-billing": billingMigration,
  "0012-usage-rollups-and-partitions": usageRollupsAndPartitionsMigration,
  "0013-provider-disabled": providerDisabledMigration,
  "0014-session-devices": sessionDevicesMigration,
  "0015-smtp-settings": smtpSettingsMigration,
  "0016-prompt-captures": promptCapturesMigration,
  "0017-chat-conversations": chatConversationsMigration,
  "0018-chat-presets-and-shares": chatPresetsAndSharesMigration,
  "0019-chat-files": chatFilesMigration,
  "0020-chat-answer-runs": chatAnswerRunsMigration,
  "0021-stored-responses": storedResponsesMigration,
  "0022-chat-preset-tools": chatPresetToolsMigration,
};

/**
 * A Kysely Migrator over the in-code migrations. On PostgreSQL the migrator holds an advisory lock while it
 * runs (and runs in one transaction), so instances starting together apply each migration once.
 *
 * `schema` puts Kysely's own bookkeeping tables in that schema: without it, Kysely's "does the migration
 * table exist" check looks across every schema, and another schema's table would fool it.
 *
 * @example
 * const { error } = await createMigrator(db).migrateToLatest();
 */
export function createMigrator(db: Kysely<unknown>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}
