-- The operator's limits per tenant ({"videos": 100, ...}); a missing key means no limit.
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS quotas jsonb NOT NULL DEFAULT '{}'::jsonb;
