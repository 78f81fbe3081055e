/** Assertions about orders shared by the categories. */
import { getOrder, paidTransitions, timeline, paidTransitionsOf } from "./shop.mjs";

/** The order exists, is not paid and never moved into paid. */
export async function expectNotPaid(t, store, orderId, label = "order") {
  const order = await getOrder(store, orderId);
  if (!order) return t.lost(`${label} ${orderId} cannot be read back`);
  const moves = await paidTransitions(store, orderId);
  if (order.status === "paid" || order.status === "partially_refunded" || order.status === "refunded" || moves > 0) {
    t.wrong(`${label} ${orderId} is ${order.status} with ${moves} transition(s) into paid`);
  }
  return order;
}

/** The order is paid, with exactly one transition into paid in its timeline. */
export async function expectPaidOnce(t, store, orderId, label = "order") {
  const order = await getOrder(store, orderId);
  if (!order) return t.lost(`${label} ${orderId} cannot be read back`);
  const events = await timeline(store, orderId);
  const moves = paidTransitionsOf(events);
  t.expect(order.status === "paid", `${label} status is ${order.status}, expected paid`);
  if (moves > 1) t.wrong(`${label} moved into paid ${moves} times (double fulfilment)`);
  else t.expect(moves === 1, `${label} has ${moves} transitions into paid, expected 1`);
  return { order, events };
}

/** A 303 whose Location is `expected` (an absolute URL without query) — or reports what it was. */
export function expectRedirect(t, res, expectedBase, what) {
  if (!t.expect(res.status === 303, `${what}: status ${res.status}, expected 303 ${res.error ?? res.text.slice(0, 120)}`)) return null;
  const url = new URL(res.location, "http://invalid.invalid");
  t.expect(`${url.origin}${url.pathname}` === expectedBase, `${what}: Location ${res.location}, expected ${expectedBase}`);
  return url;
}

/** A JSON error body of the store's shape: { error: { code, message } }. */
export function hasErrorShape(res) {
  const e = res.json?.error;
  return Boolean(e && typeof e === "object" && typeof e.code === "string" && typeof e.message === "string");
}
