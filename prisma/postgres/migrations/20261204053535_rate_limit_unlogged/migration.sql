-- PostgreSQL only: rate_limit_unlogged (added with --postgres-sql: the Prisma schema cannot express it)
-- Rate-limit counters are worth nothing after a crash (an allowance starts again), so they are
-- not written to the write-ahead log: no log flush for every signature's spent point, and no
-- record in the log of when each account spent one (docs/decisions/037).
ALTER TABLE "RateLimit" SET UNLOGGED;
