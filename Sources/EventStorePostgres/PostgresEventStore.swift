import EventStore
import Foundation
import PostgresNIO

/// The shared event store: one PostgreSQL database that several server processes write at once.
///
/// An append is one transaction that first locks its stream's row in `streams`
/// (`SELECT ... FOR UPDATE`), so appends to one stream are serialised across every process and
/// connection, while appends to different streams go on in parallel. Unique constraints on
/// `(stream, sequence)` and `event_id` back the lock up. Commits are synchronous (the connections
/// ask for `synchronous_commit = on`), so an append that returns is on disk.
///
/// Each append also sends `NOTIFY cocreate_events, '<version> <stream>'`, delivered on commit.
/// One dedicated connection per store listens for them and feeds ``changes``, so a subscriber in
/// one process sees what another process appends.
///
/// The store needs ``run()`` to be running (it drives the connection pool, the migrations and the
/// listener); calls made before the schema is migrated wait for it. For tests and one-shot
/// commands, ``withPostgresEventStore(url:options:_:)`` does all of that around a closure.
public final class PostgresEventStore: EventStore, KeyValueStore, Sendable {
    /// Tuning knobs; the defaults suit a server.
    public struct Options: Sendable {
        /// The most connections the pool opens (the listener's own connection is extra).
        public var maximumConnections = 20
        /// How often the listener checks that its connection is alive. A silently dead connection
        /// would otherwise leave the store deaf to other processes' appends.
        public var listenerHeartbeat: Duration = .seconds(30)
        /// How long the listener waits before reconnecting, doubled per failure up to 30 seconds.
        public var reconnectDelay: Duration = .milliseconds(250)
        /// Shown in `pg_stat_activity.application_name`; the listener adds `-listener`.
        public var applicationName = "cocreate"
        public init() {}
    }

    /// The channel every instance notifies and listens on.
    static let notificationChannel = "cocreate_events"

    public let changes = StreamChangeBroadcaster()
    /// The database, for messages (its description hides the password).
    public let url: PostgresURL
    let options: Options
    let logger: Logger
    let client: PostgresClient
    let ready = ReadinessGate()
    private let hasRun = Mutex(false)

    /// Prepares a store for `url`; nothing connects until ``run()`` is called.
    public init(url: PostgresURL, options: Options = Options(), logger: Logger = Logger(label: "cocreate.postgres")) {
        self.url = url
        self.options = options
        self.logger = logger
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: url.clientTLS)
        configuration.options.maximumConnections = options.maximumConnections
        configuration.options.additionalStartupParameters = Self.startupParameters(applicationName: options.applicationName)
        // The pool logs every failed connection attempt at info level, and the reason reaches the
        // caller as a query error anyway; keep its background chatter to warnings and above.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .warning)
        client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
    }

    /// Parses `url` (see ``PostgresURL``) and prepares a store for it.
    public convenience init(url: String, options: Options = Options(), logger: Logger = Logger(label: "cocreate.postgres")) throws {
        do {
            self.init(url: try PostgresURL(url), options: options, logger: logger)
        } catch {
            throw EventStoreError.storage("bad PostgreSQL URL: \(error)")
        }
    }

    /// Settings every connection asks for when it starts, costing no extra round trip.
    static func startupParameters(applicationName: String) -> [(String, String)] {
        // Durability must not depend on how the server or database happens to be configured.
        [("application_name", applicationName), ("synchronous_commit", "on")]
    }

    /// Runs the store until the calling task is cancelled: the connection pool, then the schema
    /// migrations, then the listener that feeds ``changes``.
    ///
    /// Throws if the migrations fail (the database is unreachable, the credentials are wrong);
    /// calls waiting for the store then fail with the same error. Call it once per store.
    public func run() async throws {
        let alreadyRan = hasRun.withLock { ran in defer { ran = true }; return ran }
        precondition(!alreadyRan, "PostgresEventStore.run() is called once per store")
        defer { changes.finishAll() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            do {
                // Its own connection, not the pool's: the pool retries a failing connection
                // forever, while this fails at once with the reason (refused, bad password…).
                let connection = try await connect(purpose: "migrations")
                let applied: [String]
                do {
                    applied = try await PostgresSchema.migrate(on: connection, logger: logger)
                    try? await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
                if !applied.isEmpty { logger.info("migrated \(url): \(applied.joined(separator: ", "))") }
                ready.open()
            } catch {
                let failure = EventStoreError.storage("cannot prepare the database \(url): \(Self.describe(error))")
                ready.fail(failure)
                throw failure
            }
            group.addTask { await self.listenForChanges() }
            try await group.waitForAll()
        }
    }

    /// Returns once the schema is migrated and the store can be used; throws if it cannot be.
    public func waitUntilReady() async throws {
        try await ready.wait()
    }

    // MARK: EventStore

    public func append(_ events: [NewEvent], to stream: String, expected: ExpectedVersion) async throws -> AppendResult {
        guard let first = events.first else { throw EventStoreError.emptyAppend }
        let ids = events.map(\.id)
        if Set(ids).count != ids.count { throw EventStoreError.eventIDConflict(first.id) }
        let expectedVersion: Int64? = switch expected {
        case .any: nil
        case .noStream: 0
        case .exactly(let version): version
        }
        let types = events.map(\.type)
        let payloads = events.map { ByteBuffer(bytes: $0.payload) }
        let recordedAts = events.map(\.recordedAt)
        let result = try await query { client in
            do {
                // cocreate_append (migration 3) locks, checks, inserts and notifies in one statement, one transaction.
                let rows = try await client.query(
                    """
                    SELECT first_sequence, last_sequence, was_retry FROM cocreate_append(
                        \(stream), \(expectedVersion), \(ids)::uuid[], \(types)::text[], \(payloads)::bytea[], \(recordedAts)::bigint[])
                    """, logger: self.logger)
                // Read the one row to the end of the result, so the pooled connection is left idle and clean.
                var result: AppendResult?
                for try await (first, last, wasRetry) in rows.decode((Int64, Int64, Bool).self) {
                    result = AppendResult(sequences: first...last, wasRetry: wasRetry)
                }
                guard let result else { throw EventStoreError.storage("cocreate_append returned no row") }
                return result
            } catch let error as PSQLError {
                throw Self.appendError(error, stream: stream, expected: expected, ids: ids)
            }
        }
        // Our own listeners hear it at once; the NOTIFY echo that follows is ignored by them.
        if !result.wasRetry { changes.publish(stream: stream, version: result.sequences.upperBound) }
        return result
    }

    /// Turns the errors `cocreate_append` raises into the store's own: SQLSTATE CC001 (wrong expected
    /// version, the actual one in DETAIL), CC002 (ids already used, one in DETAIL), or a unique violation
    /// when another stream took an id in a transaction that committed after the check.
    private static func appendError(_ error: PSQLError, stream: String, expected: ExpectedVersion, ids: [UUID]) -> any Error {
        let detail = error.serverInfo?[.detail] ?? ""
        switch error.serverInfo?[.sqlState] {
        case "CC001":
            return EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: Int64(detail) ?? -1)
        case "CC002":
            return EventStoreError.eventIDConflict(UUID(uuidString: detail) ?? ids[0])
        case "23505" where error.serverInfo?[.constraintName] == "events_event_id_key":
            return EventStoreError.eventIDConflict(conflictingID(in: error) ?? ids[0])
        default:
            return error
        }
    }

    /// The id in a unique violation's detail, `Key (event_id)=(…) already exists.`
    private static func conflictingID(in error: PSQLError) -> UUID? {
        guard let detail = error.serverInfo?[.detail],
              let open = detail.range(of: ")=("),
              let close = detail[open.upperBound...].firstIndex(of: ")")
        else { return nil }
        return UUID(uuidString: String(detail[open.upperBound..<close]))
    }

    public func read(_ stream: String, after: Int64, limit: Int) async throws -> [RecordedEvent] {
        try await fetch(
            """
            SELECT stream, sequence, event_id, type, payload, recorded_at FROM events
            WHERE stream = \(stream) AND sequence > \(after) ORDER BY sequence LIMIT \(Int64(max(0, limit)))
            """)
    }

    public func event(withID id: UUID) async throws -> RecordedEvent? {
        try await fetch(
            "SELECT stream, sequence, event_id, type, payload, recorded_at FROM events WHERE event_id = \(id)"
        ).first
    }

    public func version(of stream: String) async throws -> Int64 {
        try await query { client in
            let rows = try await client.query("SELECT version FROM streams WHERE name = \(stream)", logger: self.logger)
            for try await version in rows.decode(Int64.self) { return version }
            return 0
        }
    }

    public func streams() async throws -> [StreamSummary] {
        try await query { client in
            // The identity column gives creation order; version 0 rows exist only inside appends
            // that have not committed, and are never visible here, but the filter states the intent.
            let rows = try await client.query(
                "SELECT name, version FROM streams WHERE version > 0 ORDER BY id", logger: self.logger)
            var summaries: [StreamSummary] = []
            for try await (name, version) in rows.decode((String, Int64).self) {
                summaries.append(StreamSummary(stream: name, version: version))
            }
            return summaries
        }
    }

    private func fetch(_ sql: PostgresQuery) async throws -> [RecordedEvent] {
        try await query { client in
            let rows = try await client.query(sql, logger: self.logger)
            var events: [RecordedEvent] = []
            for try await (stream, sequence, id, type, payload, recordedAt)
                in rows.decode((String, Int64, UUID, String, Data, Int64).self) {
                events.append(RecordedEvent(
                    stream: stream, sequence: sequence, id: id, type: type, payload: payload, recordedAt: recordedAt))
            }
            return events
        }
    }

    // MARK: Plumbing

    /// Runs `body` on the pool once the schema is ready, reporting failures as `EventStoreError`.
    func query<T: Sendable>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        try await ready.wait()
        do {
            return try await body(client)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in a transaction once the schema is ready; an `EventStoreError` thrown by
    /// `body` rolls back and reaches the caller unchanged.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await ready.wait()
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw Self.storeError(error)
        }
    }

    static func storeError(_ error: any Error) -> any Error {
        if let transactionError = error as? PostgresTransactionError,
           let inner = transactionError.closureError ?? transactionError.beginError ?? transactionError.commitError {
            return storeError(inner)
        }
        if error is EventStoreError || error is CancellationError { return error }
        return EventStoreError.storage(describe(error))
    }

    /// PSQLError's `description` hides the server's message; its debug description carries it.
    static func describe(_ error: any Error) -> String {
        if let transactionError = error as? PostgresTransactionError,
           let inner = transactionError.closureError ?? transactionError.beginError ?? transactionError.commitError {
            return describe(inner)
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return String(reflecting: error)
    }
}

/// Runs a store for `url` around `body`: starts it, waits until the schema is migrated, calls
/// `body`, then shuts the store down. For tests and one-shot commands; a server runs ``PostgresEventStore/run()`` itself.
public func withPostgresEventStore<Result: Sendable>(
    url: String,
    options: PostgresEventStore.Options = PostgresEventStore.Options(),
    _ body: (PostgresEventStore) async throws -> Result
) async throws -> Result {
    let store = try PostgresEventStore(url: url, options: options)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        defer { group.cancelAll() }
        try await store.waitUntilReady()
        return try await body(store)
    }
}
