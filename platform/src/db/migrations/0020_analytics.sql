-- Analytics (docs/analytics.md). A session row holds every report of one playback, so its
-- figures can be read again whatever order its reports come in; the rollups add what each
-- session adds (a session read again takes back what it added before). Retention deletes by
-- the time index: sessions and hourly rollups 90 days, daily rollups 2 years.
CREATE TABLE "analytics_sessions" (
	"tenant_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"video_id" uuid NOT NULL,
	"channel_id" uuid,
	"viewer_key" text NOT NULL,
	"country" text DEFAULT '' NOT NULL,
	"device" text DEFAULT '' NOT NULL,
	"browser" text DEFAULT '' NOT NULL,
	"os" text DEFAULT '' NOT NULL,
	"referrer" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"watch_time_sec" double precision DEFAULT 0 NOT NULL,
	"engaged" boolean DEFAULT false NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"covered" text NOT NULL,
	"reports" jsonb NOT NULL,
	CONSTRAINT "analytics_sessions_tenant_id_session_id_pk" PRIMARY KEY("tenant_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_hourly" (
	"tenant_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"country" text NOT NULL,
	"device" text NOT NULL,
	"browser" text NOT NULL,
	"os" text NOT NULL,
	"referrer" text NOT NULL,
	"channel_id" uuid,
	"views" integer DEFAULT 0 NOT NULL,
	"engaged_views" integer DEFAULT 0 NOT NULL,
	"completed_views" integer DEFAULT 0 NOT NULL,
	"watch_time_sec" double precision DEFAULT 0 NOT NULL,
	"retention" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "analytics_hourly_pk" PRIMARY KEY("tenant_id","video_id","bucket","country","device","browser","os","referrer")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"tenant_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"country" text NOT NULL,
	"device" text NOT NULL,
	"browser" text NOT NULL,
	"os" text NOT NULL,
	"referrer" text NOT NULL,
	"channel_id" uuid,
	"views" integer DEFAULT 0 NOT NULL,
	"engaged_views" integer DEFAULT 0 NOT NULL,
	"completed_views" integer DEFAULT 0 NOT NULL,
	"watch_time_sec" double precision DEFAULT 0 NOT NULL,
	"retention" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "analytics_daily_pk" PRIMARY KEY("tenant_id","video_id","bucket","country","device","browser","os","referrer")
);
--> statement-breakpoint
CREATE TABLE "analytics_tenant_hourly" (
	"tenant_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"country" text NOT NULL,
	"device" text NOT NULL,
	"browser" text NOT NULL,
	"os" text NOT NULL,
	"referrer" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"engaged_views" integer DEFAULT 0 NOT NULL,
	"completed_views" integer DEFAULT 0 NOT NULL,
	"watch_time_sec" double precision DEFAULT 0 NOT NULL,
	"retention" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "analytics_tenant_hourly_pk" PRIMARY KEY("tenant_id","bucket","country","device","browser","os","referrer")
);
--> statement-breakpoint
CREATE TABLE "analytics_tenant_daily" (
	"tenant_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"country" text NOT NULL,
	"device" text NOT NULL,
	"browser" text NOT NULL,
	"os" text NOT NULL,
	"referrer" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"engaged_views" integer DEFAULT 0 NOT NULL,
	"completed_views" integer DEFAULT 0 NOT NULL,
	"watch_time_sec" double precision DEFAULT 0 NOT NULL,
	"retention" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "analytics_tenant_daily_pk" PRIMARY KEY("tenant_id","bucket","country","device","browser","os","referrer")
);
--> statement-breakpoint
CREATE INDEX "analytics_tenant_hourly_bucket_idx" ON "analytics_tenant_hourly" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "analytics_tenant_daily_bucket_idx" ON "analytics_tenant_daily" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "analytics_sessions_video_idx" ON "analytics_sessions" USING btree ("tenant_id","video_id","started_at");--> statement-breakpoint
CREATE INDEX "analytics_sessions_channel_idx" ON "analytics_sessions" USING btree ("tenant_id","channel_id","started_at");--> statement-breakpoint
CREATE INDEX "analytics_sessions_tenant_idx" ON "analytics_sessions" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "analytics_sessions_started_idx" ON "analytics_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "analytics_hourly_channel_idx" ON "analytics_hourly" USING btree ("tenant_id","channel_id","bucket");--> statement-breakpoint
CREATE INDEX "analytics_hourly_tenant_idx" ON "analytics_hourly" USING btree ("tenant_id","bucket");--> statement-breakpoint
CREATE INDEX "analytics_hourly_bucket_idx" ON "analytics_hourly" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "analytics_daily_channel_idx" ON "analytics_daily" USING btree ("tenant_id","channel_id","bucket");--> statement-breakpoint
CREATE INDEX "analytics_daily_tenant_idx" ON "analytics_daily" USING btree ("tenant_id","bucket");--> statement-breakpoint
CREATE INDEX "analytics_daily_bucket_idx" ON "analytics_daily" USING btree ("bucket");--> statement-breakpoint
-- Tenant-scoped like every viewers' table (0012).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analytics_sessions', 'analytics_hourly', 'analytics_daily',
    'analytics_tenant_hourly', 'analytics_tenant_daily']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_rows ON %I TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant())', t);
    EXECUTE format('CREATE POLICY owner_rows ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
