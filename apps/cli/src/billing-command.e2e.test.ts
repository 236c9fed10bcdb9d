import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCli, runCli, startCli } from "./testing/cli-process.js";

// `gatehouse billing` (the built binary) against a running `gatehouse start`, signed in as its admin.
let dataDir: string;
let configDir: string;
let server: RunningCli;
const env = () => ({ GATEHOUSE_CONFIG_DIR: configDir, GATEHOUSE_PROFILE: "", GATEHOUSE_URL: "" });
const gh = (args: string[], input?: string) => runCli(args, env(), input);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "gatehouse-billing-data-"));
  configDir = join(mkdtempSync(join(tmpdir(), "gatehouse-billing-config-")), "gatehouse");
  server = await startCli(["--port", "0", "--data-dir", dataDir], {});
  const password = /Password:\s+(\S+)/.exec(server.output())![1]!;
  const login = await gh(
    ["login", "--url", server.url, "--email", "admin@localhost", "--password-stdin", "--profile", "local"],
    `${password}\n`,
  );
  expect(login.code).toBe(0);
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(configDir, ".."), { recursive: true, force: true });
});

describe("gatehouse billing", () => {
  it("redeems a code, shows the balance and ledger, and downloads statements as CSV and PDF", async () => {
    // The admin of the first tenant is the operator: it makes a code through the API.
    const token = JSON.parse(readFileSync(join(configDir, "profiles.json"), "utf8")).profiles.local
      .accessToken;
    const made = await fetch(`${server.url}/api/billing/codes`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ valueNano: 12_500_000_000, note: "cli" }),
    });
    expect(made.status).toBe(201);
    const { code } = (await made.json()) as { code: string };

    const redeemed = await gh(["billing", "redeem", code]);
    expect([redeemed.code, redeemed.stderr]).toEqual([0, ""]);
    expect(redeemed.stdout).toContain("Redeemed: 12.50 USD credited.");
    expect((await gh(["billing", "redeem", code])).code).toBe(1);

    const balance = await gh(["billing", "balance"]);
    expect(balance.stdout).toMatch(/Available: 12\.50 USD/);
    expect(JSON.parse((await gh(["billing", "balance", "--json"])).stdout).balance.ledgerNano).toBe(
      12_500_000_000,
    );
    const ledger = await gh(["billing", "ledger"]);
    expect(ledger.stdout).toMatch(/redemption\s+12\.50\s+Redemption code: cli/);

    const month = new Date().toISOString().slice(0, 7);
    const csv = await gh(["billing", "statement", "--month", month]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain("total_credits");
    expect(csv.stdout).toContain("12.500000000");
    const out = join(dataDir, "statement.pdf");
    const pdf = await gh(["billing", "statement", "--month", month, "--format", "pdf", "--out", out]);
    expect(pdf.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(bytes.toString("latin1")).toContain("Credits: 12.500000000 USD");

    const bad = await gh(["billing", "statement", "--month", "2026-13"]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--month YYYY-MM")]);
  });
});
