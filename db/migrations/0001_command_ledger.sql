CREATE TABLE "command_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"command_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "commands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"robot_id" integer NOT NULL,
	"type" text NOT NULL,
	"params" jsonb NOT NULL,
	"idempotency_key" text,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"ttl_ms" integer NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"queued_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"running_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"trace_id" text NOT NULL,
	"action_id" text,
	"order_id" text,
	"batch_id" uuid,
	"parent_id" uuid,
	"wire" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "command_events" ADD CONSTRAINT "command_events_command_id_commands_id_fk" FOREIGN KEY ("command_id") REFERENCES "public"."commands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commands" ADD CONSTRAINT "commands_robot_id_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."robots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "command_events_command_idx" ON "command_events" USING btree ("command_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "commands_idempotency_key_uq" ON "commands" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "commands_seq_uq" ON "commands" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "commands_robot_seq_idx" ON "commands" USING btree ("robot_id","seq");--> statement-breakpoint
CREATE INDEX "commands_open_idx" ON "commands" USING btree ("status") WHERE status in ('requested', 'queued', 'dispatched', 'acknowledged', 'running');