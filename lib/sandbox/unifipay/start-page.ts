import { sandboxSettings } from "@/lib/sandbox/shared/config";
import { decideSandboxTransaction, findSandboxTransaction, isShopperDecision, returnUrlFor, type SandboxStatus } from "./transactions";

/** What the hosted start page shows for one transaction. */
export type StartPageView = {
  transactionId: string;
  storeId: string;
  orderId: string;
  countryCode: string;
  amountLabel: string;
  status: SandboxStatus;
  /** Where "Return to merchant" and the decision's 303 lead: returnUrl?transactionId=<id>. */
  returnUrl: string;
  /** The form's target: a same-origin path, so it works whichever host name served the page. */
  decideAction: string;
};

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export async function loadStartPage(transactionId: string): Promise<StartPageView | null> {
  const transaction = await findSandboxTransaction(transactionId);
  if (!transaction) return null;
  const basePath = new URL(sandboxSettings().unifipay.base).pathname.replace(/\/+$/, "");
  return {
    transactionId: transaction.transactionId,
    storeId: transaction.storeId,
    orderId: transaction.orderId,
    countryCode: transaction.countryCode,
    amountLabel: usd.format(transaction.amountCents / 100),
    status: transaction.status as SandboxStatus,
    returnUrl: returnUrlFor(transaction),
    decideAction: `${basePath}/start/${encodeURIComponent(transaction.transactionId)}/decide`,
  };
}

/**
 * POST …/start/{transactionId}/decide (a plain form post, so it works without JavaScript, in a
 * popup and in a cross-origin iframe: no cookies, no window.top). Answers 303 to the merchant's
 * returnUrl; a repeated post (double click, back button) changes nothing and answers the same.
 */
export async function handleUnifiDecision(request: Request, transactionId: string): Promise<Response> {
  let decision: FormDataEntryValue | null;
  try {
    decision = (await request.formData()).get("decision");
  } catch {
    return plainText(400, "Expected a form post with decision=approve|decline|cancel");
  }
  if (!isShopperDecision(decision)) return plainText(400, "decision must be approve, decline or cancel");
  const result = await decideSandboxTransaction(transactionId, decision);
  if (!result) return plainText(404, "Unknown transaction");
  return new Response(null, { status: 303, headers: { location: returnUrlFor(result.transaction), "cache-control": "no-store" } });
}

function plainText(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
