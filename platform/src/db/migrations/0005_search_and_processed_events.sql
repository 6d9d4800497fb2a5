CREATE TABLE "processed_events" (
	"group_name" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_group_name_event_id_pk" PRIMARY KEY("group_name","event_id")
);
--> statement-breakpoint
ALTER TABLE "videos" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(jsonb_to_tsvector('simple'::regconfig, tags, '["string"]'), 'B') || setweight(to_tsvector('simple'::regconfig, description), 'C')) STORED;--> statement-breakpoint
CREATE INDEX "processed_events_at_idx" ON "processed_events" USING btree ("processed_at");--> statement-breakpoint
CREATE INDEX "videos_search_idx" ON "videos" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "videos_searchable_idx" ON "videos" USING btree ("tenant_id","published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE status = 'ready' and visibility = 'public' and deleted_at is null;