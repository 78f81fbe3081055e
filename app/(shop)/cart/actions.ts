"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { findProduct } from "@/lib/catalog";
import { readCart, writeCart } from "@/lib/cart";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { MAX_LINES, MAX_QUANTITY } from "@/lib/orders/checkout-input";

/** Cart mutations. Each input is validated with zod; the cart holds ids and quantities only. */
const productId = z.string().trim().min(1).max(64).refine((id) => findProduct(id) !== undefined, "Unknown product");
const addSchema = z.object({ productId, quantity: z.coerce.number().int().min(1).max(MAX_QUANTITY).default(1) });
const setSchema = z.object({ productId, quantity: z.coerce.number().int().min(0).max(MAX_QUANTITY) });

export type CartActionState = { ok: boolean; message: string | null; count: number };

export async function addToCart(_previous: CartActionState, form: FormData): Promise<CartActionState> {
  const parsed = addSchema.safeParse({ productId: form.get("productId"), quantity: form.get("quantity") ?? undefined });
  const lines = await readCart();
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid request", count: countOf(lines) };
  const existing = lines.find((line) => line.productId === parsed.data.productId);
  if (existing) existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + parsed.data.quantity);
  else if (lines.length < MAX_LINES) lines.push({ productId: parsed.data.productId, quantity: parsed.data.quantity });
  else return { ok: false, message: "Your cart is full", count: countOf(lines) };
  await writeCart(lines);
  return { ok: true, message: null, count: countOf(lines) };
}

export async function setCartQuantity(form: FormData): Promise<void> {
  const parsed = setSchema.safeParse({ productId: form.get("productId"), quantity: form.get("quantity") });
  if (!parsed.success) return;
  const lines = (await readCart())
    .map((line) => (line.productId === parsed.data.productId ? { ...line, quantity: parsed.data.quantity } : line))
    .filter((line) => line.quantity > 0);
  await writeCart(lines);
}

export async function removeFromCart(form: FormData): Promise<void> {
  const parsed = z.object({ productId: z.string().max(64) }).safeParse({ productId: form.get("productId") });
  if (!parsed.success) return;
  await writeCart((await readCart()).filter((line) => line.productId !== parsed.data.productId));
}

export async function clearCart(): Promise<void> {
  await writeCart([]);
}

export async function setLocale(form: FormData): Promise<void> {
  const parsed = z.enum(["en", "ko"]).safeParse(form.get("locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
}

function countOf(lines: { quantity: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}
