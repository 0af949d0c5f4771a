-- Anju schema, version 19: server-side sessions. A session token names its session (the JWT's
-- jti); a request is accepted only while the row exists, so that logging out (the row is
-- deleted), disabling a user or resetting their password (all their rows are deleted) ends a
-- token at once instead of at its expiry. Expired rows are removed by the platform.
CREATE TABLE user_sessions (
    id              uuid PRIMARY KEY,
    username        text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    -- where the log-in came from (the TCP peer address of the request)
    source_address  text
);
CREATE INDEX user_sessions_username_idx ON user_sessions (username);
CREATE INDEX user_sessions_expires_idx ON user_sessions (expires_at);
