-- A transaction that NOTIFYs takes a database-wide lock at commit, and each NOTIFY woke the
-- relay and then every consumer for one event: a like cost five commits. The counting topics
-- (events.*: likes, comment counts, subscriptions, playback reports) come by the thousand and
-- wake nobody now; the relay takes them in batches on its next poll (a quarter second). Every
-- other event still wakes the relay at once. Identical notifications of one transaction fold
-- into one, so a row trigger costs no more than the statement trigger it replaces.
DROP TRIGGER IF EXISTS outbox_notify ON outbox;
--> statement-breakpoint
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH ROW
  WHEN (NEW.topic NOT LIKE 'events.%')
  EXECUTE FUNCTION reel_notify_outbox();
