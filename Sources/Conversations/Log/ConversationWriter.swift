import CoCreateCore
import EventStore
import Foundation

/// One write of a conversation: events that stand or fall together, with the client's ids for them.
public struct ConversationWrite: Sendable {
    public var events: [ConversationEvent]
    public var ids: [UUID]
    /// Who wrote it; nil where nobody acted (the command line's imports, benchmarks).
    public var actor: Actor?

    public init(events: [ConversationEvent], ids: [UUID], actor: Actor? = nil) {
        precondition(events.count == ids.count, "one id per event")
        self.events = events
        self.ids = ids
        self.actor = actor
    }
}

/// A write's answer from the ``ConversationWriter``.
public struct ConversationWriteResult: Sendable {
    /// The state just after the write's batch.
    public var state: ConversationState
    public var outcome: ConversationWriteOutcome
    /// Events other writers had stored that the batch read on its way (after losing a race): they are in
    /// `state`, and whoever shows them live must hear of them too.
    public var foreign: [ConversationEvent]
}

/// What became of one write of a batch.
public enum ConversationWriteOutcome: Sendable {
    /// Appended now, at these sequences.
    case appended(ClosedRange<Int64>)
    /// An earlier attempt with the same ids had already stored it, at these sequences.
    case alreadyStored(ClosedRange<Int64>)
    /// The rules refused it; nothing of it was written.
    case refused(any Error)

    var isRefusal: Bool { if case .refused = self { true } else { false } }
}

/// The writes of one conversation in this process, in a line: those that arrive while a commit is under way
/// are checked one by one and committed together in the next append.
///
/// Forty phones voting in the same second would otherwise each race for the next sequence and retry, which
/// on one conversation costs O(n²) reads and one disk flush per vote. In a line, a burst costs a handful of
/// appends, each flushed once. Other instances (PostgreSQL) are still handled by optimistic concurrency.
public actor ConversationWriter {
    public let conversation: String
    private let log: ConversationLog
    private var waiting: [(write: ConversationWrite, reply: CheckedContinuation<ConversationWriteResult, any Error>)] = []
    private var committing = false
    private var latest: ConversationState?

    public init(conversation: String, log: ConversationLog) {
        self.conversation = conversation
        self.log = log
    }

    /// Queues `write`, and returns once it is committed (or refused) with the state just after its batch.
    ///
    /// `cached` is the freshest state the caller holds; only events after it are read.
    public func append(_ write: ConversationWrite, cached: ConversationState?) async throws -> ConversationWriteResult {
        if let cached, cached.version > (latest?.version ?? -1) { latest = cached }
        return try await withCheckedThrowingContinuation { reply in
            waiting.append((write, reply))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    private func commitWaiting() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            do {
                let (state, outcomes, foreign) = try await log.append(batch.map(\.write), to: conversation, cached: latest)
                latest = state
                for (entry, outcome) in zip(batch, outcomes) {
                    entry.reply.resume(returning: ConversationWriteResult(state: state, outcome: outcome, foreign: foreign))
                }
            } catch {
                for entry in batch { entry.reply.resume(throwing: error) }
            }
        }
        committing = false
    }
}

extension ConversationLog {
    /// Each lost race means another write landed, so the loop always progresses; the bound only stops a
    /// store that keeps failing. Many writers to one conversation from one process (the CLI, tests) can
    /// each lose dozens of races in a row; the server's `ConversationWriter` puts its own in a line.
    static let maximumAttempts = 500

    /// Checks each write against the state the writes before it leave, and appends every accepted one in one
    /// atomic append. A write the rules refuse is reported and skipped; the others are unaffected.
    ///
    /// Returns the state after the batch and one outcome per write, in order.
    public func append(
        _ writes: [ConversationWrite], to conversation: String, cached: ConversationState? = nil
    ) async throws -> (state: ConversationState, outcomes: [ConversationWriteOutcome], foreign: [ConversationEvent]) {
        var outcomes: [ConversationWriteOutcome?] = Array(repeating: nil, count: writes.count)
        var foreign: [ConversationEvent] = []
        // Brings `state` up to date from the store, keeping what other writers stored.
        func catchUp(_ state: ConversationState) async throws -> ConversationState {
            try await fold(conversation, onto: state) { foreign.append($0.event) }
        }
        // A cached state is trusted until the store says otherwise: a stale one fails the expected-version check
        // below and is brought up to date then, so the usual write reads nothing before it appends.
        var state = if let cached { cached } else { try await fold(conversation, onto: ConversationState(id: conversation)) }
        let at = effects.now()
        for attempt in 0..<Self.maximumAttempts {
            // After a lost race, writes already stored (a client's retry through another instance, or our own
            // attempt whose answer was lost) are not redone. On the first attempt the store itself spots them.
            if attempt > 0 {
                for (index, write) in writes.enumerated() where outcomes[index] == nil {
                    if let earlier = try await earlierAttempt(of: write, in: conversation) { outcomes[index] = earlier }
                }
            }
            var next = state
            var accepted: [(index: Int, range: Range<Int>)] = []
            var newEvents: [NewEvent] = []
            var idsInBatch = Set<UUID>()
            for (index, write) in writes.enumerated() where outcomes[index] == nil {
                // The same ids twice in one batch: a retry racing its original. It gets the original's sequences.
                guard idsInBatch.isDisjoint(with: write.ids) else { continue }
                do {
                    var trial = next
                    var encoded: [NewEvent] = []
                    for (event, id) in zip(write.events, write.ids) {
                        try ConversationRules.check(event, against: trial)
                        trial.apply(EventEnvelope(id: id, at: at, event: event))
                        let (type, payload) = try EventCodec.encode(event)
                        encoded.append(NewEvent(id: id, type: type, payload: EventActor.stamp(payload, with: write.actor), recordedAt: at))
                    }
                    next = trial
                    accepted.append((index, newEvents.count..<(newEvents.count + encoded.count)))
                    newEvents += encoded
                    idsInBatch.formUnion(write.ids)
                } catch {
                    // The rules may be refusing this write's own earlier attempt (its contribution id is taken):
                    // then it is a retry to answer with the stored sequences, not a refusal.
                    let earlier = attempt == 0 ? try await earlierAttempt(of: write, in: conversation) : nil
                    outcomes[index] = earlier ?? .refused(error)
                }
            }
            // A refusal must not rest on a stale cached state (a statement another instance just added, say).
            if attempt == 0, cached != nil, outcomes.contains(where: { $0?.isRefusal == true }) {
                let fresh = try await catchUp(state)
                if fresh.version > state.version {
                    state = fresh
                    for index in outcomes.indices where outcomes[index]?.isRefusal == true { outcomes[index] = nil }
                    continue
                }
            }
            guard !newEvents.isEmpty else { return (try await settle(writes, &outcomes, state, conversation), outcomes.map { $0! }, foreign) }
            do {
                let result = try await store.append(newEvents, to: conversation, expected: .exactly(state.version))
                for (index, range) in accepted {
                    let first = result.sequences.lowerBound + Int64(range.lowerBound)
                    if result.wasRetry {
                        // The store matched the ids only; the content must match too.
                        outcomes[index] = try await earlierAttempt(of: writes[index], in: conversation)
                            ?? .alreadyStored(first...(first + Int64(range.count) - 1))
                    } else {
                        outcomes[index] = .appended(first...(first + Int64(range.count) - 1))
                    }
                }
                let after = result.wasRetry ? try await catchUp(state) : next
                return (try await settle(writes, &outcomes, after, conversation), outcomes.map { $0! }, foreign)
            } catch EventStoreError.wrongExpectedVersion {
                // Another instance wrote first: read what it wrote and check the writes again.
                state = try await catchUp(state)
            } catch EventStoreError.eventIDConflict {
                // Some id of the batch landed meanwhile (a retry through another instance); sorted out above.
                state = try await catchUp(state)
            }
            if attempt == Self.maximumAttempts - 1 { break }
            // Let the writer that won finish before trying again.
            await Task.yield()
        }
        throw EventStoreError.storage("too much contention on \(conversation)")
    }

    /// Gives writes that repeated the ids of an accepted write of the same batch that write's sequences.
    private func settle(
        _ writes: [ConversationWrite], _ outcomes: inout [ConversationWriteOutcome?], _ state: ConversationState, _ conversation: String
    ) async throws -> ConversationState {
        for (index, write) in writes.enumerated() where outcomes[index] == nil {
            if let earlier = try await earlierAttempt(of: write, in: conversation) {
                outcomes[index] = earlier
            } else {
                outcomes[index] = .refused(RuleViolation(field: "id", message: "the same event ids were sent twice with different events"))
            }
        }
        return state
    }

    /// What an earlier attempt with `write`'s ids became: stored (a retry to answer with its sequences),
    /// a conflict (the ids were used for other content, refused on its own without failing the batch),
    /// or nil when the ids are new.
    private func earlierAttempt(of write: ConversationWrite, in conversation: String) async throws -> ConversationWriteOutcome? {
        do {
            return try await priorAttempt(of: write, in: conversation).map { .alreadyStored($0) }
        } catch let conflict as WriteConflict {
            return .refused(conflict)
        }
    }
}
