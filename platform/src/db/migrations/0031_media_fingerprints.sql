-- Perceptual fingerprints: every transcoded video's frame hashes (FINGERPRINT_FPS a second), and
-- a blocklist entry made from a video carries a copy of its hashes, so re-encoded, resized or
-- trimmed copies of it fail with `blocked_content` after transcoding.
CREATE TABLE "video_fingerprints" (
	"video_id" uuid PRIMARY KEY NOT NULL REFERENCES "videos"("id") ON DELETE CASCADE,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"frame_hashes" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "video_fingerprints" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "video_fingerprints" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "video_fingerprints" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON video_fingerprints TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
--> statement-breakpoint
-- The video an entry was made from (no foreign key: the entry outlives the video it copied).
ALTER TABLE "blocked_media" ADD COLUMN "video_id" uuid;
--> statement-breakpoint
ALTER TABLE "blocked_media" ADD COLUMN "frame_hashes" bytea;
--> statement-breakpoint
CREATE INDEX "blocked_media_fingerprinted_idx" ON "blocked_media" USING btree ("tenant_id") WHERE frame_hashes IS NOT NULL;
