import { expect, test } from "@playwright/test";
import { SANDBOX_ORIGIN } from "../playwright.config";
import { createOrder, decideUnifi, getOrder, paidTransitions, startUnifi, timeline } from "./support/api";

test("an order whose return and callback never arrived still ends paid, through the reconciler", async ({ request }) => {
  // Hold the sandbox's callbacks back for ten minutes: only the reconciler can learn of the payment.
  const held = await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 600_000 } });
  expect(held.ok()).toBe(true);
  try {
    const orderId = await createOrder(request, "unifipay");
    const transactionId = await startUnifi(request, orderId);
    // The shopper approves, and the browser never follows the redirect back to the store.
    await decideUnifi(request, transactionId, "approve");
    expect((await getOrder(request, orderId)).status).toBe("pending");
    await expect.poll(async () => (await getOrder(request, orderId)).status, { timeout: 20_000 }).toBe("paid");
    expect(await paidTransitions(request, orderId)).toBe(1);
    const events = await timeline(request, orderId);
    expect(events.some((e) => e.data?.source === "reconciler" && e.data?.to === "paid")).toBe(true);
  } finally {
    await request.post(`${SANDBOX_ORIGIN}/sandbox/unifipay/control/settings`, { data: { callbackDelayMs: 0 } });
  }
});
