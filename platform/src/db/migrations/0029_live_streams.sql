-- Live streams: a publisher sends RTMP with the stream key (stored only as its sha256); the
-- status moves idle → active → idle (reconnect window) → ended, or to disabled for good.
CREATE TABLE "live_streams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"title" text NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"latency" text DEFAULT 'low' NOT NULL,
	"channel_id" uuid REFERENCES "channels"("id"),
	"stream_key_hash" text NOT NULL,
	"webhook_events" integer DEFAULT 0 NOT NULL,
	"idle_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "live_streams_stream_key_hash_idx" ON "live_streams" USING btree ("stream_key_hash");
--> statement-breakpoint
CREATE INDEX "live_streams_tenant_created_idx" ON "live_streams" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
ALTER TABLE "live_streams" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "live_streams" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "live_streams" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON live_streams TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
