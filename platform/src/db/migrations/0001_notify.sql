-- Wake the relay and the consumers as soon as a transaction commits new rows (NOTIFY is
-- transactional), so the embedded bus does not wait for its next poll.
CREATE FUNCTION reel_notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reel_outbox', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION reel_notify_outbox();
--> statement-breakpoint
CREATE FUNCTION reel_notify_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reel_jobs', NEW.group_name);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_jobs_notify AFTER INSERT ON queue_jobs FOR EACH ROW EXECUTE FUNCTION reel_notify_jobs();
