import EventStore
import EventStorePostgres
import Foundation
// Only for the tests' own administration (creating databases, killing connections); the store's
// API never exposes postgres-nio. It is a dependency of EventStorePostgres, so it is importable here.
import PostgresNIO

/// The PostgreSQL server the tests use: `COCREATE_TEST_POSTGRES_URL`, as printed by
/// `scripts/postgres-test-server start`. Nil when unset, and then the suites that need it are skipped.
let testServerURL: String? = {
    let value = ProcessInfo.processInfo.environment["COCREATE_TEST_POSTGRES_URL"] ?? ""
    return value.isEmpty ? nil : value
}()

/// Warnings and errors only: each test migrates a fresh database, which is logged at info.
let quietLogger: Logger = {
    var logger = Logger(label: "cocreate.postgres.tests")
    logger.logLevel = .warning
    return logger
}()

/// Stores started by one test, each running until the test ends, each on a database of its own
/// unless told to share one, so tests run in parallel without seeing each other's streams or
/// notifications.
final class TestStores: Sendable {
    private let server: PostgresURL
    private let running = Mutex<[Task<Void, any Error>]>([])
    private let databases = Mutex<[String]>([])

    init() throws {
        guard let testServerURL else { throw EventStoreError.storage("COCREATE_TEST_POSTGRES_URL is not set") }
        server = try PostgresURL(testServerURL)
    }

    /// A new, empty database's URL.
    func freshDatabase() async throws -> PostgresURL {
        let name = "cocreate_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        // A database name cannot be a bound parameter; this one is made of hex digits only.
        try await admin("CREATE DATABASE \(name)")
        databases.withLock { $0.append(name) }
        return server.with(database: name)
    }

    /// A running store on `database` (a fresh one when nil), ready to use.
    func start(on database: PostgresURL? = nil, applicationName: String = "cocreate-test", heartbeat: Duration? = nil) async throws -> PostgresEventStore {
        var options = PostgresEventStore.Options()
        if let heartbeat { options.listenerHeartbeat = heartbeat }
        // Small pools: every test runs at once, and the server may have only 100 connections.
        options.maximumConnections = 5
        options.applicationName = applicationName
        let url: PostgresURL
        if let database { url = database } else { url = try await freshDatabase() }
        let store = PostgresEventStore(url: url, options: options, logger: quietLogger)
        let task = Task { try await store.run() }
        running.withLock { $0.append(task) }
        try await store.waitUntilReady()
        return store
    }

    /// Runs one statement on `database` (the server's own when nil) and returns the first column
    /// of every row, as text.
    @discardableResult
    func admin(_ sql: String, on database: PostgresURL? = nil) async throws -> [String] {
        let url = database ?? server
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: .disable),
            id: 1, logger: Logger(label: "cocreate.tests"))
        do {
            var values: [String] = []
            // Test-controlled SQL only; see the callers.
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: connection.logger) {
                values.append(try row.decode(String.self))
            }
            try await connection.close()
            return values
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Stops every store and drops every database this test made.
    func shutdown() async {
        let tasks = running.withLock { $0 }
        for task in tasks { task.cancel() }
        for task in tasks { _ = await task.result }
        for name in databases.withLock({ $0 }) {
            _ = try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}

/// Runs `body` with a fresh `TestStores`, shutting it down afterwards even when `body` throws.
func withTestStores<T: Sendable>(_ body: (TestStores) async throws -> T) async throws -> T {
    let stores = try TestStores()
    do {
        let result = try await body(stores)
        await stores.shutdown()
        return result
    } catch {
        await stores.shutdown()
        throw error
    }
}

/// Runs `body`, failing if it takes longer than `seconds`: a missed notification must fail a
/// test, not hang it.
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw EventStoreError.storage("timed out after \(seconds) seconds")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
