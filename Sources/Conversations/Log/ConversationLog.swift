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

    /// `state` brought up to date with events written since it was folded; `reading` sees each of them.
    public func fold(
        _ conversation: String, onto state: ConversationState, reading: (EventEnvelope) -> Void = { _ in }
    ) async throws -> ConversationState {
        var state = state
        var after = state.version
        while true {
            let page = try await store.read(conversation, after: after, limit: 5_000)
            for recorded in page {
                let envelope = try Self.envelope(from: recorded)
                reading(envelope)
                state.apply(envelope)
            }
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
        _ events: [ConversationEvent], to conversation: String, ids: [UUID]? = nil, cached: ConversationState? = nil, by actor: Actor? = nil
    ) async throws -> (state: ConversationState, sequences: ClosedRange<Int64>, wasRetry: Bool) {
        let write = ConversationWrite(events: events, ids: ids ?? events.map { _ in effects.newID() }, actor: actor)
        let (state, outcomes, _) = try await append([write], to: conversation, cached: cached)
        switch outcomes[0] {
        case .appended(let sequences): return (state, sequences, false)
        case .alreadyStored(let sequences): return (try await self.state(of: conversation), sequences, true)
        case .refused(let error): throw error
        }
    }

    /// The sequences of an earlier attempt that already stored this write's ids, checked before the
    /// rules because the rules may now refuse what the first attempt wrote (a contribution id
    /// already used, say).
    ///
    /// A retry is recognised by its ids *and* its content: ids stored with other events mean the
    /// client reused an id for a different write, which is refused (``WriteConflict``), never
    /// answered as if it had been applied.
    func priorAttempt(of write: ConversationWrite, in conversation: String) async throws -> ClosedRange<Int64>? {
        var range: ClosedRange<Int64>?
        for (id, event) in zip(write.ids, write.events) {
            guard let stored = try await store.event(withID: id) else {
                // The first id unknown: a new write. A later one unknown: half of an earlier write.
                if range == nil { return nil }
                throw WriteConflict(id: id, reason: "belongs to an earlier write whose other events are missing")
            }
            guard stored.stream == conversation else {
                throw WriteConflict(id: id, reason: "was already used in another conversation")
            }
            guard event.isRetry(of: try Self.envelope(from: stored).event) else {
                throw WriteConflict(id: id, reason: "was already used for a different \(stored.type) write")
            }
            range = range.map { min($0.lowerBound, stored.sequence)...max($0.upperBound, stored.sequence) } ?? stored.sequence...stored.sequence
        }
        return range
    }

    /// Decodes a stored event.
    public static func envelope(from recorded: RecordedEvent) throws -> EventEnvelope {
        EventEnvelope(id: recorded.id, at: recorded.recordedAt, event: try EventCodec.decode(type: recorded.type, payload: recorded.payload))
    }

    /// Streams whose names start with `_` hold the application's own records (accounts): never a conversation.
    public static func isReserved(_ stream: String) -> Bool { stream.hasPrefix("_") }

    /// Every conversation id, oldest first. Streams whose names start with `_` are reserved
    /// for the application (accounts) and are not conversations.
    public func conversations() async throws -> [String] {
        try await store.streams().map(\.stream).filter { !Self.isReserved($0) }
    }

    /// A new conversation id: short, URL-safe and unguessable enough not to be enumerated.
    public func newConversationID() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return "c" + effects.randomBytes(11).map { String(alphabet[Int($0) % alphabet.count]) }.joined()
    }
}

/// The log itself as a place to run commands: the command line, and tests without a server.
public struct LogSpace: ConversationSpace {
    public let log: ConversationLog
    public init(log: ConversationLog) { self.log = log }

    public var effects: Effects { log.effects }

    public func current(_ conversation: String) async throws -> ConversationState {
        let state = try await log.state(of: conversation)
        guard state.exists, !ConversationLog.isReserved(conversation) else { throw ConversationNotFound(conversation) }
        return state
    }

    public func latest(_ conversation: String) async throws -> ConversationState {
        try await current(conversation)
    }

    public func append(_ events: [ConversationEvent], to conversation: String, ids: [UUID]?, by actor: Actor?) async throws -> ConversationState {
        try await log.append(events, to: conversation, ids: ids, by: actor).state
    }

    public func start(_ created: ConversationCreated) async throws -> String {
        let id = log.newConversationID()
        try await log.append([.conversationCreated(created)], to: id, by: .facilitator(created.facilitator))
        return id
    }
}
