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
/// After each append commits, the store sends `NOTIFY cocreate_events, '<version> <stream>'`
/// (``PostgresChangeNotifier``). One dedicated connection per store listens for them and feeds
/// ``changes``, so a subscriber in one process sees what another process appends.
///
/// The store needs ``run()`` to be running (it drives the connection pool, the migrations and the
/// listener); calls made before the schema is migrated wait for it. For tests and one-shot
/// commands, ``withPostgresEventStore(url:options:_:)`` does all of that around a closure.
public final class PostgresEventStore: EventStore, KeyValueStore, Sendable {
    /// Tuning knobs; the defaults suit a server.
    public struct Options: Sendable {
        /// The most connections the pool opens (the listener's own connection is extra).
        public var maximumConnections = 20
        /// How often the listener checks that its connection is alive and sweeps the stream versions. A
        /// silently dead connection would otherwise leave the store deaf to other processes' appends, and an
        /// instance that died between a commit and its notification would leave that append unannounced.
        public var listenerHeartbeat: Duration = .seconds(10)
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
    /// Tells other instances about this one's appends once they have committed.
    let notifier: PostgresChangeNotifier

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
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        self.client = client
        notifier = PostgresChangeNotifier(logger: logger) { payloads in
            let rows = try await client.query(
                "SELECT pg_notify(\(Self.notificationChannel), payload) FROM unnest(\(payloads)::text[]) AS payload", logger: logger)
            for try await _ in rows {}
        }
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
        // The usual append is one statement; only a new stream, a retry or an id race needs the transaction.
        switch try await appendInOneStatement(events, to: stream, expected: expected) {
        case .appended(let result):
            announce(stream, reached: result.sequences.upperBound)
            return result
        case .wrongVersion(let actual):
            throw EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)
        case .noStream, .idsAlreadyStored, .lostAnIDRace:
            break
        }
        let result = try await transaction { connection -> AppendResult in
            // Locking first serialises every append to this stream, from any process, so the
            // retry check and the version read below cannot be overtaken before the commit.
            let (streamID, version) = try await self.lockStream(stream, on: connection)
            if let retry = try await self.priorAttempt(ids: ids, in: stream, on: connection) { return retry }
            guard expected.admits(version) else {
                throw EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: version)
            }
            let newVersion = version + Int64(events.count)
            try await self.insert(events, into: stream, after: version, on: connection)
            try await connection.query("UPDATE streams SET version = \(newVersion) WHERE id = \(streamID)", logger: self.logger)
            return AppendResult(sequences: (version + 1)...newVersion, wasRetry: false)
        }
        if !result.wasRetry { announce(stream, reached: result.sequences.upperBound) }
        return result
    }

    /// Tells this process's listeners at once, and other instances once the NOTIFY goes out (our own listeners
    /// ignore its echo).
    private func announce(_ stream: String, reached version: Int64) {
        changes.publish(stream: stream, version: version)
        notifier.notify(stream: stream, version: version)
    }

    /// Locks the stream's row until the transaction ends, creating it (version 0) when missing.
    /// A failed append rolls the new row back, so `streams()` lists only streams with events.
    private func lockStream(_ stream: String, on connection: PostgresConnection) async throws -> (id: Int64, version: Int64) {
        func select() async throws -> (Int64, Int64)? {
            let rows = try await connection.query(
                "SELECT id, version FROM streams WHERE name = \(stream) FOR UPDATE", logger: logger)
            for try await row in rows.decode((Int64, Int64).self) { return row }
            return nil
        }
        if let row = try await select() { return row }
        try await connection.query(
            "INSERT INTO streams (name, version) VALUES (\(stream), 0) ON CONFLICT (name) DO NOTHING", logger: logger)
        guard let row = try await select() else { throw EventStoreError.storage("stream \(stream) vanished while being created") }
        return row
    }

    /// The sequences an earlier, successful attempt gave these ids, or nil when none is stored.
    private func priorAttempt(ids: [UUID], in stream: String, on connection: PostgresConnection) async throws -> AppendResult? {
        let rows = try await connection.query(
            "SELECT stream, sequence, event_id FROM events WHERE event_id = ANY(\(ids)) ORDER BY sequence",
            logger: logger)
        var stored: [(stream: String, sequence: Int64, id: UUID)] = []
        for try await row in rows.decode((String, Int64, UUID).self) { stored.append(row) }
        guard let first = stored.first else { return nil }
        guard stored.count == ids.count, stored.allSatisfy({ $0.stream == stream }), let last = stored.last else {
            throw EventStoreError.eventIDConflict(stored.first { $0.stream != stream }?.id ?? first.id)
        }
        return AppendResult(sequences: first.sequence...last.sequence, wasRetry: true)
    }

    /// Inserts the batch in one statement, whatever its size, numbering it after `version`.
    private func insert(_ events: [NewEvent], into stream: String, after version: Int64, on connection: PostgresConnection) async throws {
        let ids = events.map(\.id)
        let types = events.map(\.type)
        let payloads = events.map { ByteBuffer(bytes: $0.payload) }
        let recordedAts = events.map(\.recordedAt)
        do {
            try await connection.query(
                """
                INSERT INTO events (stream, sequence, event_id, type, payload, recorded_at)
                SELECT \(stream), \(version) + e.ordinality, e.event_id, e.type, e.payload, e.recorded_at
                FROM unnest(\(ids)::uuid[], \(types)::text[], \(payloads)::bytea[], \(recordedAts)::bigint[])
                    WITH ORDINALITY AS e(event_id, type, payload, recorded_at, ordinality)
                """, logger: logger)
        } catch let error as PSQLError where error.serverInfo?[.constraintName] == "events_event_id_key" {
            // Another stream took one of these ids in a transaction that committed after our check.
            throw EventStoreError.eventIDConflict(Self.conflictingID(in: error) ?? ids[0])
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
        try await query { client in
            var events: [RecordedEvent] = []
            for try await event in try await client.execute(ReadStatement(stream: stream, after: after, limit: Int64(max(0, limit))), logger: self.logger) {
                events.append(event)
            }
            return events
        }
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
