-- robots.last_seen_at is updated every 2 s per robot, and a row carries its ~1.2 KB factsheet: at the default
-- fillfactor the new version rarely fits on the same page, so every update left a dead row on a new page (PGlite has
-- no autovacuum): 2.8 MB per robot-hour, seven times the whole history budget (npm run bench -- --only storage).
-- Half-empty pages keep the update on its page (a HOT update) and the dead version is pruned in place.
ALTER TABLE "robots" SET (fillfactor = 50);
