-- The W3C trace context of the span that wrote each event or delivery, so the span that
-- handles it joins the same trace. Null when tracing is off.
ALTER TABLE "outbox" ADD COLUMN "trace_context" jsonb;
--> statement-breakpoint
ALTER TABLE "queue_jobs" ADD COLUMN "trace_context" jsonb;
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "trace_context" jsonb;
