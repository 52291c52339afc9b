import PostgresNIO

/// The store's tables, as numbered, named migrations applied in order on start.
///
/// Applied versions are recorded in `schema_migrations`. A migration once shipped is never edited:
/// a change is a new migration at the end of the list.
enum PostgresSchema {
    struct Migration: Sendable {
        let version: Int32
        let name: String
        /// Statements run in order, inside the migration transaction.
        let statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "events and streams", statements: [
            """
            CREATE TABLE streams (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL UNIQUE,
                version bigint NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                stream text NOT NULL,
                sequence bigint NOT NULL,
                event_id uuid NOT NULL,
                type text NOT NULL,
                payload bytea NOT NULL,
                recorded_at bigint NOT NULL,
                CONSTRAINT events_stream_sequence_key UNIQUE (stream, sequence),
                CONSTRAINT events_event_id_key UNIQUE (event_id)
            )
            """,
        ]),
        Migration(version: 2, name: "key-value with expiry", statements: [
            """
            CREATE TABLE key_values (
                key text PRIMARY KEY,
                value bytea NOT NULL,
                expires_at bigint
            )
            """,
            "CREATE INDEX key_values_expires_at ON key_values (expires_at) WHERE expires_at IS NOT NULL",
        ]),
        // One round trip per append instead of six (BEGIN, lock, retry check, insert, version and
        // NOTIFY, COMMIT): under a vote burst the round trips, not the work, were the cost.
        Migration(version: 3, name: "append in one call", statements: [
            """
            CREATE FUNCTION cocreate_append(
                p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_payloads bytea[], p_recorded_at bigint[]
            ) RETURNS TABLE (first_sequence bigint, last_sequence bigint, was_retry boolean)
            LANGUAGE plpgsql AS $$
            DECLARE
                v_stream_id bigint;
                v_version bigint;
                v_found bigint;
                v_first bigint;
                v_last bigint;
                v_elsewhere uuid;
            BEGIN
                -- Locking the stream's row serialises appends to it from every instance until commit.
                SELECT id, version INTO v_stream_id, v_version FROM streams WHERE name = p_stream FOR UPDATE;
                IF NOT FOUND THEN
                    INSERT INTO streams (name, version) VALUES (p_stream, 0) ON CONFLICT (name) DO NOTHING;
                    SELECT id, version INTO v_stream_id, v_version FROM streams WHERE name = p_stream FOR UPDATE;
                END IF;
                -- A retry of an append that committed: every id already stored, in this stream.
                SELECT count(*), min(sequence), max(sequence) INTO v_found, v_first, v_last
                    FROM events WHERE event_id = ANY(p_ids);
                IF v_found > 0 THEN
                    SELECT event_id INTO v_elsewhere FROM events WHERE event_id = ANY(p_ids) AND stream <> p_stream LIMIT 1;
                    IF v_found <> cardinality(p_ids) OR v_elsewhere IS NOT NULL THEN
                        RAISE EXCEPTION 'event id conflict' USING ERRCODE = 'CC002',
                            DETAIL = coalesce(v_elsewhere, (SELECT event_id FROM events WHERE event_id = ANY(p_ids) ORDER BY sequence LIMIT 1))::text;
                    END IF;
                    RETURN QUERY SELECT v_first, v_last, true;
                    RETURN;
                END IF;
                IF p_expected IS NOT NULL AND p_expected <> v_version THEN
                    RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'CC001', DETAIL = v_version::text;
                END IF;
                INSERT INTO events (stream, sequence, event_id, type, payload, recorded_at)
                    SELECT p_stream, v_version + e.ordinality, e.event_id, e.type, e.payload, e.recorded_at
                    FROM unnest(p_ids, p_types, p_payloads, p_recorded_at) WITH ORDINALITY AS e(event_id, type, payload, recorded_at, ordinality);
                UPDATE streams SET version = v_version + cardinality(p_ids) WHERE id = v_stream_id;
                -- Delivered to listeners only if the append commits.
                PERFORM pg_notify('cocreate_events', (v_version + cardinality(p_ids))::text || ' ' || p_stream);
                RETURN QUERY SELECT v_version + 1, v_version + cardinality(p_ids), false;
            END
            $$
            """,
        ]),
    ]

    /// An arbitrary constant naming this schema's advisory lock, so that every instance starting
    /// at once waits for the first to finish migrating instead of racing it.
    static let migrationLockKey: Int64 = 0x636F_6372_6561_7465 // "cocreate" in ASCII

    /// Applies the migrations this database lacks; returns the names of those it applied.
    ///
    /// One transaction holds the advisory lock for its whole life (`pg_advisory_xact_lock`), creates
    /// `schema_migrations` if needed, and applies what is missing: a second instance blocks on the
    /// lock, then sees every migration recorded and does nothing.
    @discardableResult
    static func migrate(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied = Set<Int32>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int32.self) {
                applied.insert(version)
            }
            var names: [String] = []
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    // Fixed DDL from this file: no values are spliced in.
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                names.append(migration.name)
            }
            return names
        }
    }
}
