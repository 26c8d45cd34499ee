CREATE TABLE "telemetry_slices" (
	"robot_id" integer NOT NULL,
	"tier" smallint NOT NULL,
	"start_at" timestamp (3) with time zone NOT NULL,
	"end_at" timestamp (3) with time zone NOT NULL,
	"n" integer NOT NULL,
	"snapshot" jsonb,
	"data" bytea NOT NULL,
	CONSTRAINT "telemetry_slices_robot_id_tier_start_at_pk" PRIMARY KEY("robot_id","tier","start_at")
);
--> statement-breakpoint
-- data is deflated by the slice codec already: never spend a pglz attempt on it (EXTERNAL), and keep rows inline up
-- to a full page (toast_tuple_target) so a slice is one heap fetch and no TOAST chunk, pointer and index entry.
ALTER TABLE "telemetry_slices" ALTER COLUMN "data" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "telemetry_slices" SET (toast_tuple_target = 8160);--> statement-breakpoint
DROP TABLE "robot_samples" CASCADE;--> statement-breakpoint
CREATE INDEX "telemetry_slices_start_brin" ON "telemetry_slices" USING brin ("start_at") WITH (autosummarize=true);--> statement-breakpoint
CREATE INDEX "robot_events_ts_brin" ON "robot_events" USING brin ("ts") WITH (autosummarize=true);