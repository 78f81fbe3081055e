CREATE TABLE "sbx_steppay_cancellations" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"amount" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_checkout_sessions" (
	"token" text PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"success_url" text NOT NULL,
	"error_url" text NOT NULL,
	"cancel_url" text NOT NULL,
	"lang" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_customers" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"uuid" text NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sbx_steppay_customers_code_unique" UNIQUE("code"),
	CONSTRAINT "sbx_steppay_customers_uuid_unique" UNIQUE("uuid")
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_order_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"order_id" integer NOT NULL,
	"position" integer NOT NULL,
	"product_id" integer NOT NULL,
	"price_id" integer NOT NULL,
	"ordered_product_name" text NOT NULL,
	"ordered_product_type" text NOT NULL,
	"ordered_plan_name" text NOT NULL,
	"unit_price" integer NOT NULL,
	"currency" text NOT NULL,
	"minimum_quantity" integer NOT NULL,
	"maximum_quantity" integer,
	"selected_product_option_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'CREATED' NOT NULL,
	"paid_amount" integer DEFAULT 0 NOT NULL,
	"canceled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sbx_steppay_order_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"id_key" text NOT NULL,
	"type" text NOT NULL,
	"customer_id" integer NOT NULL,
	"currency" text NOT NULL,
	"amount_due" integer NOT NULL,
	"paid_amount" integer DEFAULT 0 NOT NULL,
	"returned_amount" integer DEFAULT 0 NOT NULL,
	"discounted_amount" integer DEFAULT 0 NOT NULL,
	"payment_gateway" text,
	"purchase_deadline" timestamp with time zone,
	"payment_date" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"parent_subscription_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sbx_steppay_orders_code_unique" UNIQUE("code"),
	CONSTRAINT "sbx_steppay_orders_id_key_unique" UNIQUE("id_key")
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"order_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"payment_method" text DEFAULT 'CARD' NOT NULL,
	"payment_gateway" text NOT NULL,
	"amount" integer NOT NULL,
	"card_number_masked" text NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_prices" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"product_id" integer NOT NULL,
	"price" integer NOT NULL,
	"unit" text NOT NULL,
	"type" text NOT NULL,
	"plan_name" text NOT NULL,
	"plan_description" text DEFAULT '' NOT NULL,
	"plan_detail_description" text DEFAULT '' NOT NULL,
	"is_hidden_from_shop" boolean DEFAULT false NOT NULL,
	"recurring" jsonb,
	"maximum_purchase_quantity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sbx_steppay_prices_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_products" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"sub_title" text,
	"description" text DEFAULT '' NOT NULL,
	"summary" text,
	"sku" text,
	"featured_image_url" text DEFAULT '' NOT NULL,
	"image_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sbx_steppay_products_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"parent_order_id" integer NOT NULL,
	"order_item_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"price_id" integer NOT NULL,
	"status" text NOT NULL,
	"interval" text NOT NULL,
	"interval_count" integer NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"start_date" timestamp with time zone NOT NULL,
	"last_payment_date" timestamp with time zone,
	"next_payment_date" timestamp with time zone,
	"end_date" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"recurring_count" integer DEFAULT 1 NOT NULL,
	"card_number_masked" text NOT NULL,
	"canceled_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sbx_steppay_cancellations" ADD CONSTRAINT "sbx_steppay_cancellations_order_id_sbx_steppay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sbx_steppay_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_checkout_sessions" ADD CONSTRAINT "sbx_steppay_checkout_sessions_order_id_sbx_steppay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sbx_steppay_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_order_items" ADD CONSTRAINT "sbx_steppay_order_items_order_id_sbx_steppay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sbx_steppay_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_order_items" ADD CONSTRAINT "sbx_steppay_order_items_product_id_sbx_steppay_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."sbx_steppay_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_order_items" ADD CONSTRAINT "sbx_steppay_order_items_price_id_sbx_steppay_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."sbx_steppay_prices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_orders" ADD CONSTRAINT "sbx_steppay_orders_customer_id_sbx_steppay_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."sbx_steppay_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_payments" ADD CONSTRAINT "sbx_steppay_payments_order_id_sbx_steppay_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."sbx_steppay_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_prices" ADD CONSTRAINT "sbx_steppay_prices_product_id_sbx_steppay_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."sbx_steppay_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD CONSTRAINT "sbx_steppay_subscriptions_customer_id_sbx_steppay_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."sbx_steppay_customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD CONSTRAINT "sbx_steppay_subscriptions_parent_order_id_sbx_steppay_orders_id_fk" FOREIGN KEY ("parent_order_id") REFERENCES "public"."sbx_steppay_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD CONSTRAINT "sbx_steppay_subscriptions_order_item_id_sbx_steppay_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."sbx_steppay_order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD CONSTRAINT "sbx_steppay_subscriptions_product_id_sbx_steppay_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."sbx_steppay_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD CONSTRAINT "sbx_steppay_subscriptions_price_id_sbx_steppay_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."sbx_steppay_prices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbx_steppay_cancellations_order_idx" ON "sbx_steppay_cancellations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_checkout_sessions_order_idx" ON "sbx_steppay_checkout_sessions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_order_items_order_idx" ON "sbx_steppay_order_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_orders_parent_subscription_idx" ON "sbx_steppay_orders" USING btree ("parent_subscription_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_payments_order_idx" ON "sbx_steppay_payments" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_prices_product_idx" ON "sbx_steppay_prices" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_subscriptions_parent_order_idx" ON "sbx_steppay_subscriptions" USING btree ("parent_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sbx_steppay_subscriptions_order_item_idx" ON "sbx_steppay_subscriptions" USING btree ("order_item_id");