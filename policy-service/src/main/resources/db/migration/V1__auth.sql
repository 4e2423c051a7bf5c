-- Auth: people, automation access keys, defender install tokens and the JWT signing key.
-- Every secret column holds a slow PBKDF2 hash (pbkdf2-sha256$iterations$salt$hash), never the secret.

CREATE TABLE users (
    username      text PRIMARY KEY,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'operator', 'auditor')),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE access_keys (
    id          text PRIMARY KEY,
    secret_hash text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('admin', 'operator', 'auditor')),
    description text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE install_tokens (
    id          text PRIMARY KEY,
    app_id      text        NOT NULL,
    secret_hash text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX install_tokens_app_id ON install_tokens (app_id);

-- One RS256 key pair shared by every instance; the private key is read only by the token issuer.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);
