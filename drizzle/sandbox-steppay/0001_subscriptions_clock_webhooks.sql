CREATE TABLE "sbx_steppay_clock" (
	"id" text PRIMARY KEY NOT NULL,
	"offset_ms" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_webhook_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"attempt_number" integer NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"signature" text,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"event" text NOT NULL,
	"url" text NOT NULL,
	"order_id" integer,
	"subscription_id" integer,
	"data_json" text,
	"fixed_body" text,
	"fixed_signature" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"retries" boolean DEFAULT true NOT NULL,
	"attempt_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_token" text,
	"duplicate_of" integer,
	"replay_of" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sbx_steppay_webhook_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"webhook_format" text NOT NULL,
	"duplicate_rate" double precision NOT NULL,
	"shuffle_ms" integer NOT NULL,
	"extra_webhook_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"webhook_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD COLUMN "current_period_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD COLUMN "origin_next_payment_date" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD COLUMN "unpaid_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD COLUMN "failed_renewal_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sbx_steppay_subscriptions" ADD COLUMN "fail_next_renewals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sbx_steppay_webhook_attempts" ADD CONSTRAINT "sbx_steppay_webhook_attempts_delivery_id_sbx_steppay_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."sbx_steppay_webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbx_steppay_webhook_attempts_delivery_idx" ON "sbx_steppay_webhook_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_webhook_deliveries_due_idx" ON "sbx_steppay_webhook_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sbx_steppay_webhook_deliveries_order_idx" ON "sbx_steppay_webhook_deliveries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_webhook_deliveries_subscription_idx" ON "sbx_steppay_webhook_deliveries" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "sbx_steppay_subscriptions_due_idx" ON "sbx_steppay_subscriptions" USING btree ("status","next_payment_date");