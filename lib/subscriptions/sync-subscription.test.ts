import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { subscriptions } from "@/lib/db/schema";
import type { StepPaySubscription } from "@/lib/providers/steppay/schemas";
import { refreshSubscription } from "./sync-subscription";
import { insertSubscription } from "./test-fixtures";

// vitest runs with PGLITE_DIR=memory:// : this file's own embedded database.

const remote = (status: string) => ({ id: 1, status, nextPaymentDate: null, lastPaymentDate: null, startDate: null }) as unknown as StepPaySubscription;

async function statusOf(id: number): Promise<string> {
  const [row] = await (await getDb()).select({ status: subscriptions.status }).from(subscriptions).where(eq(subscriptions.id, id));
  return row!.status;
}

describe("refreshSubscription", () => {
  it("never replaces a final status with a read that was answered before it (a race with Cancel now)", async () => {
    const local = await insertSubscription("ACTIVE");
    await refreshSubscription(local, remote("CANCELED")); // the shopper's re-read after "Cancel now"
    await refreshSubscription(local, remote("ACTIVE")); // the reconciler's read, answered earlier, lands later
    expect(await statusOf(local.id)).toBe("CANCELED");
  });

  it("follows every other change, into a final status too", async () => {
    const local = await insertSubscription("ACTIVE");
    await refreshSubscription(local, remote("PAUSE"));
    expect(await statusOf(local.id)).toBe("PAUSE");
    await refreshSubscription(local, remote("EXPIRED"));
    expect(await statusOf(local.id)).toBe("EXPIRED");
  });
});
