/**
 * Seeds N past orders straight into the store's tables (lib/db/schema.ts), shaped like the ones
 * the store writes: 70 % paid, 20 % pending, 10 % canceled; half StepPay, half Unifi Pay; one or
 * two items each; one provider payment each; three timeline events each.
 */
const ID = (tag) => `md5('bench-seed-${tag}-' || g)::uuid::text`;
const AGO = `now() - make_interval(secs => g * 7)`;

export async function seedOrders(db, count, { batch = 20_000, log } = {}) {
  const started = Date.now();
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    const range = `generate_series(${from}, ${to}) g`;
    await db.exec(`
      insert into orders (id, provider, kind, status, currency, total_amount, customer_name, customer_email, country_code, locale,
                          payment_mode, paid_at, paid_amount, last_synced_at, created_at, updated_at)
      select ${ID("order")},
             case when g % 2 = 0 then 'steppay' else 'unifipay' end, 'one_time',
             case when g % 10 < 7 then 'paid' when g % 10 < 9 then 'pending' else 'canceled' end,
             case when g % 2 = 0 then 'KRW' else 'USD' end,
             case when g % 2 = 0 then 18000 else 1350 end + case when g % 3 = 0 then (case when g % 2 = 0 then 24000 else 1800 end) else 0 end,
             'Seeded Shopper ' || g, 'seed-' || g || '@example.com',
             case when g % 2 = 0 then null else 'USA' end, 'en',
             (array['redirect','popup','iframe'])[1 + g % 3],
             case when g % 10 < 7 then ${AGO} end,
             case when g % 10 < 7 then case when g % 2 = 0 then 18000 else 1350 end + case when g % 3 = 0 then (case when g % 2 = 0 then 24000 else 1800 end) else 0 end end,
             ${AGO}, ${AGO}, ${AGO}
      from ${range};
      insert into order_items (order_id, product_id, name, unit_amount, quantity, line_amount)
      select ${ID("order")}, 'hanok-mug', 'Hanok Mug', case when g % 2 = 0 then 18000 else 1350 end, 1, case when g % 2 = 0 then 18000 else 1350 end
      from ${range};
      insert into order_items (order_id, product_id, name, unit_amount, quantity, line_amount)
      select ${ID("order")}, 'jeju-green-tea', 'Jeju Green Tea', case when g % 2 = 0 then 24000 else 1800 end, 1, case when g % 2 = 0 then 24000 else 1800 end
      from ${range} where g % 3 = 0;
      insert into provider_payments (id, order_id, provider, ref, request_id, details, mode, last_provider_status, created_at)
      select ${ID("payment")}, ${ID("order")},
             case when g % 2 = 0 then 'steppay' else 'unifipay' end,
             case when g % 2 = 0 then 'seed_order_' || g else 'seed-tx-' || g end,
             case when g % 2 = 0 then null else 'seed-req-' || g end,
             jsonb_build_object('orderId', g, 'idKey', 'seed-idkey-' || g),
             (array['redirect','popup','iframe'])[1 + g % 3],
             case when g % 10 < 7 then 'PAID' when g % 10 < 9 then 'CREATED' else 'CANCELED' end,
             ${AGO}
      from ${range};
      insert into order_events (order_id, type, summary, data, created_at)
      select ${ID("order")}, e.type, e.summary,
             jsonb_build_object('source', 'return', 'paymentRef', 'seed-' || g, 'from', 'pending', 'to', 'paid',
                                'checks', jsonb_build_array(jsonb_build_object('field', 'amount', 'ok', true), jsonb_build_object('field', 'currency', 'ok', true))),
             ${AGO} + e.n * interval '1 second'
      from ${range}
      cross join (values (0, 'order_created', 'Order created, priced on the server'),
                         (1, 'payment_started', 'Payment page opened by redirect'),
                         (2, 'verified', 'Provider confirms the payment and every check matched')) as e(n, type, summary);
    `);
  }
  log?.(`  seeded ${count.toLocaleString("en")} orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The store's lookup paths (lib/orders/load-order.ts, sync-order.ts): how the database answers
 * each, read from EXPLAIN. Every one must be an index scan on a large table.
 */
export async function explainLookupPaths(db) {
  const [order] = await db.query(`select o.id, p.id as payment_id, p.provider, p.ref from orders o join provider_payments p on p.order_id = o.id limit 1 offset 777`);
  const paths = [
    { name: "orders by id (loadOrder, SELECT … FOR UPDATE)", sql: `select * from orders where id = $1`, params: [order.id] },
    { name: "order_items by order_id (loadOrderWithItems)", sql: `select * from order_items where order_id = $1 order by id`, params: [order.id] },
    { name: "provider_payments by (provider, ref) (findPaymentByRef)", sql: `select * from provider_payments where provider = $1 and ref = $2`, params: [order.provider, order.ref] },
    { name: "provider_payments latest by order_id (latestPaymentOf)", sql: `select * from provider_payments where order_id = $1 and ref is not null order by created_at desc limit 1`, params: [order.id] },
    { name: "provider_payments by id (sync update)", sql: `update provider_payments set last_provider_status = last_provider_status where id = $1`, params: [order.payment_id] },
    { name: "order_events by (order_id, id) (timeline)", sql: `select * from order_events where order_id = $1 order by id`, params: [order.id] },
  ];
  const results = [];
  for (const p of paths) {
    const plan = (await db.query(`explain ${p.sql}`, p.params)).map((row) => row["QUERY PLAN"]).join(" | ");
    results.push({ name: p.name, plan, indexed: /Index (Only )?Scan|Bitmap Index Scan/.test(plan) && !/Seq Scan/.test(plan) });
  }
  return results;
}
