import { TextInput, type TextInputProps } from "@mantine/core";
import { parseUsd } from "../../ui/parse-usd";

/**
 * A price in dollars per million tokens, typed as text and checked to parse exactly to nano-USD (see
 * usd.ts); the caller converts with parseUsd on submit.
 */
export function PriceInput({
  value,
  onChange,
  ...props
}: { value: string; onChange(v: string): void } & Omit<TextInputProps, "value" | "onChange">) {
  const invalid = value.trim() !== "" && parseUsd(value) === undefined;
  return (
    <TextInput
      leftSection="$"
      inputMode="decimal"
      rightSection={<span style={{ fontSize: 11, opacity: 0.6, whiteSpace: "nowrap" }}>/ M</span>}
      rightSectionWidth={36}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={invalid ? "A dollar amount, e.g. 2.50 (up to 9 decimals)." : undefined}
      {...props}
    />
  );
}
