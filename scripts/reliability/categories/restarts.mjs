/**
 * 5. Restarts: kill -9 of the server's whole process group (a) after orders are created and (b)
 * after payments were approved at the provider but before their returns were handled; then a
 * restart on the same data directory. Every order created before a kill is still there with the
 * right status; (a) can still be paid; (b) ends paid through the return handled after the restart
 * or through the reconciler.
 */
import { expectPaidOnce } from "../lib/checks.mjs";
import { poll, request } from "../lib/http.mjs";
import { CARDS, createOrder, decideUnifi, getOrder, holdDeliveries, openStepPay, openUnifi, releaseDeliveries, setFault, submitStepPay, timeline } from "../lib/shop.mjs";

export async function restarts(cat, store) {
  await store.start();
  await store.warmUp();

  // Orders in settled states, made before any kill: they must come back exactly as they were.
  const settled = [];
  const paidS = await createOrder(store, "steppay");
  await request(await submitStepPay(store, (await openStepPay(store, paidS.id)).token, CARDS.approved));
  settled.push({ id: paidS.id, status: "paid", label: "StepPay paid before the kills" });
  const failedS = await createOrder(store, "steppay");
  await request(await submitStepPay(store, (await openStepPay(store, failedS.id)).token, CARDS.declined));
  settled.push({ id: failedS.id, status: "failed", label: "StepPay declined before the kills" });
  const paidU = await createOrder(store, "unifipay");
  await request(await decideUnifi(store, await openUnifi(store, paidU.id), "approve"));
  settled.push({ id: paidU.id, status: "paid", label: "Unifi paid before the kills" });
  const canceledU = await createOrder(store, "unifipay");
  await request(await decideUnifi(store, await openUnifi(store, canceledU.id), "cancel"));
  settled.push({ id: canceledU.id, status: "canceled", label: "Unifi canceled before the kills" });
  await cat.run("setup: orders in paid, failed and canceled states before the kills", async (t) => {
    for (const o of settled) {
      const read = await getOrder(store, o.id);
      t.expect(read?.status === o.status, `${o.label}: ${read?.status}, expected ${o.status}`);
    }
  });

  // (a) kill -9 right after orders are created (and answered 201).
  const createdS = await createOrder(store, "steppay", [{ productId: "pour-over-kettle", quantity: 1 }]);
  const createdU = await createOrder(store, "unifipay", [{ productId: "linen-tote", quantity: 2 }]);
  const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => createOrder(store, i % 2 ? "unifipay" : "steppay")));
  const pid1 = store.pid;
  await store.kill9();
  await cat.run("(a) the server process group is gone after kill -9", async (t) => {
    t.expect(!store.alive(), "still running");
    let gone = false;
    try {
      process.kill(-pid1, 0);
    } catch {
      gone = true;
    }
    t.expect(gone, `process group ${pid1} still exists`);
  });
  await store.start({ fresh: false });
  await store.warmUp();
  await cat.run("(a) after restart, every order created before the kill is there, pending, same total", async (t) => {
    for (const o of [createdS, createdU, ...burst]) {
      const read = await getOrder(store, o.id);
      if (!read) t.lost(`order ${o.id} created before the kill`);
      else t.expect(read.status === "pending" && read.totalAmount === o.totalAmount, `${o.id}: ${read.status} ${read.totalAmount}`);
    }
  });
  await cat.run("(a) the StepPay order created before the kill can still be paid", async (t) => {
    const { token } = await openStepPay(store, createdS.id);
    await request(await submitStepPay(store, token, CARDS.approved));
    await expectPaidOnce(t, store, createdS.id, "StepPay order");
  });
  await cat.run("(a) the Unifi order created before the kill can still be paid", async (t) => {
    await request(await decideUnifi(store, await openUnifi(store, createdU.id), "approve"));
    await expectPaidOnce(t, store, createdU.id, "Unifi order");
  });

  // (b) kill -9 after approval at the provider, before the store hears of it.
  await holdDeliveries(store); // no webhook or callback may reach the store before the kill
  const opened = [];
  for (const [provider, finish] of [
    ["steppay", "return"],
    ["steppay", "reconciler"],
    ["unifipay", "return"],
    ["unifipay", "reconciler"],
  ]) {
    const order = await createOrder(store, provider);
    const handle = provider === "steppay" ? (await openStepPay(store, order.id)).token : await openUnifi(store, order.id);
    opened.push({ order, provider, finish, handle });
  }
  // The eager reconciler (every second) must not learn of the approvals before the kill either:
  // while the kill is prepared, the provider APIs answer 500 (the shopper's pages still work).
  await setFault(store, "steppay", { mode: "http500" });
  await setFault(store, "unifipay", { mode: "http500" });
  const approved = [];
  for (const o of opened) {
    const returnUrl = o.provider === "steppay" ? await submitStepPay(store, o.handle, CARDS.approved) : await decideUnifi(store, o.handle, "approve");
    approved.push({ ...o, returnUrl });
  }
  await cat.run("(b) before the kill: approved at the provider, still pending at the store", async (t) => {
    for (const a of approved) {
      const read = await getOrder(store, a.order.id);
      t.expect(read?.status === "pending", `${a.provider} ${a.order.id}: ${read?.status}`);
    }
  });
  await store.kill9();
  await store.start({ fresh: false });
  await store.warmUp();
  await setFault(store, "steppay", { mode: "none" });
  await setFault(store, "unifipay", { mode: "none" });
  for (const a of approved.filter((x) => x.finish === "return")) {
    await cat.run(`(b) ${a.provider}: the return handled after the restart marks the order paid, once`, async (t) => {
      const res = await request(a.returnUrl);
      t.expect(res.status === 303 && !/syncError/.test(res.location ?? ""), `return answered ${res.status} ${res.location}`);
      const { events } = await expectPaidOnce(t, store, a.order.id, `${a.provider} order`);
      // The reconciler ran first after the restart (it is bundled apart from the routes): the
      // return's verification must still record its own provider calls for the inspector.
      const verified = (events ?? []).filter((e) => e.type === "verified" && e.data?.source === "return").at(-1);
      t.expect((verified?.data?.exchanges?.length ?? 0) > 0, `the return's verification recorded ${verified ? verified.data?.exchanges?.length ?? 0 : "no event and no"} provider calls`);
    });
  }
  for (const a of approved.filter((x) => x.finish === "reconciler")) {
    await cat.run(`(b) ${a.provider}: with no return at all, the reconciler marks the order paid after the restart, once`, async (t) => {
      const ok = await poll(async () => (await getOrder(store, a.order.id))?.status === "paid", { timeoutMs: 25_000, intervalMs: 500 });
      t.expect(ok, "not paid within 25 s of the restart");
      const { events } = await expectPaidOnce(t, store, a.order.id, `${a.provider} order`);
      t.expect(events?.some((e) => e.data?.to === "paid" && e.data?.source === "reconciler"), `paid by ${events?.find((e) => e.data?.to === "paid")?.data?.source}, expected the reconciler`);
      const byReconciler = (events ?? []).find((e) => e.data?.to === "paid" && e.data?.source === "reconciler");
      t.expect((byReconciler?.data?.exchanges?.length ?? 0) > 0, "the reconciler's verification recorded no provider calls");
    });
  }
  await releaseDeliveries(store);
  await cat.run("after both kills: every order made before them is there with the right status", async (t) => {
    const expected = [...settled, { id: createdS.id, status: "paid", label: "(a) StepPay" }, { id: createdU.id, status: "paid", label: "(a) Unifi" }, ...approved.map((a) => ({ id: a.order.id, status: "paid", label: `(b) ${a.provider}` }))];
    for (const o of expected) {
      const read = await getOrder(store, o.id);
      if (!read) t.lost(`${o.label} ${o.id}`);
      else t.expect(read.status === o.status, `${o.label}: ${read.status}, expected ${o.status}`);
      const events = await timeline(store, o.id);
      const moves = (events ?? []).filter((e) => e.data?.to === "paid" && e.data?.from !== "paid").length;
      if (moves > 1) t.wrong(`${o.label} moved into paid ${moves} times`);
    }
    for (const o of burst) if (!(await getOrder(store, o.id))) t.lost(`burst order ${o.id}`);
  });
}
