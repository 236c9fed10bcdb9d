import { describe, expect, it } from "vitest";
import { BALANCE_STRATEGIES, type BalanceStrategyName } from "../resilience/balancer.js";
import {
  MODEL_BALANCE_STRATEGIES,
  modelSettingDefaults,
  withModelSettingDefaults,
} from "./model-settings.js";
import type { ModelBalanceStrategy } from "./store-types.js";

describe("model settings", () => {
  it("names exactly the balancer's strategies, so a stored strategy always selects one", () => {
    expect([...MODEL_BALANCE_STRATEGIES].sort()).toEqual(Object.keys(BALANCE_STRATEGIES).sort());
    // Both directions assign: the store's type and the balancer's are the same union.
    const fromStore: BalanceStrategyName = "lowest_cost" as ModelBalanceStrategy;
    const toStore: ModelBalanceStrategy = fromStore as BalanceStrategyName;
    expect(toStore).toBe("lowest_cost");
  });

  it("fills settings left out or undefined with fresh defaults, keeping those given", () => {
    const a = withModelSettingDefaults({ name: "m", aliases: undefined, contentFilterFallback: true });
    expect(a).toEqual({ ...modelSettingDefaults(), name: "m", contentFilterFallback: true });
    const b = withModelSettingDefaults({});
    b.aliases.push("x");
    expect(withModelSettingDefaults({}).aliases).toEqual([]);
  });
});
