CREATE TABLE "sbx_shared_faults" (
	"wing" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"remaining" integer,
	"delay_ms" integer NOT NULL,
	"paths" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
