import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages from source, so a change is tested without a rebuild.
// Tests that spawn the `gatehouse` binary use the built dist/ (npm test builds first).
export default defineConfig({
  resolve: {
    alias: {
      "@gatehouse/protocol": src("./packages/protocol/src/index.ts"),
      "@gatehouse/contracts": src("./packages/contracts/src/index.ts"),
      "@gatehouse/sdk": src("./packages/sdk/src/index.ts"),
      "@gatehouse/server": src("./apps/server/src/index.ts"),
      "@gatehouse/test-support": src("./test-support/src/index.ts"),
    },
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/console/e2e/**/*.test.ts",
      "test-support/src/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
