CREATE TABLE "sbx_scenario_page_delays" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"steppay_order_id" integer NOT NULL,
	"delay_ms" integer NOT NULL,
	"armed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sbx_scenario_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"scenario" text NOT NULL,
	"state" text NOT NULL,
	"expected" text NOT NULL,
	"store_order_id" text,
	"store_order_url" text,
	"store_status" text,
	"passed" boolean,
	"detail" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sbx_scenario_setting_overrides" (
	"key" text PRIMARY KEY NOT NULL,
	"holders" integer DEFAULT 0 NOT NULL,
	"baseline" jsonb,
	"applied" jsonb,
	"expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sbx_scenario_page_delays" ADD CONSTRAINT "sbx_scenario_page_delays_run_id_sbx_scenario_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sbx_scenario_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sbx_scenario_page_delays_order_idx" ON "sbx_scenario_page_delays" USING btree ("steppay_order_id");--> statement-breakpoint
CREATE INDEX "sbx_scenario_runs_started_idx" ON "sbx_scenario_runs" USING btree ("started_at");