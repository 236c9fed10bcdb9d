import { Group, Select, TagsInput, TextInput } from "@mantine/core";
import { EXPIRY_CHOICES } from "./expiry-choices";

/** What the create and edit forms hold; lists empty mean "no restriction". */
export interface KeySettings {
  name: string;
  /** An EXPIRY_CHOICES value, or "keep" (edit: leave the expiry as it is). */
  expiry: string;
  allowedModels: string[];
  allowedCidrs: string[];
  /** An optional spend cap for the key, in dollars as typed. */
  capUsd: string;
  capPeriod: "daily" | "weekly" | "monthly" | "total";
  /** Requests and tokens per minute for the key (every model), as typed; empty: not limited. */
  rpm: string;
  tpm: string;
}

export const NEW_KEY_SETTINGS: KeySettings = {
  name: "",
  expiry: "never",
  allowedModels: [],
  allowedCidrs: [],
  capUsd: "",
  capPeriod: "monthly",
  rpm: "",
  tpm: "",
};

const PERIODS = [
  { value: "daily", label: "per day" },
  { value: "weekly", label: "per week" },
  { value: "monthly", label: "per month" },
  { value: "total", label: "in total" },
];

/** The fields of a key's settings: name, expiry, allowed models, allowed IP ranges and a spend cap. */
export function KeySettingsFields({
  value,
  onChange,
  keepExpiryLabel,
  capError,
  limitErrors,
}: {
  value: KeySettings;
  onChange: (next: KeySettings) => void;
  /** Offer "keep the current expiry" (edit), labelled with the current one. */
  keepExpiryLabel?: string;
  capError?: string | undefined;
  limitErrors?: { rpm?: string | undefined; tpm?: string | undefined };
}) {
  const set = <K extends keyof KeySettings>(k: K, v: KeySettings[K]) => onChange({ ...value, [k]: v });
  const expiryData = keepExpiryLabel
    ? [{ value: "keep", label: keepExpiryLabel }, ...EXPIRY_CHOICES]
    : [...EXPIRY_CHOICES];
  return (
    <>
      <TextInput
        label="Name"
        description="What uses this key, e.g. “billing-service (prod)”."
        required
        maxLength={100}
        value={value.name}
        onChange={(e) => set("name", e.currentTarget.value)}
        data-autofocus
      />
      <Select
        label="Expires"
        data={expiryData}
        value={value.expiry}
        onChange={(v) => set("expiry", v ?? "never")}
        allowDeselect={false}
      />
      <TagsInput
        label="Allowed models"
        description="Model names or patterns such as openai/*; press Enter after each. Empty: every model the workspace allows."
        placeholder="openai/gpt-4o-mini"
        value={value.allowedModels}
        onChange={(v) => set("allowedModels", v)}
        maxTags={100}
        clearable
      />
      <TagsInput
        label="Allowed IP ranges"
        description="Addresses or CIDR ranges (10.0.0.0/8, 2001:db8::/32); press Enter after each. Empty: any address."
        placeholder="203.0.113.0/24"
        value={value.allowedCidrs}
        onChange={(v) => set("allowedCidrs", v)}
        maxTags={50}
        clearable
      />
      <Group grow align="flex-start">
        <TextInput
          label="Requests per minute"
          description="Optional rate limit, every model."
          placeholder="600"
          inputMode="numeric"
          value={value.rpm}
          onChange={(e) => set("rpm", e.currentTarget.value)}
          error={limitErrors?.rpm}
        />
        <TextInput
          label="Tokens per minute"
          description="Input plus output tokens."
          placeholder="200000"
          inputMode="numeric"
          value={value.tpm}
          onChange={(e) => set("tpm", e.currentTarget.value)}
          error={limitErrors?.tpm}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          label="Spend cap (USD)"
          description="Optional; never above a cap an admin set."
          placeholder="25.00"
          inputMode="decimal"
          value={value.capUsd}
          onChange={(e) => set("capUsd", e.currentTarget.value)}
          error={capError}
        />
        <Select
          label="Cap period"
          description="When the cap resets (UTC)."
          data={PERIODS}
          value={value.capPeriod}
          onChange={(v) => set("capPeriod", (v ?? "monthly") as KeySettings["capPeriod"])}
          allowDeselect={false}
        />
      </Group>
    </>
  );
}
