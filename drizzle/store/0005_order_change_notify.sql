-- Every change to an order is announced on the channel store_order_changed (delivered to listeners
-- when the transaction commits): an update names the order's id, a delete or truncate says "*"
-- (any order). Store instances sharing one PostgreSQL listen and forget their cached polling
-- answer for that order (lib/orders/order-change-feed.ts). An insert needs no word: an order not
-- yet written was never cached. Order items are written once, with their order.
CREATE FUNCTION store_notify_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    PERFORM pg_notify('store_order_changed', NEW.id::text);
  ELSE
    PERFORM pg_notify('store_order_changed', '*');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orders_notify_update AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION store_notify_order_changed();
--> statement-breakpoint
CREATE TRIGGER orders_notify_delete AFTER DELETE OR TRUNCATE ON orders FOR EACH STATEMENT EXECUTE FUNCTION store_notify_order_changed();
