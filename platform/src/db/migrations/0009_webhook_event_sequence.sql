ALTER TABLE "videos" ADD COLUMN "webhook_events" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Videos made before the counter keep counting from the events they already have.
UPDATE "videos" SET "webhook_events" = (
  SELECT count(*) FROM "outbox"
   WHERE "outbox"."key" = "videos"."id"::text
     AND "outbox"."topic" IN ('video.created', 'video.upload.completed', 'video.published', 'video.failed', 'video.updated', 'video.deleted')
);
