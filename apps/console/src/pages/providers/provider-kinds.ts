/**
 * What the "Add provider" form asks for, per provider kind (packages/contracts provider-contracts.ts and
 * docs/providers.md): which secrets (write-only), which plain settings go to `config`, and whether the
 * base URL is needed or follows from a setting (Bedrock: region; Vertex AI: location).
 */
export type ProviderKind = "openai" | "anthropic" | "gemini" | "ollama" | "bedrock" | "azure" | "vertex";

/** A secret field: `apiKey`, or one of `credentials`' fields. */
export type SecretField =
  | "apiKey"
  | "accessKeyId"
  | "secretAccessKey"
  | "sessionToken"
  | "serviceAccountJson";

export interface KindSpec {
  label: string;
  /** "required": the kind needs a base URL; "optional": it follows from a setting when left empty. */
  baseUrl: "required" | "optional";
  baseUrlPlaceholder: string;
  secrets: Array<{ field: SecretField; label: string; required: boolean; multiline?: boolean }>;
  settings: Array<{
    key: string;
    label: string;
    placeholder: string;
    required: boolean;
    description?: string;
  }>;
}

export const KIND_SPECS: Readonly<Record<ProviderKind, KindSpec>> = {
  openai: {
    label: "OpenAI / OpenAI-compatible",
    baseUrl: "required",
    baseUrlPlaceholder: "https://api.openai.com/v1",
    secrets: [{ field: "apiKey", label: "API key", required: false }],
    settings: [],
  },
  azure: {
    label: "Azure OpenAI",
    baseUrl: "required",
    baseUrlPlaceholder: "https://my-resource.openai.azure.com",
    secrets: [{ field: "apiKey", label: "API key", required: true }],
    settings: [
      {
        key: "apiVersion",
        label: "API version",
        placeholder: "2024-10-21 (or v1)",
        required: false,
        description: 'Empty for the default GA version; "v1" for the v1 API.',
      },
    ],
  },
  anthropic: {
    label: "Anthropic",
    baseUrl: "required",
    baseUrlPlaceholder: "https://api.anthropic.com",
    secrets: [{ field: "apiKey", label: "API key", required: true }],
    settings: [],
  },
  gemini: {
    label: "Gemini (AI Studio)",
    baseUrl: "required",
    baseUrlPlaceholder: "https://generativelanguage.googleapis.com/v1beta",
    secrets: [{ field: "apiKey", label: "API key", required: true }],
    settings: [],
  },
  vertex: {
    label: "Gemini on Vertex AI",
    baseUrl: "optional",
    baseUrlPlaceholder: "https://europe-west4-aiplatform.googleapis.com",
    secrets: [
      { field: "serviceAccountJson", label: "Service account JSON key", required: true, multiline: true },
    ],
    settings: [
      { key: "location", label: "Location", placeholder: "europe-west4", required: true },
      {
        key: "project",
        label: "Project",
        placeholder: "my-project",
        required: false,
        description: "Empty for the service account's own project.",
      },
    ],
  },
  bedrock: {
    label: "AWS Bedrock",
    baseUrl: "optional",
    baseUrlPlaceholder: "https://bedrock-runtime.eu-west-1.amazonaws.com",
    secrets: [
      { field: "accessKeyId", label: "Access key id", required: true },
      { field: "secretAccessKey", label: "Secret access key", required: true },
      { field: "sessionToken", label: "Session token", required: false },
    ],
    settings: [{ key: "region", label: "Region", placeholder: "eu-west-1", required: true }],
  },
  ollama: {
    label: "Ollama",
    baseUrl: "required",
    baseUrlPlaceholder: "http://ollama.internal:11434",
    secrets: [],
    settings: [],
  },
};

export const KIND_OPTIONS = (Object.keys(KIND_SPECS) as ProviderKind[]).map((k) => ({
  value: k,
  label: KIND_SPECS[k].label,
}));

/** The secrets as the API takes them: `apiKey` apart, the others under `credentials`; blanks left out. */
export function secretsBody(values: Partial<Record<SecretField, string>>): {
  apiKey?: string;
  credentials?: Partial<Record<Exclude<SecretField, "apiKey">, string>>;
} {
  const filled = Object.entries(values).filter(([, v]) => v !== undefined && v.trim() !== "") as Array<
    [SecretField, string]
  >;
  const apiKey = filled.find(([k]) => k === "apiKey")?.[1];
  const others = Object.fromEntries(filled.filter(([k]) => k !== "apiKey"));
  return {
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(Object.keys(others).length === 0 ? {} : { credentials: others }),
  };
}
