import EventStore
import EventStoreSQLite
import EventStoreTestSupport
import Foundation
import Testing

/// A fresh database file in a temporary folder, removed when the process ends.
func temporaryDatabasePath() -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("events.sqlite").path
}

@Suite("SQLite event store conformance")
struct SQLiteConformanceTests {
    @Test("conformance", arguments: EventStoreConformance.allChecks.map(\.name))
    func conformance(check: String) async throws {
        let run = try #require(EventStoreConformance.allChecks.first { $0.name == check }).run
        try await run { try SQLiteEventStore(path: temporaryDatabasePath()) }
    }

    @Test("in-memory store passes the same suite", arguments: EventStoreConformance.allChecks.map(\.name))
    func inMemoryConformance(check: String) async throws {
        let run = try #require(EventStoreConformance.allChecks.first { $0.name == check }).run
        try await run { InMemoryEventStore() }
    }

    @Test func eventsSurviveReopening() async throws {
        let path = temporaryDatabasePath()
        let written = EventStoreConformance.events(4)
        do {
            let store = try SQLiteEventStore(path: path)
            _ = try await store.append(written, to: "c", expected: .noStream)
        }
        let reopened = try SQLiteEventStore(path: path)
        #expect(try await reopened.readAll("c").map(\.id) == written.map(\.id))
    }

    @Test func backupIsAConsistentReadableCopy() async throws {
        let store = try SQLiteEventStore(path: temporaryDatabasePath())
        _ = try await store.append(EventStoreConformance.events(50), to: "c", expected: .noStream)
        let copyPath = temporaryDatabasePath() + ".backup"
        async let moreWrites: Void = {
            for _ in 0..<20 { _ = try await store.append(EventStoreConformance.events(3), to: "c", expected: .any) }
        }()
        try await store.backup(to: copyPath)
        try await moreWrites
        let copy = try SQLiteEventStore(path: copyPath)
        let copied = try await copy.readAll("c")
        // A snapshot: some prefix of the log, complete batches only, no gaps.
        #expect(copied.count >= 50)
        #expect((copied.count - 50) % 3 == 0)
        #expect(copied.map(\.sequence) == Array(1...Int64(copied.count)))
        #expect(try await copy.version(of: "c") == Int64(copied.count))
    }

    @Test func keyValuesExpire() async throws {
        let store = try SQLiteEventStore(path: temporaryDatabasePath())
        try await store.set(Data("a".utf8), for: "k", expiresAt: 100)
        #expect(try await store.value(for: "k", now: 99) == Data("a".utf8))
        #expect(try await store.value(for: "k", now: 100) == nil)
        try await store.set(Data("b".utf8), for: "forever", expiresAt: nil)
        try await store.removeExpired(now: 1_000)
        #expect(try await store.value(for: "forever", now: 1_000) == Data("b".utf8))
        try await store.removeValue(for: "forever")
        #expect(try await store.value(for: "forever", now: 0) == nil)
    }
}
