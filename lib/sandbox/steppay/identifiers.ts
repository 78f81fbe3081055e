import { randomBytes, randomInt, randomUUID } from "node:crypto";

/**
 * StepPay's identifiers: codes are a type prefix and nine base-62 characters
 * (`order_15XqwcM1f`); an order's idKey is a long key starting with a millisecond timestamp
 * (`17042685431546CQ4BVZw22hzN1jn`, from the docs' example).
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(BASE62.length)];
  return out;
}

export type CodePrefix = "customer" | "product" | "price" | "order" | "order_item";

export function newCode(prefix: CodePrefix): string {
  return `${prefix}_${randomBase62(9)}`;
}

export function newIdKey(): string {
  return `${Date.now()}${randomBase62(16)}`;
}

export function newUuid(): string {
  return randomUUID();
}

/** A hosted-checkout session token: 256 random bits, the only secret the payment page carries. */
export function newCheckoutToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A numeric path segment is an id, anything else a code (StepPay's `{idOrCode}`). */
export function parseIdOrCode(value: string): { id: number } | { code: string } {
  return /^\d{1,9}$/.test(value) ? { id: Number(value) } : { code: value };
}
