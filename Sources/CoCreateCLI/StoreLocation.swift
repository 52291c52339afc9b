import EventStore
import EventStorePostgres
import EventStoreSQLite
import Foundation

/// A store opened from a `--database` value, with what keeps it working.
struct OpenedStore: Sendable {
    /// Events and sessions live in the same database.
    let store: any EventStore & KeyValueStore
    /// Run this for as long as the store is used, in a task of its own, and cancel it to shut
    /// the store down. For SQLite it returns at once. For PostgreSQL it drives the connection
    /// pool, migrates the schema and listens for other processes' appends until cancelled; it
    /// throws if the database cannot be reached or prepared.
    let run: @Sendable () async throws -> Void
    /// Returns once the store is usable (PostgreSQL: migrated); throws if it never will be.
    /// Calls on `store` made earlier simply wait, so awaiting this is only for failing early.
    let waitUntilReady: @Sendable () async throws -> Void
    /// The location for messages, with any password hidden.
    let description: String
}

/// Where the event log lives: a PostgreSQL URL or a SQLite file path.
enum StoreLocation {
    /// `postgres://` or `postgresql://` URLs open a `PostgresEventStore`; anything else is a
    /// SQLite file path, created when missing.
    static func open(_ database: String) throws -> OpenedStore {
        if PostgresURL.looksLikePostgresURL(database) {
            let url: PostgresURL
            do {
                url = try PostgresURL(database)
            } catch {
                throw CLIError("bad --database URL: \(error)")
            }
            let store = PostgresEventStore(url: url)
            return OpenedStore(
                store: store, run: { try await store.run() }, waitUntilReady: { try await store.waitUntilReady() },
                description: url.description)
        }
        do {
            let store = try SQLiteEventStore(path: database)
            return OpenedStore(store: store, run: {}, waitUntilReady: {}, description: database)
        } catch {
            throw CLIError("cannot open the database \(database): \(error)")
        }
    }

    /// Opens `database`, runs it around `body` and shuts it down: for one-shot commands.
    static func withStore<T: Sendable>(
        _ database: String, _ body: (any EventStore & KeyValueStore) async throws -> T
    ) async throws -> T {
        let opened = try open(database)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await opened.run() }
            defer { group.cancelAll() }
            do {
                try await opened.waitUntilReady()
            } catch {
                throw CLIError("cannot open the database \(opened.description): \(error)")
            }
            return try await body(opened.store)
        }
    }
}
