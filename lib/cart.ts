import { cookies } from "next/headers";
import { z } from "zod";
import { findProduct, type Product } from "@/lib/catalog";
import { MAX_LINES, MAX_QUANTITY } from "@/lib/orders/checkout-input";

/**
 * The cart lives in a cookie as product ids and quantities only. Prices are never stored in it:
 * every total is computed here from lib/catalog.ts, and again by POST /api/orders.
 */
export const CART_COOKIE = "cart";

const cookieSchema = z
  .array(z.object({ p: z.string().max(64), q: z.number().int().min(1).max(MAX_QUANTITY) }))
  .max(MAX_LINES);

export type CartLine = { productId: string; quantity: number };

export async function readCart(): Promise<CartLine[]> {
  const raw = (await cookies()).get(CART_COOKIE)?.value;
  if (!raw) return [];
  try {
    const parsed = cookieSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return [];
    return parsed.data.filter((line) => findProduct(line.p)).map((line) => ({ productId: line.p, quantity: line.q }));
  } catch {
    return []; // a tampered or outdated cookie is an empty cart, not an error page
  }
}

export async function writeCart(lines: CartLine[]): Promise<void> {
  const store = await cookies();
  if (lines.length === 0) {
    store.delete(CART_COOKIE);
    return;
  }
  store.set(CART_COOKIE, JSON.stringify(lines.map((line) => ({ p: line.productId, q: line.quantity }))), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
}

export type PricedCartLine = CartLine & { product: Product; lineKRW: number; lineUSD: number };

export function priceCart(lines: CartLine[]) {
  const priced: PricedCartLine[] = lines.map((line) => {
    const product = findProduct(line.productId)!;
    return { ...line, product, lineKRW: product.prices.KRW * line.quantity, lineUSD: product.prices.USD * line.quantity };
  });
  return {
    lines: priced,
    count: priced.reduce((sum, line) => sum + line.quantity, 0),
    totalKRW: priced.reduce((sum, line) => sum + line.lineKRW, 0),
    totalUSD: priced.reduce((sum, line) => sum + line.lineUSD, 0),
    hasSubscription: priced.some((line) => line.product.kind === "subscription"),
  };
}
