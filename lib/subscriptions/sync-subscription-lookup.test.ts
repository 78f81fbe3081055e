import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInProvider } from "@/lib/test-support/provider-stand-in";
import { StepPayError } from "@/lib/providers/steppay/errors";
import { syncSubscriptionFromProvider } from "./sync-subscription";

// A provider of our own on a local port, standing where the sandbox would be (SANDBOX_ORIGIN, read
// when this file's configuration is first parsed): it answers every subscription lookup with
// subscription `answerId`, whatever was asked.
let provider: { close: () => Promise<void> };
let answerId = 0;
const asked: string[] = [];

beforeAll(async () => {
  provider = await standInProvider((request, response) => {
    asked.push(request.url ?? "");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ id: answerId, status: "ACTIVE", relatedOrders: [], parentOrder: null }));
  });
});

afterAll(() => provider.close());

describe("syncSubscriptionFromProvider: the answer must be about the subscription asked for", () => {
  it("refuses StepPay's answer about another subscription (it would be adopted and followed instead)", async () => {
    answerId = 778;
    const error = await syncSubscriptionFromProvider(777).catch((e: unknown) => e);
    expect(asked.at(-1)).toBe("/sandbox/steppay/api/v1/subscriptions/777");
    expect(error).toBeInstanceOf(StepPayError);
    expect((error as StepPayError).message).toContain("Asked for subscription 777, StepPay answered 778");
  });

  it("goes on with an answer about the one asked for (here: not one of ours, so nothing is recorded)", async () => {
    answerId = 779;
    await expect(syncSubscriptionFromProvider(779)).resolves.toBeNull();
    expect(asked.at(-1)).toBe("/sandbox/steppay/api/v1/subscriptions/779");
  });
});
