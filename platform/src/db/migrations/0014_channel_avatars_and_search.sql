-- Channel avatars (a new id per upload names its stored renditions) and channel search: the
-- generated vector serves Postgres full-text search; search_indexed_at lets the index role send
-- changed channels to OpenSearch.
ALTER TABLE "channels" ADD COLUMN "avatar_id" uuid;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "search_indexed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, handle), 'A') || setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, description), 'C')) STORED;--> statement-breakpoint
CREATE INDEX "channels_search_idx" ON "channels" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "channels_search_unindexed_idx" ON "channels" USING btree ("updated_at") WHERE search_indexed_at is distinct from updated_at;