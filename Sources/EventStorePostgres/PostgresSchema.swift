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
