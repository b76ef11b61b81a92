-- Data only (decision 017): signing anonymously used to follow the petition by default, so a
-- Follow row (created at the signing moment) and the Notification rows it produced tied the
-- account to the petition it signed anonymously. Remove both for every anonymous signer. A
-- follow the person added on purpose cannot be told apart from one made by signing, so it goes
-- too; they can follow again, now as a choice of its own.
DELETE FROM "Notification"
WHERE EXISTS (
  SELECT 1 FROM "Signature" s
  JOIN "TimelineEvent" e ON e."petitionId" = s."petitionId"
  WHERE s."visibility" = 'anonymous'
    AND s."userId" = "Notification"."userId"
    AND e."id" = "Notification"."eventId"
);
DELETE FROM "Follow"
WHERE "targetType" = 'petition'
  AND EXISTS (
    SELECT 1 FROM "Signature" s
    WHERE s."visibility" = 'anonymous'
      AND s."userId" = "Follow"."userId"
      AND s."petitionId" = "Follow"."targetId"
  );
