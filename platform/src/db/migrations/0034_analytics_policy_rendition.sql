-- Analytics breaks views down by the video's playback policy and the rendition the player
-- reported last (docs/analytics.md): both are rollup key columns, '' for views before this.
ALTER TABLE "analytics_sessions" ADD COLUMN "playback_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_sessions" ADD COLUMN "rendition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_hourly" ADD COLUMN "playback_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_hourly" ADD COLUMN "rendition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD COLUMN "playback_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD COLUMN "rendition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_tenant_hourly" ADD COLUMN "playback_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_tenant_hourly" ADD COLUMN "rendition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_tenant_daily" ADD COLUMN "playback_policy" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_tenant_daily" ADD COLUMN "rendition" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_hourly" DROP CONSTRAINT "analytics_hourly_pk";--> statement-breakpoint
ALTER TABLE "analytics_hourly" ADD CONSTRAINT "analytics_hourly_pk" PRIMARY KEY("tenant_id","video_id","bucket","country","device","browser","os","referrer","playback_policy","rendition");--> statement-breakpoint
ALTER TABLE "analytics_daily" DROP CONSTRAINT "analytics_daily_pk";--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_pk" PRIMARY KEY("tenant_id","video_id","bucket","country","device","browser","os","referrer","playback_policy","rendition");--> statement-breakpoint
ALTER TABLE "analytics_tenant_hourly" DROP CONSTRAINT "analytics_tenant_hourly_pk";--> statement-breakpoint
ALTER TABLE "analytics_tenant_hourly" ADD CONSTRAINT "analytics_tenant_hourly_pk" PRIMARY KEY("tenant_id","bucket","country","device","browser","os","referrer","playback_policy","rendition");--> statement-breakpoint
ALTER TABLE "analytics_tenant_daily" DROP CONSTRAINT "analytics_tenant_daily_pk";--> statement-breakpoint
ALTER TABLE "analytics_tenant_daily" ADD CONSTRAINT "analytics_tenant_daily_pk" PRIMARY KEY("tenant_id","bucket","country","device","browser","os","referrer","playback_policy","rendition");
