/**
 * The database half of a verification, alone: the transaction syncOrderFromProvider runs after
 * the provider answered (lib/orders/sync-order.ts): lock the order row (reading its latest attempt's
 * id and the attempt's recorded status with it), record the provider's status on the payment, stamp
 * the order, append the "verified" event with its exchanges.
 * `payload` is a real "verified" event the server wrote in this run, so the row is as large.
 */
export function syncTransaction(db, { summary, data }) {
  const json = JSON.stringify(data);
  return ({ orderId, paymentId }) =>
    db.transaction(async (tx) => {
      // With the order, the id of its latest attempt the provider knows of (an earlier attempt's verdict may only tell of money taken).
      const [order] = await tx.query(
        `select o.*, (select p.id from provider_payments p where p.order_id = o.id and p.ref is not null order by p.created_at desc limit 1) as latest_attempt_id,
                (select p.last_provider_status from provider_payments p where p.id = $2) as attempt_status
         from orders o where o.id = $1 for update`,
        [orderId, paymentId],
      );
      if (!order) throw new Error(`order ${orderId} not found`);
      await tx.query(`update provider_payments set last_provider_status = $1 where id = $2`, ["CREATED", paymentId]);
      await tx.query(`update orders set last_synced_at = $1, last_sync_error = null where id = $2`, [new Date(), orderId]);
      await tx.query(`insert into order_events (order_id, type, summary, data) values ($1, $2, $3, $4::jsonb)`, [orderId, "verified", summary, json]);
    });
}

/** Pending orders already in the database (seeded), with their payment rows. */
export async function pendingRows(db, limit) {
  return db.query(
    `select o.id as "orderId", p.id as "paymentId" from orders o join provider_payments p on p.order_id = o.id
     where o.status = 'pending' order by o.id limit $1`,
    [limit],
  );
}
