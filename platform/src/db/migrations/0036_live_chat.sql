-- Live chat: viewers' messages on a live stream, in posting order (`seq`), each with its offset
-- into the stream's session (`at_sec`); once the session is recorded, the messages name its
-- video and their offset into it, so the video replays them in step. A deleted message keeps
-- its row (so a stream catching up skips it) but leaves every list.
CREATE TABLE "live_chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"live_stream_id" uuid NOT NULL REFERENCES "live_streams"("id") ON DELETE CASCADE,
	"viewer_id" text NOT NULL,
	"text" text NOT NULL,
	"at_sec" double precision,
	"recording_video_id" uuid REFERENCES "videos"("id") ON DELETE SET NULL,
	"recording_at_sec" double precision,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "live_chat_messages_stream_seq_idx" ON "live_chat_messages" USING btree ("live_stream_id","seq");
--> statement-breakpoint
CREATE INDEX "live_chat_messages_recording_idx" ON "live_chat_messages" USING btree ("recording_video_id","seq");
--> statement-breakpoint
CREATE INDEX "live_chat_messages_viewer_idx" ON "live_chat_messages" USING btree ("tenant_id","viewer_id");
--> statement-breakpoint
ALTER TABLE "live_streams" ADD COLUMN "session_started_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "live_chat_messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "live_chat_messages" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "live_chat_messages" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON live_chat_messages TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
