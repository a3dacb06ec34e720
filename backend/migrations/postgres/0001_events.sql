-- What happened in the studio, for people to audit: server starts, and later changes,
-- merges and deploys. Times are Unix milliseconds.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX events_at ON events (at_ms);
