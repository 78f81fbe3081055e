import { z } from "zod";
import { findProduct, type Product } from "@/lib/catalog";
import { isKnownCountry } from "@/lib/countries";
import type { Currency } from "@/lib/money";
import { MAX_LINES, MAX_QUANTITY } from "./cart-limits";

/**
 * What the browser may send to create an order: product ids, quantities, who is buying and with
 * which provider. Never a price: the transform below computes every amount from lib/catalog.ts,
 * so an invalid cart cannot reach the order code.
 */
export const PROVIDER_IDS = ["steppay", "unifipay"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
export const PROVIDER_CURRENCY: Record<ProviderId, Currency> = { steppay: "KRW", unifipay: "USD" };

export { MAX_LINES, MAX_QUANTITY };

const item = z.strictObject({
  productId: z.string().trim().min(1, "productId is required").max(64, "productId is too long"),
  quantity: z
    .number({ error: "quantity must be a whole number" })
    .int("quantity must be a whole number")
    .min(1, "quantity must be at least 1")
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
});

export const checkoutInputSchema = z
  .strictObject({
    provider: z.enum(PROVIDER_IDS, { error: "provider must be steppay or unifipay" }),
    customer: z.strictObject({
      name: z
        .string({ error: "name is required" })
        .trim()
        .min(1, "name is required")
        .max(100, "name is too long")
        // Control characters are never part of a name, and PostgreSQL refuses a NUL byte outright.
        .regex(/^[^\u0000-\u001f\u007f]*$/, "name must not contain control characters"),
      email: z
        .string({ error: "email is required" })
        .trim()
        .toLowerCase()
        .max(254, "email is too long")
        .pipe(z.email("email is not a valid address")),
    }),
    countryCode: z.string().trim().toUpperCase().length(3, "countryCode must be an ISO alpha-3 code").optional(),
    locale: z.enum(["en", "ko"]).optional(),
    items: z.array(item, { error: "items must be a list" }).min(1, "Your cart is empty").max(MAX_LINES, "Too many lines in the cart"),
  })
  .superRefine((input, ctx) => {
    const seen = new Map<string, number>();
    input.items.forEach((line, index) => {
      const product = findProduct(line.productId);
      if (!product) {
        ctx.addIssue({ code: "custom", path: ["items", index, "productId"], message: `Unknown product "${line.productId}"` });
        return;
      }
      const total = (seen.get(product.id) ?? 0) + line.quantity;
      seen.set(product.id, total);
      if (total > MAX_QUANTITY) {
        ctx.addIssue({ code: "custom", path: ["items", index, "quantity"], message: `quantity must be at most ${MAX_QUANTITY}` });
      }
      if (product.kind === "subscription" && input.provider !== "steppay") {
        ctx.addIssue({ code: "custom", path: ["items", index, "productId"], message: "Subscriptions can only be paid with StepPay" });
      }
    });
    if (input.provider === "unifipay") {
      if (!input.countryCode) ctx.addIssue({ code: "custom", path: ["countryCode"], message: "countryCode is required for Unifi Pay" });
      else if (!isKnownCountry(input.countryCode)) ctx.addIssue({ code: "custom", path: ["countryCode"], message: "countryCode is not a supported country" });
    }
  })
  .transform((input) => {
    const currency = PROVIDER_CURRENCY[input.provider];
    const quantities = new Map<string, number>();
    for (const line of input.items) quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
    const lines = [...quantities].map(([productId, quantity]) => priceLine(findProduct(productId)!, quantity, currency));
    const totalAmount = lines.reduce((sum, line) => sum + line.lineAmount, 0);
    const kind = lines.some((line) => line.product.kind === "subscription") ? "subscription" : "one_time";
    return {
      provider: input.provider,
      customer: input.customer,
      countryCode: input.countryCode ?? null,
      locale: input.locale ?? "en",
      currency,
      kind,
      lines,
      totalAmount,
    } as const;
  });

export type CheckoutInput = z.input<typeof checkoutInputSchema>;
export type PricedCheckout = z.output<typeof checkoutInputSchema>;
export type PricedLine = { product: Product; quantity: number; unitAmount: number; lineAmount: number };

export function priceLine(product: Product, quantity: number, currency: Currency): PricedLine {
  const unitAmount = product.prices[currency];
  return { product, quantity, unitAmount, lineAmount: unitAmount * quantity };
}
