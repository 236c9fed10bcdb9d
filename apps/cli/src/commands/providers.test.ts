import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fakeServiceAccount } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import { openCliStorage } from "../open-cli-storage.js";
import { providersCommand } from "./providers.js";

let dir: string;
const out: string[] = [];
const ENV = {
  AWS_ID: "AKIAIOSFODNN7EXAMPLE",
  AWS_SECRET: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  AZ: "az-key",
};
const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), env: ENV };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-providers-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const add = (...args: string[]) => providersCommand(["add", ...args, "--data-dir", dir], io);

/** The stored provider, with its credentials opened. */
async function stored(name: string) {
  const s = await openCliStorage(io, dir);
  try {
    const p = (await s.store.providers.findByName(s.tenant.id, name))!;
    return {
      ...p,
      secrets: p.credentials
        ? JSON.parse(s.credentialVault.open({ tenantId: p.tenantId, recordId: p.id }, p.credentials))
        : null,
    };
  } finally {
    await s.store.close();
  }
}

describe("gatehouse providers add: kind options", () => {
  it("bedrock: region to config, the endpoint from it, AWS keys from the environment into sealed credentials", async () => {
    const code = await add(
      "aws",
      "--kind",
      "bedrock",
      "--region",
      "eu-west-1",
      "--models",
      "amazon.nova-lite-v1:0",
      "--aws-access-key-id-env",
      "AWS_ID",
      "--aws-secret-access-key-env",
      "AWS_SECRET",
    );
    expect(code).toBe(0);
    const p = await stored("aws");
    expect(p.baseUrl).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
    expect(p.config).toEqual({ region: "eu-west-1" });
    expect(p.secrets).toEqual({ accessKeyId: ENV.AWS_ID, secretAccessKey: ENV.AWS_SECRET });
    expect(JSON.stringify(p.credentials)).not.toContain(ENV.AWS_SECRET);
  });

  it("azure: api-version to config, the key sealed", async () => {
    const code = await add(
      "az",
      "--kind",
      "azure",
      "--base-url",
      "https://res.openai.azure.com",
      "--api-version",
      "v1",
      "--api-key-env",
      "AZ",
    );
    expect(code).toBe(0);
    const p = await stored("az");
    expect(p.config).toEqual({ apiVersion: "v1" });
    expect(p.secrets).toEqual({ apiKey: "az-key" });
  });

  it("vertex: the key file sealed, project and location to config, the endpoint from the location", async () => {
    const file = join(dir, "sa.json");
    const json = fakeServiceAccount("proj-x").keyFile("https://oauth2.googleapis.com/token");
    writeFileSync(file, json);
    const code = await add(
      "gcp",
      "--kind",
      "vertex",
      "--service-account-file",
      file,
      "--project",
      "proj-x",
      "--location",
      "europe-west4",
    );
    expect(code).toBe(0);
    const p = await stored("gcp");
    expect(p.baseUrl).toBe("https://europe-west4-aiplatform.googleapis.com/v1");
    expect(p.config).toEqual({ project: "proj-x", location: "europe-west4" });
    expect(p.secrets).toEqual({ serviceAccountJson: json });
  });

  it("refuses options of another kind, half an AWS key pair, unset variables and unreadable key files", async () => {
    await expect(add("x1", "--base-url", "https://a.test/v1", "--region", "us-east-1")).rejects.toThrow(
      "--region applies to --kind bedrock",
    );
    await expect(
      add("x2", "--kind", "bedrock", "--region", "us-east-1", "--aws-access-key-id-env", "AWS_ID"),
    ).rejects.toThrow("go together");
    await expect(
      add(
        "x3",
        "--kind",
        "bedrock",
        "--region",
        "us-east-1",
        "--aws-access-key-id-env",
        "NOPE",
        "--aws-secret-access-key-env",
        "AWS_SECRET",
      ),
    ).rejects.toThrow("NOPE is not set");
    await expect(
      add(
        "x4",
        "--kind",
        "vertex",
        "--location",
        "us-central1",
        "--service-account-file",
        join(dir, "missing.json"),
      ),
    ).rejects.toThrow(UsageError);
    await expect(add("x5", "--kind", "vertex")).rejects.toThrow("needs --base-url");
  });
});

describe("gatehouse providers: --responses-api", () => {
  const run = (...args: string[]) => providersCommand([...args, "--data-dir", dir], io);

  it("add sets config.responsesApi; show and list print it; update clears and sets it", async () => {
    expect(await run("add", "oa", "--base-url", "https://api.openai.com/v1", "--responses-api")).toBe(0);
    expect((await stored("oa")).config).toEqual({ responsesApi: true });

    out.length = 0;
    expect(await run("show", "oa", "--json")).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ name: "oa", kind: "openai", config: { responsesApi: true } });
    out.length = 0;
    expect(await run("list")).toBe(0);
    expect(out[0]).toMatch(/^ID .*CONFIG/);
    expect(out[0]!.split("\n").find((l) => l.includes(" oa "))).toContain("responsesApi=true");

    expect(await run("update", "oa", "--no-responses-api")).toBe(0);
    expect((await stored("oa")).config).toEqual({});
    out.length = 0;
    expect(await run("show", "oa")).toBe(0);
    expect(out[0]!.split("\n")[1]).not.toContain("responsesApi");
    expect(await run("update", "oa", "--responses-api")).toBe(0);
    expect((await stored("oa")).config).toEqual({ responsesApi: true });
  });

  it("update turns it on for a provider added without it, and twice changes nothing", async () => {
    expect(await run("add", "plain", "--base-url", "https://vendor.test/v1")).toBe(0);
    expect((await stored("plain")).config).toEqual({});
    expect(await run("update", "plain", "--responses-api")).toBe(0);
    expect(await run("update", "plain", "--responses-api")).toBe(0);
    expect((await stored("plain")).config).toEqual({ responsesApi: true });
  });

  it("refuses it on other kinds, both flags at once, an update with nothing to change, and unknown names", async () => {
    await expect(
      run("add", "an", "--kind", "anthropic", "--base-url", "https://api.anthropic.com", "--responses-api"),
    ).rejects.toThrow("--responses-api applies to --kind openai");
    await expect(
      run("add", "both", "--base-url", "https://a.test/v1", "--responses-api", "--no-responses-api"),
    ).rejects.toThrow("contradict");
    expect(await run("add", "an2", "--kind", "anthropic", "--base-url", "https://api.anthropic.com")).toBe(0);
    await expect(run("update", "an2", "--responses-api")).rejects.toThrow("applies to --kind openai");
    await expect(run("update", "oa")).rejects.toThrow("needs a setting");
    await expect(run("update", "oa", "--responses-api", "--no-responses-api")).rejects.toThrow("contradict");
    out.length = 0;
    expect(await run("update", "nobody", "--responses-api")).toBe(1);
    expect(await run("show", "nobody")).toBe(1);
    expect(out.join("\n")).toContain("no provider named 'nobody'");
    await expect(run("show")).rejects.toThrow("needs the provider NAME");
  });
});
