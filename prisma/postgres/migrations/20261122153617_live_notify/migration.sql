-- PostgreSQL only: live_notify (added with --postgres-sql: the Prisma schema cannot express it)
-- Live updates across servers (docs/decisions/014). Every app server LISTENs on
-- "undersigned_live"; these triggers announce, when their transaction commits, each new timeline
-- event and each change of a petition's count or state. Rolled-back changes announce nothing.
CREATE FUNCTION "undersigned_live_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'TimelineEvent' THEN
    PERFORM pg_notify('undersigned_live', json_build_object('event', NEW."id")::text);
  ELSE
    PERFORM pg_notify('undersigned_live', json_build_object('petition', NEW."id", 'count', NEW."signatureCount", 'state', NEW."state")::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "TimelineEvent_live" AFTER INSERT ON "TimelineEvent"
  FOR EACH ROW EXECUTE FUNCTION "undersigned_live_notify"();

CREATE TRIGGER "Petition_live" AFTER UPDATE OF "signatureCount", "state" ON "Petition"
  FOR EACH ROW WHEN (OLD."signatureCount" IS DISTINCT FROM NEW."signatureCount" OR OLD."state" IS DISTINCT FROM NEW."state")
  EXECUTE FUNCTION "undersigned_live_notify"();
