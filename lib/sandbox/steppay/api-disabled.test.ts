import { describe, expect, it, vi } from "vitest";

// The wing is off when the store points StepPay at a real host: every sandbox URL is then a 404.
vi.mock("@/lib/sandbox/shared/config", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/sandbox/shared/config")>();
  return { ...original, isSandboxEnabled: () => false };
});

const { handleStepPayApi } = await import("./api");
const { handleCheckoutSubmit } = await import("./checkout");

describe("a disabled StepPay sandbox", () => {
  it("answers a plain 404 to API calls, even with the right token", async () => {
    const response = await handleStepPayApi(
      new Request("http://127.0.0.1:3000/sandbox/steppay/api/v1/orders/1", { headers: { "Secret-Token": "sandbox-steppay-secret-token" } }),
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Not Found");
  });

  it("answers 404 to the hosted page's form", async () => {
    const response = await handleCheckoutSubmit(new Request("http://127.0.0.1:3000/sandbox/steppay/checkout/x/submit", { method: "POST" }), "x");
    expect(response.status).toBe(404);
  });
});
