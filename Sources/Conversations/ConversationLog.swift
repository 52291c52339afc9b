import CoCreateCore
import EventStore
import Foundation

/// Conversations on top of an event store: reads fold into state, writes are checked by the
/// rules against the latest state and appended with optimistic concurrency.
///
/// This is the one place that knows both the domain and the store protocol, so the server and
/// the command line share it instead of each re-deriving state.
public struct ConversationLog: Sendable {
    public let store: any EventStore
    public let effects: Effects

    public init(store: any EventStore, effects: Effects = .live) {
        self.store = store
        self.effects = effects
    }

    /// The current state of `conversation`, folded from its whole log.
    public func state(of conversation: String) async throws -> ConversationState {
        try await fold(conversation, onto: ConversationState(id: conversation))
    }

    /// `state` brought up to date with events written since it was folded.
    public func fold(_ conversation: String, onto state: ConversationState) async throws -> ConversationState {
        var state = state
        var after = state.version
        while true {
            let page = try await store.read(conversation, after: after, limit: 5_000)
            for recorded in page { state.apply(try Self.envelope(from: recorded)) }
            guard let last = page.last, page.count == 5_000 else { return state }
            after = last.sequence
        }
    }

    /// Checks `events` against the conversation's latest state and appends them atomically.
    ///
    /// `ids` lets a client retry safely: pass the same ids again and nothing is written twice.
    /// When another writer got in first, the state is re-read and the rules checked again.
    /// `cached` is a state the caller already holds (the live room's); only events written since
    /// it are read, so a write costs the same in a long conversation as in a short one.
    @discardableResult
    public func append(
        _ events: [ConversationEvent], to conversation: String, ids: [UUID]? = nil, cached: ConversationState? = nil
    ) async throws -> (state: ConversationState, sequences: ClosedRange<Int64>, wasRetry: Bool) {
        let ids = ids ?? events.map { _ in effects.newID() }
        precondition(ids.count == events.count, "one id per event")
        let at = effects.now()
        if let earlier = try await priorAttempt(ids: ids, in: conversation) {
            return (try await state(of: conversation), earlier, true)
        }
        var state = try await fold(conversation, onto: cached ?? ConversationState(id: conversation))
        for attempt in 0..<20 {
            var next = state
            var newEvents: [NewEvent] = []
            for (event, id) in zip(events, ids) {
                try ConversationRules.check(event, against: next)
                let envelope = EventEnvelope(id: id, at: at, event: event)
                next.apply(envelope)
                let (type, payload) = try EventCodec.encode(event)
                newEvents.append(NewEvent(id: id, type: type, payload: payload, recordedAt: at))
            }
            do {
                let result = try await store.append(newEvents, to: conversation, expected: .exactly(state.version))
                if result.wasRetry { next = try await self.state(of: conversation) }
                return (next, result.sequences, result.wasRetry)
            } catch EventStoreError.wrongExpectedVersion {
                // Someone else wrote first; a retry of ours that already landed is recognised by id.
                if let retried = try? await store.append(newEvents, to: conversation, expected: .any), retried.wasRetry {
                    return (try await self.state(of: conversation), retried.sequences, true)
                }
                state = try await fold(conversation, onto: state)
                if attempt == 19 { throw EventStoreError.storage("too much contention on \(conversation)") }
            } catch EventStoreError.eventIDConflict(let id) where ids.count == 1 {
                throw RuleViolation(field: "id", message: "event id \(id) was already used for another event")
            }
        }
        throw EventStoreError.storage("too much contention on \(conversation)")
    }

    /// The sequences of an earlier attempt that already stored these ids, checked before the
    /// rules because the rules may now refuse what the first attempt wrote (a contribution id
    /// already used, say).
    private func priorAttempt(ids: [UUID], in conversation: String) async throws -> ClosedRange<Int64>? {
        guard let first = ids.first, let stored = try await store.event(withID: first) else { return nil }
        guard stored.stream == conversation else {
            throw RuleViolation(field: "id", message: "event id \(first) was already used in another conversation")
        }
        var last = stored.sequence
        for id in ids.dropFirst() {
            guard let next = try await store.event(withID: id), next.stream == conversation else {
                throw RuleViolation(field: "id", message: "event id \(id) does not belong to the same earlier write")
            }
            last = max(last, next.sequence)
        }
        return stored.sequence...last
    }

    /// Decodes a stored event.
    public static func envelope(from recorded: RecordedEvent) throws -> EventEnvelope {
        EventEnvelope(id: recorded.id, at: recorded.recordedAt, event: try EventCodec.decode(type: recorded.type, payload: recorded.payload))
    }

    /// Every conversation id, oldest first. Streams whose names start with `_` are reserved
    /// for the application (accounts) and are not conversations.
    public func conversations() async throws -> [String] {
        try await store.streams().map(\.stream).filter { !$0.hasPrefix("_") }
    }

    /// A new conversation id: short, URL-safe and unguessable enough not to be enumerated.
    public func newConversationID() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return "c" + effects.randomBytes(11).map { String(alphabet[Int($0) % alphabet.count]) }.joined()
    }
}
