CREATE TABLE "robots" (
	"id" serial PRIMARY KEY NOT NULL,
	"manufacturer" text NOT NULL,
	"serial_number" text NOT NULL,
	"name" text NOT NULL,
	"protocol_version" text,
	"factsheet" jsonb,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "robot_samples" (
	"robot_id" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"source" smallint NOT NULL,
	"header_id" integer NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"theta" real NOT NULL,
	"map_id" text NOT NULL,
	"velocity" real,
	"battery" real,
	"driving" boolean,
	"paused" boolean,
	"operating_mode" text
);
--> statement-breakpoint
CREATE TABLE "robot_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"robot_id" integer NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warehouse_maps" (
	"id" text PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "robot_samples" ADD CONSTRAINT "robot_samples_robot_id_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."robots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "robot_events" ADD CONSTRAINT "robot_events_robot_id_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."robots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "robots_identity_uq" ON "robots" USING btree ("manufacturer","serial_number");--> statement-breakpoint
CREATE INDEX "robot_samples_robot_ts_idx" ON "robot_samples" USING btree ("robot_id","ts");--> statement-breakpoint
CREATE INDEX "robot_samples_ts_idx" ON "robot_samples" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "robot_events_robot_ts_idx" ON "robot_events" USING btree ("robot_id","ts");