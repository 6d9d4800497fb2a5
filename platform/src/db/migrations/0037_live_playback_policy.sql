-- Signed live playback: a `signed` stream's manifest, playlists and media need a playback token
-- (or the `st` Reel put on the URIs it served), as a signed video's do.
ALTER TABLE "live_streams" ADD COLUMN "playback_policy" text DEFAULT 'public' NOT NULL;
--> statement-breakpoint
ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_playback_policy_check" CHECK ("playback_policy" IN ('public', 'signed'));
