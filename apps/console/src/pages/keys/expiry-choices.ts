/** The expiry choices of the key forms: never, or a number of days from now. */
export const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year" },
] as const;

/** The expiry time (epoch ms) of a choice, from `now`; null for never. */
export function expiryOf(choice: string, now = Date.now()): number | null {
  const days = Number(choice);
  return Number.isInteger(days) && days > 0 ? now + days * 86_400_000 : null;
}
