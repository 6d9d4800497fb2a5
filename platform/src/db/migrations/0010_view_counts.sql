ALTER TABLE "videos" ADD COLUMN "view_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "views_indexed" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "videos_views_unindexed_idx" ON "videos" USING btree ("id") WHERE view_count <> views_indexed;