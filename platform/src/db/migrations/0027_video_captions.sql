-- Caption tracks of a video: each stored as WebVTT in the object store (`object_key`), listed in
-- the video's HLS manifest as a SUBTITLES track. At most one default track per video.
CREATE TABLE "video_captions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"video_id" uuid NOT NULL REFERENCES "videos"("id") ON DELETE CASCADE,
	"language" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"source_format" text NOT NULL,
	"cue_count" integer NOT NULL,
	"duration_sec" double precision NOT NULL,
	"object_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "video_captions_video_created_idx" ON "video_captions" USING btree ("video_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
CREATE UNIQUE INDEX "video_captions_one_default_idx" ON "video_captions" USING btree ("video_id") WHERE is_default;
--> statement-breakpoint
ALTER TABLE "video_captions" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "video_captions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "video_captions" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON video_captions TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
