-- Per video: which progressive MP4 downloads to make (Mux static renditions).
ALTER TABLE "videos" ADD COLUMN "mp4_support" text DEFAULT 'none' NOT NULL;
--> statement-breakpoint
-- The MP4 downloads made of a video, each remuxed from its stored segments under `object_key`.
CREATE TABLE "video_downloads" (
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"video_id" uuid NOT NULL REFERENCES "videos"("id") ON DELETE CASCADE,
	"name" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size_bytes" bigint NOT NULL,
	"object_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("video_id", "name")
);
--> statement-breakpoint
ALTER TABLE "video_downloads" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "video_downloads" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "video_downloads" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON video_downloads TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
