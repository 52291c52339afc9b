import EventStore
import EventStorePostgres
import EventStoreTestSupport
import Foundation
import Testing

// These suites need a real PostgreSQL server. Without COCREATE_TEST_POSTGRES_URL they are
// reported as skipped, never as passed: start one with `eval "$(scripts/postgres-test-server start)"`.
@Suite(
    "PostgreSQL event store",
    .enabled(if: testServerURL != nil, "COCREATE_TEST_POSTGRES_URL is not set (scripts/postgres-test-server start)"),
    .timeLimit(.minutes(2)))
struct PostgresConformanceTests {
    @Test("conformance", arguments: EventStoreConformance.allChecks.map(\.name))
    func conformance(check: String) async throws {
        let run = try #require(EventStoreConformance.allChecks.first { $0.name == check }).run
        try await withTestStores { stores in
            try await run { try await stores.start() }
        }
    }

    @Test func twoInstancesAppendingToOneStreamLoseAndDuplicateNothing() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let instances = [try await stores.start(on: database), try await stores.start(on: database)]
            let writersPerInstance = 4, appendsPerWriter = 25
            let written = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for (instance, store) in instances.enumerated() {
                    for writer in 0..<writersPerInstance {
                        group.addTask {
                            var ids: [UUID] = []
                            for _ in 0..<appendsPerWriter {
                                let batch = EventStoreConformance.events(2, tag: "i\(instance)w\(writer)")
                                _ = try await store.append(batch, to: "shared", expected: .any)
                                // The retry goes through the other instance, as after a fail-over.
                                let retry = try await instances[1 - instance].append(batch, to: "shared", expected: .any)
                                #expect(retry.wasRetry)
                                ids += batch.map(\.id)
                            }
                            return ids
                        }
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            let total = instances.count * writersPerInstance * appendsPerWriter * 2
            for store in instances {
                let stored = try await store.readAll("shared")
                #expect(stored.count == total)
                #expect(Set(stored.map(\.id)) == Set(written))
                #expect(stored.map(\.sequence) == Array(1...Int64(total)))
                for pair in stride(from: 0, to: stored.count, by: 2) {
                    #expect(String(decoding: stored[pair].payload, as: UTF8.self).hasSuffix("-0"))
                    #expect(String(decoding: stored[pair + 1].payload, as: UTF8.self).hasSuffix("-1"))
                }
                #expect(try await store.version(of: "shared") == Int64(total))
            }
        }
    }

    @Test func optimisticWritersOnTwoInstancesEachLandOnce() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let instances = [try await stores.start(on: database), try await stores.start(on: database)]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (instance, store) in instances.enumerated() {
                    group.addTask {
                        for index in 0..<20 {
                            let event = NewEvent(id: UUID(), type: "t", payload: Data("i\(instance)-\(index)".utf8), recordedAt: 0)
                            while true {
                                let version = try await store.version(of: "contested")
                                do {
                                    _ = try await store.append([event], to: "contested", expected: .exactly(version))
                                    break
                                } catch EventStoreError.wrongExpectedVersion {
                                    continue
                                }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let payloads = try await instances[0].readAll("contested").map { String(decoding: $0.payload, as: UTF8.self) }
            #expect(payloads.count == 40)
            for instance in 0..<2 {
                #expect(payloads.filter { $0.hasPrefix("i\(instance)-") } == (0..<20).map { "i\(instance)-\($0)" })
            }
        }
    }

    @Test func subscriberOnOneInstanceSeesAppendsMadeThroughAnother() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let reader = try await stores.start(on: database)
            let writer = try await stores.start(on: database)
            _ = try await writer.append(EventStoreConformance.events(2), to: "room", expected: .noStream)
            let subscription = reader.subscribe("room")
            let received = Task {
                var sequences: [Int64] = []
                for try await event in subscription {
                    sequences.append(event.sequence)
                    if sequences.count == 12 { break }
                }
                return sequences
            }
            for _ in 0..<10 {
                _ = try await writer.append(EventStoreConformance.events(1), to: "room", expected: .any)
                try await Task.sleep(for: .milliseconds(20))
            }
            let sequences = try await withTimeout(seconds: 20) { try await received.value }
            #expect(sequences == Array(1...12))
        }
    }

    /// Notifications go out after the commit, so a process can die between the two; the listener's
    /// sweep of stream versions still brings such an append to every subscriber.
    @Test func anAppendWhoseNotificationWasNeverSentReachesSubscribersThroughTheSweep() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let reader = try await stores.start(on: database, heartbeat: .milliseconds(200))
            _ = try await reader.append(EventStoreConformance.events(2), to: "room", expected: .noStream)
            let subscription = reader.subscribe("room", after: 2)
            let sequences = try await withTimeout(seconds: 20) {
                var received = subscription.makeAsyncIterator()
                // A notified append first: once it arrives, the subscription has caught up and waits for news.
                _ = try await reader.append(EventStoreConformance.events(1), to: "room", expected: .exactly(2))
                let notified = try await received.next()?.sequence
                // Then one committed by "another process" that died before notifying.
                let version = try await stores.admin(
                    """
                    WITH appended AS (
                        INSERT INTO events (stream, sequence, event_id, type, payload, recorded_at)
                        VALUES ('room', 4, gen_random_uuid(), 'test', '\\x00'::bytea, 0)
                    )
                    UPDATE streams SET version = 4 WHERE name = 'room' RETURNING version::text
                    """, on: database)
                let swept = try await received.next()?.sequence
                return [notified, version.first.flatMap { Int64($0) }, swept]
            }
            #expect(sequences == [3, 4, 4])
        }
    }

    @Test func listenerReconnectsAndCatchesUpAfterItsConnectionIsKilled() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let reader = try await stores.start(on: database, applicationName: "cocreate-test-reader")
            let writer = try await stores.start(on: database, applicationName: "cocreate-test-writer")
            let subscription = reader.subscribe("room")
            let received = Task {
                var count = 0
                for try await _ in subscription {
                    count += 1
                    if count == 6 { break }
                }
                return count
            }
            _ = try await writer.append(EventStoreConformance.events(3), to: "room", expected: .any)
            // Kill the reader's listening connection, as a server restart or network cut would,
            // and append while it is down: the reconnect's catch-up must deliver these.
            let killed = try await stores.admin(
                """
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE application_name = 'cocreate-test-reader-listener'
                """)
            #expect(killed == ["true"])
            _ = try await writer.append(EventStoreConformance.events(3), to: "room", expected: .any)
            #expect(try await withTimeout(seconds: 30) { try await received.value } == 6)
        }
    }

    @Test func migrationsRunTwiceOrConcurrentlyAreHarmless() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            // Several instances starting at once all migrate; the advisory lock lets one do the work.
            async let first = stores.start(on: database)
            async let second = stores.start(on: database)
            async let third = stores.start(on: database)
            let early = try await [first, second, third]
            _ = try await early[0].append(EventStoreConformance.events(2), to: "kept", expected: .noStream)
            // And once more, later, over an up-to-date schema.
            let late = try await stores.start(on: database)
            #expect(try await late.version(of: "kept") == 2)
            let recorded = try await stores.admin(
                "SELECT version::text || ' ' || name FROM schema_migrations ORDER BY version", on: database)
            #expect(recorded == ["1 events and streams", "2 key-value with expiry"])
        }
    }

    @Test func keyValuesExpire() async throws {
        try await withTestStores { stores in
            let store = try await stores.start()
            try await store.set(Data("a".utf8), for: "k", expiresAt: 100)
            #expect(try await store.value(for: "k", now: 99) == Data("a".utf8))
            #expect(try await store.value(for: "k", now: 100) == nil)
            try await store.set(Data("b".utf8), for: "k", expiresAt: nil)
            #expect(try await store.value(for: "k", now: 1_000) == Data("b".utf8))
            try await store.set(Data("c".utf8), for: "old", expiresAt: 10)
            try await store.removeExpired(now: 1_000)
            #expect(try await stores.admin("SELECT key FROM key_values ORDER BY key", on: store.url) == ["k"])
            try await store.removeValue(for: "k")
            #expect(try await store.value(for: "k", now: 0) == nil)
        }
    }

    @Test func wrongPasswordFailsStartWithAClearError() async throws {
        try await withTestStores { stores in
            var url = try await stores.freshDatabase()
            url.password = "not-the-password"
            let store = PostgresEventStore(url: url)
            let running = Task { try await store.run() }
            defer { running.cancel() }
            let error = await #expect(throws: EventStoreError.self) {
                try await withTimeout(seconds: 30) { try await store.waitUntilReady() }
            }
            #expect(error.map { "\($0)" }?.contains("cannot prepare the database") == true)
            // Calls made after the failure fail the same way instead of waiting forever.
            await #expect(throws: EventStoreError.self) { try await store.version(of: "s") }
        }
    }
}
