CREATE TABLE "alert_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"url" text NOT NULL,
	"body" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"rule_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"severity" text NOT NULL,
	"threshold" double precision,
	"critical_threshold" double precision,
	"for_sec" integer NOT NULL,
	"clear_sec" integer NOT NULL,
	"webhook_url" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"transition" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"severity" text NOT NULL,
	"subject" text NOT NULL,
	"robot_id" integer,
	"title" text NOT NULL,
	"detail" jsonb NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolve_note" text,
	"flaps" integer DEFAULT 0 NOT NULL,
	"active" boolean NOT NULL,
	"trace_id" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_outbox" ADD CONSTRAINT "alert_outbox_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_transitions" ADD CONSTRAINT "alert_transitions_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_robot_id_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."robots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_outbox_due_idx" ON "alert_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "alert_outbox_created_idx" ON "alert_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_transitions_once_uq" ON "alert_transitions" USING btree ("alert_id","transition","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_unresolved_uq" ON "alerts" USING btree ("rule_id","subject") WHERE state <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_state_opened_idx" ON "alerts" USING btree ("state","opened_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alerts_robot_opened_idx" ON "alerts" USING btree ("robot_id","opened_at");