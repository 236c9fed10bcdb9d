import { Select } from "@mantine/core";

const ORDERS = [
  { value: "desc", label: "Newest first" },
  { value: "asc", label: "Oldest first" },
];

/**
 * The order of a list by creation time, the one order every list API offers. Newest first is the
 * default, so it is kept out of the URL (`onChange(undefined)`); `label` shows above it, else it is the
 * control's accessible name only.
 */
export function OrderSelect({
  value,
  onChange,
  label,
  ariaLabel = "Order",
}: {
  value: string | undefined;
  onChange: (order: "asc" | undefined) => void;
  label?: string;
  ariaLabel?: string;
}) {
  return (
    <Select
      {...(label ? { label } : { "aria-label": ariaLabel })}
      data={ORDERS}
      value={value === "asc" ? "asc" : "desc"}
      onChange={(v) => onChange(v === "asc" ? "asc" : undefined)}
      allowDeselect={false}
      w={160}
    />
  );
}
