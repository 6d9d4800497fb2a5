-- Blocklists of media by exact SHA-256: an upload whose bytes match fails with `blocked_content`
-- at complete. A row is a tenant's, or the operator's for every tenant (`tenant_id` null). One
-- entry per hash per list.
CREATE TABLE "blocked_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid REFERENCES "tenants"("id"),
	"sha256" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "blocked_media_tenant_sha256_idx" ON "blocked_media" USING btree ("tenant_id","sha256");
--> statement-breakpoint
CREATE UNIQUE INDEX "blocked_media_operator_sha256_idx" ON "blocked_media" USING btree ("sha256") WHERE tenant_id IS NULL;
--> statement-breakpoint
CREATE INDEX "blocked_media_tenant_created_idx" ON "blocked_media" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);
--> statement-breakpoint
ALTER TABLE "blocked_media" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "blocked_media" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_rows ON "blocked_media" TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant());
--> statement-breakpoint
-- Every tenant's uploads are checked against the operator's list, which only the operator writes.
CREATE POLICY operator_rows_read ON "blocked_media" FOR SELECT TO reel_app USING (tenant_id IS NULL);
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_rows ON blocked_media TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
