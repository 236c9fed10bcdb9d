/** A form value as Stripe reads it: a string, or nested objects and arrays by bracket notation. */
export type StripeFormValue = string | StripeFormValue[] | { [key: string]: StripeFormValue };

/**
 * Decodes an `application/x-www-form-urlencoded` body the way Stripe's API does: bracket keys nest
 * (`line_items[0][price_data][currency]=usd`, `metadata[tenant_id]=t`), numeric indexes make arrays.
 * See https://docs.stripe.com/api/request (form-encoded requests).
 *
 * @example
 * parseStripeForm("mode=payment&line_items[0][quantity]=1"); // { mode: "payment", line_items: [{ quantity: "1" }] }
 */
export function parseStripeForm(body: string): Record<string, StripeFormValue> {
  // Null-prototype objects: a key such as `__proto__` is a plain field, as it is to Stripe.
  const root: Record<string, StripeFormValue> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]$/).filter((p, i) => i === 0 || p !== "");
    let node: Record<string, StripeFormValue> | StripeFormValue[] = root;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const slot = node as Record<string, StripeFormValue>;
      if (last) {
        slot[part] = value;
        return;
      }
      slot[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : Object.create(null);
      node = slot[part] as Record<string, StripeFormValue>;
    });
  }
  return root;
}
