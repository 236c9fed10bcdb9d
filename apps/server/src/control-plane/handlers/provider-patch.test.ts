import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CredentialVault } from "../../crypto/credential-vault.js";
import { SecretBox } from "../../crypto/secret-box.js";
import type { Provider } from "../../domain/provider.js";
import { EMPTY_ALLOW_LIST } from "../../security/private-upstream-allow-list.js";
import { providerPatchOf } from "./provider-patch.js";

const vault = CredentialVault.derivedFrom(new SecretBox(randomBytes(32)));
const settings = { vault, allowList: EMPTY_ALLOW_LIST };
const platformVertex: Provider = {
  id: "prv_vertex",
  tenantId: "ten_a",
  name: "vertex",
  kind: "vertex",
  baseUrl: "https://europe-west4-aiplatform.googleapis.com",
  credentials: null,
  credentialsLastFour: null,
  disabled: false,
  origin: "platform",
  config: { project: "p", location: "europe-west4" },
  createdAt: 0,
};
const metadataKey = JSON.stringify({
  type: "service_account",
  client_email: "sa@p.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
  token_uri: "http://169.254.169.254/computeMetadata/v1/token",
});

describe("providerPatchOf", () => {
  it("makes a platform provider a tenant one when the tenant gives it a service account key (its token_uri)", () => {
    const patch = providerPatchOf(settings, platformVertex, {
      credentials: { serviceAccountJson: metadataKey },
    });
    expect(patch.origin).toBe("tenant");
    const opened = vault.open({ tenantId: "ten_a", recordId: "prv_vertex" }, patch.credentials!.sealed);
    expect(JSON.parse(opened)).toEqual({ serviceAccountJson: metadataKey });
  });

  it("keeps the operator's origin for a rename or a new API key (the operator still chose where it connects)", () => {
    const patch = providerPatchOf(
      settings,
      { ...platformVertex, kind: "openai" },
      {
        name: "renamed",
        apiKey: "sk-proj-new-operator-style-key-1234",
      },
    );
    expect(patch.origin).toBeUndefined();
    expect(patch.name).toBe("renamed");
    expect(patch.credentials?.lastFour).toBe("…1234");
  });

  it("refuses a literal private base URL and makes any new base URL a tenant one", () => {
    expect(() => providerPatchOf(settings, platformVertex, { baseUrl: "http://10.0.0.5/v1" })).toThrow(
      /private/,
    );
    const moved = providerPatchOf(settings, platformVertex, { baseUrl: "https://vertex.example.com" });
    expect(moved).toMatchObject({ baseUrl: "https://vertex.example.com", origin: "tenant" });
  });

  it("removes the credentials with apiKey null and nothing else", () => {
    expect(providerPatchOf(settings, platformVertex, { apiKey: null }).credentials).toBeNull();
  });
});
