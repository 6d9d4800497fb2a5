-- A takedown keeps why and the status to give back on restore beside the video (its status is
-- `taken_down`, a plain text value like the others).
ALTER TABLE "videos" ADD COLUMN "takedown_reason" text;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "takedown_notice" text;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "taken_down_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "status_before_takedown" text;
--> statement-breakpoint
-- Viewers' reports on a video or a comment (`target_id` is the one reported). A viewer has at
-- most one open report per item: the partial unique index makes a repeat return the first.
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"video_id" uuid NOT NULL REFERENCES "videos"("id") ON DELETE CASCADE,
	"reporter_viewer_id" text NOT NULL,
	"reason" text NOT NULL,
	"text" text,
	"at_sec" real,
	"state" text DEFAULT 'open' NOT NULL,
	"reply" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reports_open_per_viewer_idx" ON "reports" USING btree ("tenant_id","reporter_viewer_id","target_id") WHERE state = 'open';
--> statement-breakpoint
CREATE INDEX "reports_tenant_created_idx" ON "reports" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "reports_video_idx" ON "reports" USING btree ("video_id");
--> statement-breakpoint
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "reports" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON reports TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
--> statement-breakpoint
-- Playback restrictions: a minimum age (needs a token with age_verified) and country rules
-- ({"allow": [...]} or {"deny": [...]}, ISO 3166-1 alpha-2).
ALTER TABLE "videos" ADD COLUMN "age_restriction" integer;
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "geo" jsonb;
--> statement-breakpoint
-- Every change made with an API key or the operator token, hash-chained: each row's hash covers
-- the previous row's, so an edited or deleted row breaks the chain (`reel audit verify`).
-- `changes` is stored as text so the bytes hashed are the bytes kept.
CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"operation" text NOT NULL,
	"resource" text NOT NULL,
	"changes" text NOT NULL,
	"request_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_tenant_idx" ON "audit_log" USING btree ("tenant_id","seq" DESC);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "audit_log" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON audit_log TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
--> statement-breakpoint
-- Append-only for the API's role: rows are only ever added.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM reel_app;
