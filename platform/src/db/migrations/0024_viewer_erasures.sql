CREATE TABLE "viewer_erasures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"viewer_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "viewer_erasures_open_idx" ON "viewer_erasures" USING btree ("tenant_id","viewer_id") WHERE status <> 'done';
--> statement-breakpoint
CREATE INDEX "viewer_erasures_viewer_idx" ON "viewer_erasures" USING btree ("tenant_id","viewer_id","requested_at" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "viewer_erasures_queue_idx" ON "viewer_erasures" USING btree ("requested_at") WHERE status <> 'done';
--> statement-breakpoint
CREATE INDEX "video_likes_viewer_idx" ON "video_likes" USING btree ("tenant_id","viewer_id");
--> statement-breakpoint
CREATE INDEX "comments_author_idx" ON "comments" USING btree ("tenant_id","author_viewer_id");
--> statement-breakpoint
CREATE INDEX "comments_reply_to_idx" ON "comments" USING btree ("tenant_id","reply_to_viewer_id") WHERE reply_to_viewer_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "reports_reporter_idx" ON "reports" USING btree ("tenant_id","reporter_viewer_id");
--> statement-breakpoint
CREATE INDEX "analytics_sessions_viewer_key_idx" ON "analytics_sessions" USING btree ("tenant_id","viewer_key");
--> statement-breakpoint
ALTER TABLE "viewer_erasures" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "viewer_erasures" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "viewer_erasures" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON viewer_erasures TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
