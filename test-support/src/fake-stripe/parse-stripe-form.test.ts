import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStripeForm } from "./parse-stripe-form.js";

describe("parseStripeForm", () => {
  it("nests bracket keys into objects and numeric indexes into arrays, as Stripe's API reads them", () => {
    const body =
      "mode=payment&line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd&line_items[0][quantity]=1&metadata[tenant_id]=ten_a&line_items[1][price]=price_x";
    expect(parseStripeForm(body)).toEqual({
      mode: "payment",
      metadata: { tenant_id: "ten_a" },
      line_items: [{ price_data: { currency: "usd" }, quantity: "1" }, { price: "price_x" }],
    });
  });

  it("round-trips flat keys and never throws on any body", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string()), (flat) => {
        expect(parseStripeForm(new URLSearchParams(flat).toString())).toEqual(flat);
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void parseStripeForm(s)));
  });
});
