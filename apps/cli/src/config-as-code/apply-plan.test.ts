import { describe, expect, it } from "vitest";
import { applyPlan } from "./apply-plan.js";
import { parseConfigFile } from "./parse-config-file.js";
import { planChanges } from "./plan-changes.js";
import { readCurrentState } from "./read-current-state.js";
import { openTestStore } from "./testing/open-test-store.js";

const FILE = `version: 1
providers:
  - name: open
    kind: ollama
    baseUrl: http://127.0.0.1:11434/v1
  - name: keyed
    kind: openai
    baseUrl: https://keyed.test/v1
    credentials: { apiKey: { env: KEYED_KEY } }
models:
  - name: m
    prices: { input: 1, output: 2 }
    deployments: [{ provider: keyed, upstreamModel: m }]
`;

async function planFor(s: Awaited<ReturnType<typeof openTestStore>>) {
  const parsed = parseConfigFile(FILE);
  if (!parsed.ok) throw new Error("file");
  const current = await readCurrentState(s.store, s.credentialVault, s.tenantId);
  return planChanges({ config: parsed.config, credentialDigests: new Map() }, current);
}

describe("applyPlan", () => {
  it("refuses before the first write when a step's secret is missing", async () => {
    const s = await openTestStore();
    try {
      const plan = await planFor(s);
      const revision = await s.store.revision();
      const lines: string[] = [];
      await expect(
        applyPlan(plan, { ...s, secrets: new Map(), progress: (l) => lines.push(l) }),
      ).rejects.toThrow("needs credentials.apiKey from environment variable KEYED_KEY");
      expect(lines).toEqual([]);
      expect(await s.store.revision()).toBe(revision);
      expect(await s.store.providers.list(s.tenantId)).toEqual([]);
    } finally {
      await s.store.close();
    }
  });

  it("reports each step as it completes, and seals the secret", async () => {
    const s = await openTestStore();
    try {
      const lines: string[] = [];
      const result = await applyPlan(await planFor(s), {
        ...s,
        secrets: new Map([["keyed", { apiKey: "sk-k" }]]),
        progress: (l) => lines.push(l),
      });
      expect(result.failed).toBeUndefined();
      expect(result.done).toHaveLength(4);
      expect(lines).toEqual([
        "[1/4] + provider open (ollama, http://127.0.0.1:11434/v1): done",
        "[2/4] + provider keyed (openai, https://keyed.test/v1): done",
        "[3/4] + model m ($1.00 in, $2.00 out per M tokens): done",
        "[4/4] + deployment m → keyed/m (weight 1, priority 0): done",
      ]);
      const keyed = (await s.store.providers.findByName(s.tenantId, "keyed"))!;
      expect(
        JSON.parse(s.credentialVault.open({ tenantId: s.tenantId, recordId: keyed.id }, keyed.credentials!)),
      ).toEqual({ apiKey: "sk-k" });
      expect((await s.store.providers.findByName(s.tenantId, "open"))!.credentials).toBeNull();
    } finally {
      await s.store.close();
    }
  });
});
