CREATE TABLE "zone_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"robot_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"resource" text NOT NULL,
	"request_id" text NOT NULL,
	"request_type" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"lease_expiry" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "zone_requests" ADD CONSTRAINT "zone_requests_robot_id_robots_id_fk" FOREIGN KEY ("robot_id") REFERENCES "public"."robots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "zone_requests_robot_at_idx" ON "zone_requests" USING btree ("robot_id","at");--> statement-breakpoint
CREATE INDEX "zone_requests_resource_at_idx" ON "zone_requests" USING btree ("kind","resource","at");--> statement-breakpoint
CREATE INDEX "zone_requests_at_brin" ON "zone_requests" USING brin ("at") WITH (autosummarize=true);