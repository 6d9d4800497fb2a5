-- Row-level security: a second wall under the tenant-scoped queries. Requests run as the role
-- reel_app (not the tables' owner) with reel.tenant_id set for their connection, so a query
-- that forgets its tenant filter still sees only that tenant's rows. The owner keeps full
-- access for workers, playback and authentication, which are not tenant requests.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reel_app') THEN
    CREATE ROLE reel_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
--> statement-breakpoint
GRANT reel_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO reel_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reel_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reel_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO reel_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO reel_app;
--> statement-breakpoint
CREATE FUNCTION reel_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('reel.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['videos', 'uploads', 'api_keys', 'signing_keys', 'webhook_endpoints',
    'webhook_deliveries', 'idempotency_keys', 'outbox']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_rows ON %I TO reel_app USING (tenant_id = reel_current_tenant()) WITH CHECK (tenant_id = reel_current_tenant())', t);
    EXECUTE format('CREATE POLICY owner_rows ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
  -- Rows that belong to a video or a delivery follow their parent's tenant.
  FOREACH t IN ARRAY ARRAY['video_renditions', 'thumbnails']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_rows ON %I TO reel_app USING (EXISTS (SELECT 1 FROM videos v WHERE v.id = video_id))', t);
    EXECUTE format('CREATE POLICY owner_rows ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
  ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
  ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_rows ON webhook_attempts TO reel_app
    USING (EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = delivery_id));
  EXECUTE format('CREATE POLICY owner_rows ON webhook_attempts TO %I USING (true) WITH CHECK (true)', current_user);
  ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
  ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_rows ON tenants TO reel_app USING (id = reel_current_tenant());
  EXECUTE format('CREATE POLICY owner_rows ON tenants TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
