import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * StepPay webhook v2 signatures:
 *   Steppay-Signature: timestamp=1706002316,key=<base64>[;<base64>…]
 *   expected = base64(HMAC-SHA256(webhookVerificationKey, `${timestamp}.${rawBody}`))
 * Valid when ANY listed key matches. Computed over the raw body bytes, before any JSON parsing,
 * compared in constant time. A timestamp more than `toleranceSeconds` from now is refused
 * (replay window not published: 5 minutes is the project's decision, README Assumptions).
 */
export type WebhookVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "no_secret" | "missing_header" | "malformed_header" | "stale_timestamp" | "bad_signature" };

export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name === "timestamp" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (name === "key") signatures.push(...value.split(";").map((s) => s.trim()).filter(Boolean));
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

export function signWebhook(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("base64");
}

type SignatureCheckInput = { secret: string | undefined; header: string | null; nowMs?: number; toleranceSeconds?: number };

/**
 * What can be judged before a byte of the body is read: a key is configured, the header is
 * well-formed, its timestamp is fresh. A delivery failing this is refused unread.
 */
export function checkSignatureHeader(
  input: SignatureCheckInput,
): { ok: true; secret: string; timestamp: number; signatures: string[] } | { ok: false; reason: "no_secret" | "missing_header" | "malformed_header" | "stale_timestamp" } {
  // A missing key never means "skip the check".
  if (!input.secret) return { ok: false, reason: "no_secret" };
  if (!input.header) return { ok: false, reason: "missing_header" };
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: "malformed_header" };
  const now = Math.floor((input.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - parsed.timestamp) > (input.toleranceSeconds ?? 300)) return { ok: false, reason: "stale_timestamp" };
  return { ok: true, secret: input.secret, ...parsed };
}

/**
 * The signature computed as the body streams in (`update` per chunk), so a body too large to keep
 * can still be judged authentic. `matches` compares every listed key, each in constant time.
 */
export function createSignatureHasher(secret: string, timestamp: number) {
  const hmac = createHmac("sha256", secret).update(`${timestamp}.`);
  return {
    update(chunk: Uint8Array) {
      hmac.update(chunk);
    },
    matches(signatures: string[]): boolean {
      const expected = hmac.digest();
      let matched = false;
      for (const signature of signatures) {
        const given = Buffer.from(signature, "base64");
        // No early exit: every candidate is compared.
        if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
      }
      return matched;
    },
  };
}

export function verifyWebhookSignature(input: SignatureCheckInput & { rawBody: string | Uint8Array }): WebhookVerification {
  const checked = checkSignatureHeader(input);
  if (!checked.ok) return checked;
  const hasher = createSignatureHasher(checked.secret, checked.timestamp);
  hasher.update(typeof input.rawBody === "string" ? Buffer.from(input.rawBody, "utf8") : input.rawBody);
  return hasher.matches(checked.signatures) ? { ok: true, timestamp: checked.timestamp } : { ok: false, reason: "bad_signature" };
}
