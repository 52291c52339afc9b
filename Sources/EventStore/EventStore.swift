import Foundation
import Memberwise

/// An event the caller wants to append.
///
/// The `id` is chosen by the client before the first attempt, so an append retried after a
/// dropped connection or a timeout is recognised and never stored twice.
@PublicMemberwiseInit
public struct NewEvent: Sendable, Equatable {
    public var id: UUID
    /// The event's type name, e.g. `participantRegistered`; stored beside the payload so readers
    /// can filter without decoding.
    public var type: String
    /// The encoded event. The store never looks inside.
    public var payload: Data
    /// When the event happened, in milliseconds since 1970, as the writer's injected clock said.
    public var recordedAt: Int64
}

/// An event as the store holds it: its place in its stream and in the whole log.
@PublicMemberwiseInit
public struct RecordedEvent: Sendable, Equatable, Codable {
    /// The stream (one conversation) the event belongs to.
    public var stream: String
    /// 1-based position within the stream, without gaps. The stream's version is its last sequence.
    public var sequence: Int64
    public var id: UUID
    public var type: String
    public var payload: Data
    public var recordedAt: Int64
}

/// What the writer believes the stream's version to be; checked atomically with the append.
public enum ExpectedVersion: Sendable, Equatable {
    /// Append whatever the version is.
    case any
    /// The stream must not exist yet (version 0).
    case noStream
    /// The stream's last sequence must be exactly this.
    case exactly(Int64)

    /// Whether a stream at `version` satisfies this expectation.
    public func admits(_ version: Int64) -> Bool {
        switch self {
        case .any: true
        case .noStream: version == 0
        case .exactly(let expected): version == expected
        }
    }
}

/// The outcome of an append.
@PublicMemberwiseInit
public struct AppendResult: Sendable, Equatable {
    /// Sequences given to the appended events, in order.
    public var sequences: ClosedRange<Int64>
    /// True when every event id was already stored by an earlier attempt: nothing was written
    /// and `sequences` are the ones the first attempt received.
    public var wasRetry: Bool
}

/// A stream and its current version, for listings.
@PublicMemberwiseInit
public struct StreamSummary: Sendable, Equatable {
    public var stream: String
    public var version: Int64
}

public enum EventStoreError: Error, Equatable, CustomStringConvertible {
    /// The optimistic concurrency check failed: someone else appended first.
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: Int64)
    /// Some but not all of a batch's event ids are stored, or an id is stored in another stream:
    /// the caller reused ids for different events.
    case eventIDConflict(UUID)
    case emptyAppend
    case storage(String)

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            "stream \(stream) is at version \(actual), but the append expected \(expected)"
        case let .eventIDConflict(id):
            "event id \(id) is already stored for a different append"
        case .emptyAppend:
            "an append needs at least one event"
        case let .storage(message):
            "storage failed: \(message)"
        }
    }
}

/// An append-only log of events, one stream per conversation.
///
/// Every implementation passes the same conformance suite (`EventStoreTestSupport`):
/// appends are atomic and durable before they return, sequences have no gaps, a retried append
/// (same event ids) is applied once, and subscribers see every event exactly once, in order.
public protocol EventStore: Sendable {
    /// Appends `events` to `stream` atomically if its version satisfies `expected`.
    ///
    /// If every event id is already stored in this stream (a retry of an append that succeeded),
    /// nothing is written and the original sequences are returned, whatever `expected` says.
    func append(_ events: [NewEvent], to stream: String, expected: ExpectedVersion) async throws -> AppendResult

    /// Events of `stream` with sequence greater than `after`, oldest first, at most `limit`.
    func read(_ stream: String, after: Int64, limit: Int) async throws -> [RecordedEvent]

    /// The stored event with this id, in any stream: how a writer recognises its own retry
    /// before checking rules that the first attempt's event would now break.
    func event(withID id: UUID) async throws -> RecordedEvent?

    /// The stream's version: its last sequence, 0 when it has no events.
    func version(of stream: String) async throws -> Int64

    /// Every stream with its version, in the order they were created.
    func streams() async throws -> [StreamSummary]

    /// Notifications that `stream` has new events up to a version. Used by `subscribe`;
    /// implementations feed it from their own appends and, where several processes share a
    /// database, from the database (PostgreSQL LISTEN/NOTIFY).
    var changes: StreamChangeBroadcaster { get }
}

extension EventStore {
    /// Every event of `stream` from the start.
    public func readAll(_ stream: String) async throws -> [RecordedEvent] {
        var all: [RecordedEvent] = []
        var after: Int64 = 0
        while true {
            let page = try await read(stream, after: after, limit: 5_000)
            all.append(contentsOf: page)
            guard let last = page.last, page.count == 5_000 else { return all }
            after = last.sequence
        }
    }

    /// Events of `stream` after `after`, then every new event as it is appended, each once and in order.
    ///
    /// The listener is registered before the catch-up read, so an event appended between the two is
    /// delivered by whichever sees it first and skipped by the other.
    ///
    /// `position`, when given, is how far the subscriber has got by other means (its own writes): events up
    /// to it are not read back or delivered.
    public func subscribe(_ stream: String, after: Int64 = 0, position: SubscriberPosition? = nil) -> AsyncThrowingStream<RecordedEvent, Error> {
        let (output, continuation) = AsyncThrowingStream<RecordedEvent, Error>.makeStream()
        let notifications = changes.listen(stream)
        let task = Task {
            var delivered = max(after, position?.version ?? 0)
            do {
                // Catch up first, then follow notifications; each wake-up reads what is new.
                try await deliver()
                for await version in notifications.stream {
                    delivered = max(delivered, position?.version ?? 0)
                    guard version > delivered else { continue }
                    try await deliver()
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            func deliver() async throws {
                while true {
                    let page = try await read(stream, after: delivered, limit: 1_000)
                    for event in page { continuation.yield(event) }
                    guard let last = page.last else { return }
                    delivered = last.sequence
                    if page.count < 1_000 { return }
                }
            }
        }
        continuation.onTermination = { _ in
            task.cancel()
            notifications.cancel()
        }
        return output
    }
}

/// How far a subscriber has got on its own, shared with its subscription so that what the subscriber wrote
/// itself is not read back from the store after every write.
public final class SubscriberPosition: Sendable {
    private let mark = Mutex<Int64>(0)

    public init() {}

    public var version: Int64 { mark.withLock { $0 } }

    /// Records that the subscriber holds every event up to `version`; never moves back.
    public func advance(to version: Int64) {
        mark.withLock { $0 = max($0, version) }
    }
}
