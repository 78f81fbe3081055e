import type { Db } from "@/lib/db/client";
import { orderEvents } from "@/lib/db/schema";
import type { RecordedExchange } from "@/lib/payments/exchange-log";

type Writer = Pick<Db, "insert">;

/** Appends to an order's timeline (inside the caller's transaction when given one). */
export async function addOrderEvent(
  db: Writer,
  orderId: string,
  type: string,
  summary: string,
  data?: Record<string, unknown> & { exchanges?: RecordedExchange[] },
): Promise<void> {
  await db.insert(orderEvents).values({ orderId, type, summary, data: data ?? null });
}
