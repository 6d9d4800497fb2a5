DROP INDEX "uploads_idempotency_idx";--> statement-breakpoint
CREATE INDEX "uploads_tenant_idx" ON "uploads" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "uploads" DROP COLUMN "idempotency_key";