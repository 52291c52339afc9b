import EventStore
import Foundation
import GRDB

/// The embedded event store: one SQLite file in WAL mode, through GRDB.
///
/// An append is one write transaction, committed with `synchronous = FULL`, so when `append`
/// returns the events are on disk and survive the process being killed. Readers never block the
/// writer (WAL), which is what lets the live room read while phones write.
public final class SQLiteEventStore: EventStore {
    /// The GRDB pool. Exposed so other adapters in this module (sessions, backups) share the file.
    let pool: DatabasePool
    public let changes = StreamChangeBroadcaster()
    /// The file the store writes, for messages and backups.
    public let path: String

    /// Opens (creating if needed) the database at `path` and runs the migrations.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL makes every commit durable on its own, so an acknowledged append survives
            // a crash of the process or of the machine, not only of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw EventStoreError.storage("cannot open \(path): \(error)")
        }
    }

    /// The schema, as named migrations applied in order; a migration once shipped is never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 events and streams") { db in
            try db.create(table: "stream") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("name", .text).notNull().unique()
                table.column("version", .integer).notNull()
            }
            try db.create(table: "event") { table in
                table.autoIncrementedPrimaryKey("position")
                table.column("stream", .text).notNull()
                table.column("sequence", .integer).notNull()
                table.column("eventID", .text).notNull().unique()
                table.column("type", .text).notNull()
                table.column("payload", .blob).notNull()
                table.column("recordedAt", .integer).notNull()
                table.uniqueKey(["stream", "sequence"])
            }
        }
        migrator.registerMigration("v2 key-value with expiry") { db in
            try db.create(table: "keyValue") { table in
                table.primaryKey("key", .text)
                table.column("value", .blob).notNull()
                table.column("expiresAt", .integer)
            }
        }
        return migrator
    }

    public func append(_ events: [NewEvent], to stream: String, expected: ExpectedVersion) async throws -> AppendResult {
        guard !events.isEmpty else { throw EventStoreError.emptyAppend }
        let result = try await withCheckedThrowingContinuation { (reply: CheckedContinuation<AppendResult, any Error>) in
            let startCommitting = queue.withLock { queue in
                queue.waiting.append(QueuedAppend(events: events, stream: stream, expected: expected, reply: reply))
                defer { queue.committing = true }
                return !queue.committing
            }
            if startCommitting { Task { await self.commitQueued() } }
        }
        if !result.wasRetry { changes.publish(stream: stream, version: result.sequences.upperBound) }
        return result
    }

    /// An append waiting for the writer.
    private struct QueuedAppend: Sendable {
        var events: [NewEvent]
        var stream: String
        var expected: ExpectedVersion
        var reply: CheckedContinuation<AppendResult, any Error>
    }

    /// Appends that arrive while a transaction is committing wait here and go in the next one together.
    ///
    /// Group commit: with `synchronous = FULL` each transaction costs a flush to disk, and a hundred rooms
    /// voting at once would otherwise queue for a flush each. Every append keeps its own savepoint, so one
    /// refused (wrong expected version) does not affect the others in its transaction.
    private let queue = Mutex<(waiting: [QueuedAppend], committing: Bool)>(([], false))

    private func commitQueued() async {
        while true {
            let batch = queue.withLock { queue in
                defer { queue.waiting = [] }
                if queue.waiting.isEmpty { queue.committing = false }
                return queue.waiting
            }
            guard !batch.isEmpty else { return }
            do {
                let outcomes = try await write { db in
                    batch.map { queued -> Result<AppendResult, any Error> in
                        var outcome: Result<AppendResult, any Error> = .failure(EventStoreError.emptyAppend)
                        do {
                            try db.inSavepoint {
                                outcome = .success(try Self.appendRows(queued.events, to: queued.stream, expected: queued.expected, db: db))
                                return .commit
                            }
                        } catch {
                            outcome = .failure(error)
                        }
                        return outcome
                    }
                }
                for (queued, outcome) in zip(batch, outcomes) { queued.reply.resume(with: outcome) }
            } catch {
                for queued in batch { queued.reply.resume(throwing: error) }
            }
        }
    }

    /// One append inside the writer's transaction.
    ///
    /// The hot statements here and in `read` are raw SQL from the connection's statement cache: under load,
    /// generating and compiling SQL for every query cost more than running it.
    private static func appendRows(_ events: [NewEvent], to stream: String, expected: ExpectedVersion, db: Database) throws -> AppendResult {
        if let retry = try priorAttempt(of: events, in: stream, db: db) { return retry }
        let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM stream WHERE name = ?"), arguments: [stream]) ?? 0
        guard expected.admits(version) else {
            throw EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: version)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event (stream, sequence, eventID, type, payload, recordedAt) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (offset, event) in events.enumerated() {
            try insert.execute(arguments: [stream, version + Int64(offset) + 1, event.id.uuidString, event.type, event.payload, event.recordedAt])
        }
        let newVersion = version + Int64(events.count)
        try db.execute(
            sql: """
                INSERT INTO stream (name, version) VALUES (?, ?)
                ON CONFLICT(name) DO UPDATE SET version = excluded.version
                """,
            arguments: [stream, newVersion])
        return AppendResult(sequences: (version + 1)...newVersion, wasRetry: false)
    }

    /// The sequences an earlier, successful attempt gave these events, or nil when none is stored.
    private static func priorAttempt(of events: [NewEvent], in stream: String, db: Database) throws -> AppendResult? {
        let ids = events.map(\.id.uuidString)
        let byID = try db.cachedStatement(sql: "SELECT * FROM event WHERE eventID = ?")
        let stored = try ids.compactMap { try EventRow.fetchOne(byID, arguments: [$0]) }.sorted { $0.sequence < $1.sequence }
        guard let first = stored.first else {
            if Set(ids).count != ids.count { throw EventStoreError.eventIDConflict(events[0].id) }
            return nil
        }
        guard stored.count == events.count, stored.allSatisfy({ $0.stream == stream }),
              let last = stored.last
        else { throw EventStoreError.eventIDConflict(UUID(uuidString: first.eventID) ?? events[0].id) }
        return AppendResult(sequences: first.sequence...last.sequence, wasRetry: true)
    }

    public func read(_ stream: String, after: Int64, limit: Int) async throws -> [RecordedEvent] {
        try await readDB { db in
            try EventRow.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM event WHERE stream = ? AND sequence > ? ORDER BY sequence LIMIT ?"),
                arguments: [stream, after, limit]
            ).map(\.recorded)
        }
    }

    public func event(withID id: UUID) async throws -> RecordedEvent? {
        try await readDB { db in
            try EventRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM event WHERE eventID = ?"), arguments: [id.uuidString])?.recorded
        }
    }

    public func version(of stream: String) async throws -> Int64 {
        try await readDB { db in try StreamRow.filter(Column("name") == stream).fetchOne(db)?.version ?? 0 }
    }

    public func streams() async throws -> [StreamSummary] {
        try await readDB { db in
            try StreamRow.order(Column("id")).fetchAll(db).map { StreamSummary(stream: $0.name, version: $0.version) }
        }
    }

    /// Writes a consistent copy of the database to `destination`, while appends go on.
    ///
    /// SQLite's online backup copies a snapshot; the copy is made beside the destination and
    /// renamed into place, so a failed backup never leaves a half-written file at `destination`.
    public func backup(to destination: String) async throws {
        let temporary = destination + ".partial-\(UUID().uuidString)"
        do {
            let target = try DatabaseQueue(path: temporary)
            try pool.backup(to: target)
            try target.close()
            try? FileManager.default.removeItem(atPath: temporary + "-wal")
            try? FileManager.default.removeItem(atPath: temporary + "-shm")
            if FileManager.default.fileExists(atPath: destination) {
                _ = try FileManager.default.replaceItemAt(URL(fileURLWithPath: destination), withItemAt: URL(fileURLWithPath: temporary))
            } else {
                try FileManager.default.moveItem(atPath: temporary, toPath: destination)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw EventStoreError.storage("backup to \(destination) failed: \(error)")
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw EventStoreError.storage("\(error)")
        }
    }

    func readDB<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw EventStoreError.storage("\(error)")
        }
    }
}

/// A row of the `event` table: a plain Codable struct, as GRDB records are best written.
struct EventRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event"
    var position: Int64?
    var stream: String
    var sequence: Int64
    var eventID: String
    var type: String
    var payload: Data
    var recordedAt: Int64

    var recorded: RecordedEvent {
        RecordedEvent(
            stream: stream, sequence: sequence, id: UUID(uuidString: eventID) ?? UUID(),
            type: type, payload: payload, recordedAt: recordedAt)
    }
}

/// A row of the `stream` table: each stream's version, so appends need no MAX() scan.
struct StreamRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stream"
    var id: Int64?
    var name: String
    var version: Int64
}
