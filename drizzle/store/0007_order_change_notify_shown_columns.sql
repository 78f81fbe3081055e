-- Migration 0005's update trigger fired on every write to an order, bookkeeping too (the
-- reconciler's claim, a sync's last_synced_at): each announcement makes every store instance drop
-- its reads in flight. Announced now only when something a shopper is shown changed (the columns
-- the polling answer reads, lib/orders/load-order.ts viewColumns).
DROP TRIGGER orders_notify_update ON orders;
--> statement-breakpoint
CREATE TRIGGER orders_notify_update AFTER UPDATE ON orders FOR EACH ROW
  WHEN (
    (OLD.status, OLD.provider, OLD.kind, OLD.currency, OLD.total_amount, OLD.paid_amount, OLD.refunded_amount, OLD.payment_mode,
     OLD.failure_code, OLD.failure_message, OLD.last_sync_error, OLD.paid_at, OLD.created_at, OLD.updated_at, OLD.customer_name)
    IS DISTINCT FROM
    (NEW.status, NEW.provider, NEW.kind, NEW.currency, NEW.total_amount, NEW.paid_amount, NEW.refunded_amount, NEW.payment_mode,
     NEW.failure_code, NEW.failure_message, NEW.last_sync_error, NEW.paid_at, NEW.created_at, NEW.updated_at, NEW.customer_name)
  )
  EXECUTE FUNCTION store_notify_order_changed();
