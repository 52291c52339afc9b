import Foundation

/// An event store in memory: for tests, previews and the conformance suite's reference.
public actor InMemoryEventStore: EventStore {
    private var events: [String: [RecordedEvent]] = [:]
    private var order: [String] = []
    private var streamOfEventID: [UUID: String] = [:]
    public nonisolated let changes = StreamChangeBroadcaster()

    public init() {}

    public func append(_ newEvents: [NewEvent], to stream: String, expected: ExpectedVersion) throws -> AppendResult {
        guard let first = newEvents.first else { throw EventStoreError.emptyAppend }
        let existing = events[stream] ?? []
        let known = newEvents.filter { streamOfEventID[$0.id] != nil }
        if !known.isEmpty {
            let stored = existing.filter { event in newEvents.contains { $0.id == event.id } }
            guard known.count == newEvents.count, stored.count == newEvents.count,
                  let low = stored.first?.sequence, let high = stored.last?.sequence
            else { throw EventStoreError.eventIDConflict(known[0].id) }
            return AppendResult(sequences: low...high, wasRetry: true)
        }
        if Set(newEvents.map(\.id)).count != newEvents.count { throw EventStoreError.eventIDConflict(first.id) }
        let version = Int64(existing.count)
        guard expected.admits(version) else {
            throw EventStoreError.wrongExpectedVersion(stream: stream, expected: expected, actual: version)
        }
        if existing.isEmpty { order.append(stream) }
        var appended = existing
        for (offset, event) in newEvents.enumerated() {
            appended.append(RecordedEvent(
                stream: stream, sequence: version + Int64(offset) + 1, id: event.id,
                type: event.type, payload: event.payload, recordedAt: event.recordedAt))
            streamOfEventID[event.id] = stream
        }
        events[stream] = appended
        let last = Int64(appended.count)
        changes.publish(stream: stream, version: last)
        return AppendResult(sequences: (version + 1)...last, wasRetry: false)
    }

    public func read(_ stream: String, after: Int64, limit: Int) -> [RecordedEvent] {
        let all = events[stream] ?? []
        let start = Int(max(0, min(after, Int64(all.count))))
        return Array(all[start..<min(all.count, start + max(0, limit))])
    }

    public func event(withID id: UUID) -> RecordedEvent? {
        guard let stream = streamOfEventID[id] else { return nil }
        return events[stream]?.first { $0.id == id }
    }

    public func version(of stream: String) -> Int64 { Int64(events[stream]?.count ?? 0) }

    public func streams() -> [StreamSummary] {
        order.map { StreamSummary(stream: $0, version: Int64(events[$0]?.count ?? 0)) }
    }
}
