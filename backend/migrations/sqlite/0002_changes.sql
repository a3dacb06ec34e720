-- Changes the studio committed to git, and attempts to merge them. Times are Unix
-- milliseconds; an absent branch, commit or detail is the empty string.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_ms BIGINT NOT NULL,
    author TEXT NOT NULL,
    title TEXT NOT NULL,
    message TEXT NOT NULL,
    base_branch TEXT NOT NULL,
    base_commit TEXT NOT NULL,
    -- pending (being written), open (on its branch), merged, or failed (see detail).
    status TEXT NOT NULL,
    branch TEXT NOT NULL,
    commit_id TEXT NOT NULL,
    -- The changed paths, one per line.
    paths TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX changes_created ON changes (created_ms);

CREATE TABLE merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id BIGINT NOT NULL REFERENCES changes (id),
    at_ms BIGINT NOT NULL,
    author TEXT NOT NULL,
    -- fast_forward, merge_commit, or refused (see detail).
    result TEXT NOT NULL,
    -- The base branch's head after the merge.
    commit_id TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX merges_change ON merges (change_id);
