import { createHmac } from "node:crypto";

/**
 * StepPay webhook v2's envelope and signature:
 *   body:   {"timestamp":<unix seconds>,"version":"v1","event":"<name>","data":{…}}
 *   header: Steppay-Signature: timestamp=<the same seconds>,key=<base64>[;<base64>…]
 * where each base64 is HMAC-SHA256(key, `${timestamp}.${rawBody}`), one per signing key (rotation).
 */
export const SIGNATURE_HEADER = "Steppay-Signature";
/** The envelope's `version` field, as StepPay's docs show it for the v2 webhooks. */
export const V2_ENVELOPE_VERSION = "v1";

/** Built by hand so the key order is fixed: the signature covers these exact bytes. */
export function v2WebhookBody(timestamp: number, event: string, dataJson: string): string {
  return `{"timestamp":${timestamp},"version":${JSON.stringify(V2_ENVELOPE_VERSION)},"event":${JSON.stringify(event)},"data":${dataJson}}`;
}

export function signV2(key: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", key).update(`${timestamp}.${rawBody}`, "utf8").digest("base64");
}

export function signatureHeaderValue(keys: readonly string[], timestamp: number, rawBody: string): string {
  return `timestamp=${timestamp},key=${keys.map((key) => signV2(key, timestamp, rawBody)).join(";")}`;
}
