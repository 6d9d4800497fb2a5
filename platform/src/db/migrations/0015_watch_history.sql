CREATE TABLE "watch_history" (
	"tenant_id" uuid NOT NULL,
	"viewer_id" text NOT NULL,
	"video_id" uuid NOT NULL,
	"position_sec" real DEFAULT 0 NOT NULL,
	"finished" boolean DEFAULT false NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"session_id" text,
	"seq" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_history_tenant_id_viewer_id_video_id_pk" PRIMARY KEY("tenant_id","viewer_id","video_id")
);
--> statement-breakpoint
CREATE TABLE "watch_history_settings" (
	"tenant_id" uuid NOT NULL,
	"viewer_id" text NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"cleared_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_history_settings_tenant_id_viewer_id_pk" PRIMARY KEY("tenant_id","viewer_id")
);
--> statement-breakpoint
ALTER TABLE "watch_history" ADD CONSTRAINT "watch_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_history" ADD CONSTRAINT "watch_history_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_history_settings" ADD CONSTRAINT "watch_history_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_history_viewer_idx" ON "watch_history" USING btree ("tenant_id","viewer_id","updated_at" DESC NULLS LAST,"video_id" DESC NULLS LAST) WHERE not removed;--> statement-breakpoint
-- History is the viewers' own: the same row-level security as the other viewers' tables (0012).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['watch_history', 'watch_history_settings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_rows ON %I TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant())', t);
    EXECUTE format('CREATE POLICY owner_rows ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
