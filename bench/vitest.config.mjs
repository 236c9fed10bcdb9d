// The bench's own tests (plain ESM, outside the TypeScript build):
// npx vitest run -c bench/vitest.config.mjs
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL(".", import.meta.url).pathname,
    include: ["**/*.test.mjs"],
    exclude: ["peers/**", ".work/**", "**/node_modules/**"],
    testTimeout: 30_000,
    // One file at a time: the open-loop test measures timing, and CPU-heavy property tests running
    // beside it on a two-core machine would make it fail for reasons of its own.
    fileParallelism: false,
  },
});
