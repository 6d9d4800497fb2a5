CREATE TABLE "video_stages" (
	"tenant_id" uuid NOT NULL,
	"video_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"progress" real,
	"speed" real,
	"detail" jsonb,
	CONSTRAINT "video_stages_video_id_stage_pk" PRIMARY KEY("video_id","stage")
);
--> statement-breakpoint
ALTER TABLE "video_stages" ADD CONSTRAINT "video_stages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "video_stages" ADD CONSTRAINT "video_stages_video_id_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A tenant's stages are its own: the same row-level security as the viewers' tables (0012).
ALTER TABLE "video_stages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "video_stages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY tenant_rows ON "video_stages" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON video_stages TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
