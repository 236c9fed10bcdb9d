import { describe, expect, it } from "vitest";
import { resolveTimeouts } from "../../resilience/resolve-timeouts.js";
import { adapterFor, SUPPORTED_PROVIDER_KINDS } from "../adapter-for.js";
import { ollamaAdapter } from "./ollama-adapter.js";

describe("ollamaAdapter", () => {
  it("gives Ollama a short connect and a long first byte (a model load), the only kind with its own timeouts", () => {
    expect(ollamaAdapter.defaultTimeouts).toEqual({ connectMs: 2_000, firstByteMs: 300_000 });
    const others = SUPPORTED_PROVIDER_KINDS.filter((k) => k !== "ollama");
    for (const kind of others) expect(adapterFor(kind).defaultTimeouts).toBeUndefined();
  });

  it("layers its timeouts over the global ones and under a request's", () => {
    const global = { connectMs: 4_000, firstByteMs: 60_000, idleMs: 30_000, totalMs: 900_000 };
    expect(resolveTimeouts({ global, provider: ollamaAdapter.defaultTimeouts })).toEqual({
      connectMs: 2_000,
      firstByteMs: 300_000,
      idleMs: 30_000,
      totalMs: 900_000,
    });
    const short = resolveTimeouts({ provider: ollamaAdapter.defaultTimeouts, request: { totalMs: 30_000 } });
    expect(short).toEqual({ connectMs: 2_000, firstByteMs: 30_000, idleMs: 30_000, totalMs: 30_000 });
  });

  it("needs a base URL (no setting implies one) and sends a key only when one is set", () => {
    expect(ollamaAdapter.defaultBaseUrl).toBeUndefined();
    expect(ollamaAdapter.staticHeaders({}, {})).toEqual({});
    expect(ollamaAdapter.staticHeaders({ apiKey: "k" }, {})).toEqual({ authorization: "Bearer k" });
  });
});
