-- A takedown keeps why and the status to give back on restore beside the video (its status is
-- `taken_down`, a plain text value like the others).
ALTER TABLE "videos" ADD COLUMN "takedown_reason" text;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "takedown_notice" text;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "taken_down_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "status_before_takedown" text;
