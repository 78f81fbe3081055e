import { describe, expect, it, vi } from "vitest";

// The wing is off when the store points StepPay at a real host: every sandbox URL is then a 404.
vi.mock("@/lib/sandbox/shared/config", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/sandbox/shared/config")>();
  return { ...original, isSandboxEnabled: () => false };
});

const { handleStepPayApi } = await import("./api");
const { handleCheckoutSubmit } = await import("./checkout");
const controlRoutes = {
  subscriptions: await import("@/app/sandbox/steppay/control/subscriptions/route"),
  renew: await import("@/app/sandbox/steppay/control/subscriptions/[id]/renew/route"),
  clockAdvance: await import("@/app/sandbox/steppay/control/clock/advance/route"),
  webhooks: await import("@/app/sandbox/steppay/control/webhooks/route"),
  settings: await import("@/app/sandbox/steppay/control/settings/route"),
  faults: await import("@/app/sandbox/steppay/control/faults/route"),
};

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

  it("answers 404 to every control endpoint, and starts no background work", async () => {
    const base = "http://127.0.0.1:3000/sandbox/steppay/control";
    const post = (path: string) => new Request(`${base}${path}`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    const responses = [
      await controlRoutes.subscriptions.GET(new Request(`${base}/subscriptions`)),
      await controlRoutes.renew.POST(post("/subscriptions/1/renew"), { params: Promise.resolve({ id: "1" }) }),
      await controlRoutes.clockAdvance.POST(post("/clock/advance")),
      await controlRoutes.webhooks.GET(new Request(`${base}/webhooks`)),
      await controlRoutes.settings.POST(post("/settings")),
      await controlRoutes.faults.GET(new Request(`${base}/faults`)),
    ];
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404]);
    const pollers = (globalThis as { __sbxPollers?: Map<string, unknown> }).__sbxPollers;
    expect(pollers?.size ?? 0).toBe(0);
  });
});
