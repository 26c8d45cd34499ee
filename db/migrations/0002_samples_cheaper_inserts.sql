ALTER TABLE "robot_samples" DROP CONSTRAINT "robot_samples_robot_id_robots_id_fk";
--> statement-breakpoint
DROP INDEX "robot_samples_ts_idx";--> statement-breakpoint
CREATE INDEX "robot_samples_ts_brin" ON "robot_samples" USING brin ("ts");