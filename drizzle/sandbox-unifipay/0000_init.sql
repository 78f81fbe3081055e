CREATE TABLE "sbx_unifi_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"transaction_id" text NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" text,
	"duplicate_of" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_unifi_delivery_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"attempt_number" integer NOT NULL,
	"url" text NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_unifi_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"duplicate_rate" double precision NOT NULL,
	"callback_delay_ms" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_unifi_transactions" (
	"transaction_id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"request_id" text NOT NULL,
	"order_id" text NOT NULL,
	"store_id" text NOT NULL,
	"return_url" text NOT NULL,
	"callback_url" text NOT NULL,
	"country_code" text NOT NULL,
	"order_currency_code" text NOT NULL,
	"order_amount" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sbx_unifi_deliveries" ADD CONSTRAINT "sbx_unifi_deliveries_transaction_id_sbx_unifi_transactions_transaction_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."sbx_unifi_transactions"("transaction_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sbx_unifi_delivery_attempts" ADD CONSTRAINT "sbx_unifi_delivery_attempts_delivery_id_sbx_unifi_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."sbx_unifi_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbx_unifi_deliveries_due_idx" ON "sbx_unifi_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sbx_unifi_deliveries_tx_idx" ON "sbx_unifi_deliveries" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "sbx_unifi_delivery_attempts_delivery_idx" ON "sbx_unifi_delivery_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sbx_unifi_transactions_request_uq" ON "sbx_unifi_transactions" USING btree ("app_id","request_id");