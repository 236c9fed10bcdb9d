export { issueApiKey } from "./auth/issue-api-key.js";
export { ensureDefaultTenant } from "./bootstrap/ensure-default-tenant.js";
export { type Config, ConfigError, loadConfig } from "./config/config.js";
export { type ConsoleAssets, loadConsoleAssets } from "./console/console-assets.js";
export { type AppDeps, createApp, type GatehouseApp } from "./create-app.js";
export { CredentialVault } from "./crypto/credential-vault.js";
export { KeyRingFile } from "./crypto/key-ring-file.js";
export { SecretBox } from "./crypto/secret-box.js";
export { createLogger } from "./logging/create-logger.js";
export { parseUsdPerMTok } from "./metering/compute-cost.js";
export { RECONCILE_AFTER_MS, UsageReconciler } from "./metering/usage-reconciler.js";
export { SUPPORTED_PROVIDER_KINDS } from "./providers/adapter-for.js";
export { openStorage } from "./runtime/open-storage.js";
export { type RunningServer, startServer } from "./runtime/start-server.js";
export { type RegisterProviderInput, registerProvider } from "./services/register-provider.js";
export {
  type RotationProgress,
  type RotationResult,
  rotateCredentialKey,
} from "./services/rotate-credential-key.js";
export { createStore } from "./store/create-store.js";
export { MODEL_BALANCE_STRATEGIES, UNSUPPORTED_PARAMS_POLICIES } from "./store/model-settings.js";
export type { Store } from "./store/store.js";
export type * from "./store/store-types.js";
