CREATE TABLE "trace_hops" (
	"trace_id" text NOT NULL,
	"kind" text NOT NULL,
	"robot_id" integer,
	"subject" text NOT NULL,
	"start_at" timestamp (6) with time zone NOT NULL,
	"end_at" timestamp (6) with time zone NOT NULL,
	"outcome" text NOT NULL,
	"hop_count" integer NOT NULL,
	"hops" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "trace_hops_trace_idx" ON "trace_hops" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "trace_hops_robot_start_idx" ON "trace_hops" USING btree ("robot_id","start_at");--> statement-breakpoint
CREATE INDEX "trace_hops_start_idx" ON "trace_hops" USING btree ("start_at");