import EventStore
import Foundation
import Testing

/// The one test suite every `EventStore` implementation must pass.
///
/// Each implementation's test target calls these with a factory that makes a fresh, empty store,
/// so SQLite, PostgreSQL and the in-memory store are held to exactly the same behaviour.
public enum EventStoreConformance {
    public typealias MakeStore = @Sendable () async throws -> any EventStore

    /// Makes `count` events with fresh ids and recognisable payloads.
    public static func events(_ count: Int, tag: String = "e") -> [NewEvent] {
        (0..<count).map { index in
            NewEvent(id: UUID(), type: "test", payload: Data("\(tag)-\(index)".utf8), recordedAt: Int64(index))
        }
    }

    public static func appendThenReadReturnsEventsInOrder(_ make: MakeStore) async throws {
        let store = try await make()
        let written = events(5)
        let result = try await store.append(written, to: "s1", expected: .noStream)
        #expect(result == AppendResult(sequences: 1...5, wasRetry: false))
        let read = try await store.readAll("s1")
        #expect(read.map(\.id) == written.map(\.id))
        #expect(read.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(read.map(\.payload) == written.map(\.payload))
        #expect(read.map(\.recordedAt) == written.map(\.recordedAt))
        #expect(read.allSatisfy { $0.stream == "s1" && $0.type == "test" })
        #expect(try await store.version(of: "s1") == 5)
        #expect(try await store.event(withID: written[2].id)?.sequence == 3)
        #expect(try await store.event(withID: UUID()) == nil)
        #expect(try await store.version(of: "unknown") == 0)
        #expect(try await store.read("s1", after: 3, limit: 10).map(\.sequence) == [4, 5])
        #expect(try await store.read("s1", after: 1, limit: 2).map(\.sequence) == [2, 3])
    }

    public static func streamsAreIndependentAndListed(_ make: MakeStore) async throws {
        let store = try await make()
        _ = try await store.append(events(2), to: "a", expected: .noStream)
        _ = try await store.append(events(3), to: "b", expected: .noStream)
        _ = try await store.append(events(1), to: "a", expected: .exactly(2))
        let listed = try await store.streams()
        #expect(listed == [StreamSummary(stream: "a", version: 3), StreamSummary(stream: "b", version: 3)])
    }

    public static func staleExpectedVersionIsRefusedAndWritesNothing(_ make: MakeStore) async throws {
        let store = try await make()
        _ = try await store.append(events(2), to: "s", expected: .noStream)
        await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "s", expected: .exactly(1), actual: 2)) {
            try await store.append(events(1), to: "s", expected: .exactly(1))
        }
        await #expect(throws: EventStoreError.self) {
            try await store.append(events(1), to: "s", expected: .noStream)
        }
        #expect(try await store.version(of: "s") == 2)
    }

    public static func retriedAppendIsAppliedOnce(_ make: MakeStore) async throws {
        let store = try await make()
        let batch = events(3)
        let first = try await store.append(batch, to: "s", expected: .noStream)
        _ = try await store.append(events(1), to: "s", expected: .any)
        // The retry carries the same ids and the same (now stale) expectation: it must succeed
        // as a no-op, because the first attempt did land.
        let retry = try await store.append(batch, to: "s", expected: .noStream)
        #expect(retry == AppendResult(sequences: first.sequences, wasRetry: true))
        #expect(try await store.version(of: "s") == 4)
        // Reusing some ids with new ones is a caller bug, not a retry.
        await #expect(throws: EventStoreError.self) {
            try await store.append([batch[0]] + events(1), to: "s", expected: .any)
        }
        // An id stored in one stream cannot be appended to another.
        await #expect(throws: EventStoreError.self) {
            try await store.append([batch[1]], to: "other", expected: .any)
        }
        #expect(try await store.version(of: "s") == 4)
        #expect(try await store.version(of: "other") == 0)
    }

    public static func concurrentAppendsLoseAndDuplicateNothing(_ make: MakeStore) async throws {
        let store = try await make()
        let writers = 8, appendsPerWriter = 40
        let written = try await withThrowingTaskGroup(of: [UUID].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var ids: [UUID] = []
                    for _ in 0..<appendsPerWriter {
                        let batch = events(2, tag: "w\(writer)")
                        _ = try await store.append(batch, to: "busy", expected: .any)
                        // A retry of every append must not add anything.
                        _ = try await store.append(batch, to: "busy", expected: .any)
                        ids += batch.map(\.id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [UUID]()) { $0 += $1 }
        }
        let stored = try await store.readAll("busy")
        #expect(stored.count == writers * appendsPerWriter * 2)
        #expect(Set(stored.map(\.id)) == Set(written))
        #expect(stored.map(\.sequence) == Array(1...Int64(stored.count)))
        // Each batch's two events are adjacent: appends are atomic.
        for pair in stride(from: 0, to: stored.count, by: 2) {
            #expect(stored[pair].sequence + 1 == stored[pair + 1].sequence)
            #expect(String(decoding: stored[pair].payload, as: UTF8.self).hasSuffix("-0"))
        }
    }

    public static func optimisticWritersEachLandExactlyOnce(_ make: MakeStore) async throws {
        let store = try await make()
        let writers = 4, appendsPerWriter = 15
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<appendsPerWriter {
                        let event = NewEvent(id: UUID(), type: "test", payload: Data("w\(writer)-\(index)".utf8), recordedAt: 0)
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
        let stored = try await store.readAll("contested")
        #expect(stored.count == writers * appendsPerWriter)
        #expect(Set(stored.map(\.payload)).count == writers * appendsPerWriter)
        // Each writer's own events keep their order.
        for writer in 0..<writers {
            let mine = stored.map { String(decoding: $0.payload, as: UTF8.self) }.filter { $0.hasPrefix("w\(writer)-") }
            #expect(mine == (0..<appendsPerWriter).map { "w\(writer)-\($0)" })
        }
    }

    public static func subscriberSeesHistoryThenLiveEventsOnceInOrder(_ make: MakeStore) async throws {
        let store = try await make()
        _ = try await store.append(events(3), to: "live", expected: .noStream)
        _ = try await store.append(events(2), to: "elsewhere", expected: .noStream)
        let subscription = store.subscribe("live", after: 1)
        let total = 2 + 20
        let received = Task {
            var sequences: [Int64] = []
            for try await event in subscription {
                #expect(event.stream == "live")
                sequences.append(event.sequence)
                if sequences.count == total { break }
            }
            return sequences
        }
        for _ in 0..<10 {
            _ = try await store.append(events(2), to: "live", expected: .any)
        }
        #expect(try await received.value == Array(2...23))
    }

    /// A subscriber that wrote events itself says so through its position; the subscription then delivers only
    /// what others wrote after them.
    public static func subscriberIsNotSentWhatItsPositionAlreadyHolds(_ make: MakeStore) async throws {
        let store = try await make()
        _ = try await store.append(events(1), to: "own", expected: .noStream)
        let position = SubscriberPosition()
        position.advance(to: 1)
        let subscription = store.subscribe("own", after: 1, position: position)
        let received = Task {
            var sequences: [Int64] = []
            for try await event in subscription {
                sequences.append(event.sequence)
                if event.sequence >= 6 { break }
            }
            return sequences
        }
        // "Our own" write: the subscriber already holds it (here it says so before the store announces it).
        position.advance(to: 4)
        _ = try await store.append(events(3), to: "own", expected: .exactly(1))
        // Someone else's write, which the subscriber must be sent.
        _ = try await store.append(events(2), to: "own", expected: .exactly(4))
        #expect(try await received.value == [5, 6])
    }

    /// Every check, for implementations that want one `@Test` per check.
    public static let allChecks: [(name: String, run: @Sendable (MakeStore) async throws -> Void)] = [
        ("append then read", appendThenReadReturnsEventsInOrder),
        ("streams independent and listed", streamsAreIndependentAndListed),
        ("stale expected version refused", staleExpectedVersionIsRefusedAndWritesNothing),
        ("retried append applied once", retriedAppendIsAppliedOnce),
        ("concurrent appends", concurrentAppendsLoseAndDuplicateNothing),
        ("optimistic writers", optimisticWritersEachLandExactlyOnce),
        ("subscriber history then live", subscriberSeesHistoryThenLiveEventsOnceInOrder),
        ("subscriber position skips its own writes", subscriberIsNotSentWhatItsPositionAlreadyHolds),
    ]
}
