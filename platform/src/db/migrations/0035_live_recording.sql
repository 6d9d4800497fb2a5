-- Recording: a stream with `record` has each ended session closed into an ordinary video, named
-- by `recording_video_id` (the latest session's); deleting that video clears it.
ALTER TABLE "live_streams" ADD COLUMN "record" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "live_streams" ADD COLUMN "recording_video_id" uuid REFERENCES "videos"("id") ON DELETE SET NULL;
