import CoCreateCore
import Conversations
import EventStore
import Foundation

/// One conversation, live: its state kept folded in memory and every watcher told when it changes.
///
/// The hub follows the store's subscription, so events written by this process, by another
/// instance (PostgreSQL NOTIFY) or by an import all reach every screen the same way.
public actor ConversationHub {
    public let conversationID: String
    private let log: ConversationLog
    private(set) var state: ConversationState {
        didSet { position.advance(to: state.version) }
    }
    /// When the state last advanced, for the fan-out latency metric.
    private(set) var changedAt = ContinuousClock.now
    /// Each open page: its stream of versions, and for a phone whose it is (screens and consoles see everything).
    private var watchers: [UUID: (continuation: AsyncStream<Int64>.Continuation, participant: String?)] = [:]
    /// Which phones each change concerns, so the others are not re-rendered.
    private var relevance = PhoneRelevance()
    private var following: Task<Void, Never>?
    /// This instance's writes to the conversation, in one line, committed in batches.
    nonisolated let writer: ConversationWriter
    /// The version this hub holds (kept by `state`), so its subscription does not read back the hub's own writes.
    private let position = SubscriberPosition()

    init(conversationID: String, log: ConversationLog) {
        self.conversationID = conversationID
        self.log = log
        self.writer = ConversationWriter(conversation: conversationID, log: log)
        self.state = ConversationState(id: conversationID)
    }

    /// Loads the state and starts following the log. Idempotent, and safe to call concurrently: every caller
    /// waits for the one load, so nobody sees the empty state of a hub still loading.
    func start() async throws {
        if let loading {
            try await loading.value
            return
        }
        let load = Task { try await self.load() }
        loading = load
        do {
            try await load.value
        } catch {
            loading = nil
            throw error
        }
    }

    private var loading: Task<Void, any Error>?

    private func load() async throws {
        state = try await log.state(of: conversationID)
        relevance.noteEverything(upTo: state.version)
        let subscription = log.store.subscribe(conversationID, after: state.version, position: position)
        following = Task { [weak self] in
            do {
                for try await recorded in subscription {
                    guard let self else { return }
                    await self.fold(recorded)
                }
            } catch {
                // The store failed; watchers keep the last state and reconnect clients re-sync.
            }
        }
    }

    private func fold(_ recorded: RecordedEvent) {
        guard recorded.sequence == state.version + 1, let envelope = try? ConversationLog.envelope(from: recorded) else { return }
        let previous = state.version
        state.apply(envelope)
        relevance.note(envelope.event, at: state.version)
        changedAt = .now
        notifyWatchers(changedAfter: previous)
    }

    /// Wakes the pages a change concerns. A vote in a room of 40 wakes its voter's phone, the projector and the
    /// console, not the 39 phones that would each look and find nothing new to show.
    private func notifyWatchers(changedAfter previous: Int64) {
        let round = state.roundToSeat
        for watcher in watchers.values {
            if let participant = watcher.participant,
               relevance.version(for: participant, round: round, in: state) <= previous { continue }
            watcher.continuation.yield(state.version)
        }
    }

    /// Takes a state this process just wrote, so the writer's next read sees its own write
    /// without waiting for the subscription to deliver it. `events` are the write's own events; a batch's
    /// other writes bring theirs.
    func absorb(_ newer: ConversationState, events: [ConversationEvent]) {
        for event in events { relevance.note(event, at: newer.version) }
        guard newer.version > state.version else {
            // Another write of the same batch brought the state here first, before these events' phones were
            // known to care: wake them now (pages already showing this version ignore the repeat).
            notifyWatchers(changedAfter: newer.version - 1)
            return
        }
        let previous = state.version
        state = newer
        changedAt = .now
        notifyWatchers(changedAfter: previous)
    }

    /// The state as this instance holds it: its own writes, and other instances' as their notifications arrive.
    func current() async throws -> ConversationState { state }

    /// The state with everything the store holds, read now. For a command that derives its event from the room
    /// (who is there to seat, which phase comes next): another instance may have written a moment ago, and its
    /// notification may not have arrived yet.
    func latest() async throws -> ConversationState {
        let fresh = try await log.fold(conversationID, onto: state)
        if fresh.version > state.version {
            let previous = state.version
            state = fresh
            changedAt = .now
            relevance.noteEverything(upTo: fresh.version)
            notifyWatchers(changedAfter: previous)
        }
        return state
    }

    /// What a phone needs to decide whether to re-render: the state, and the newest version that changed
    /// what `participant`'s phone shows.
    func phoneSnapshot(for participant: String) -> (state: ConversationState, relevantVersion: Int64, changedAt: ContinuousClock.Instant) {
        (state, relevance.version(for: participant, in: state), changedAt)
    }

    /// A stream of versions, one each time the state changes; the newest only if the reader lags.
    /// `participant` is the phone's owner; nil for a projector or console, which are told of every change.
    func watch(for participant: String? = nil) -> (id: UUID, versions: AsyncStream<Int64>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int64>.makeStream(bufferingPolicy: .bufferingNewest(1))
        watchers[id] = (continuation, participant)
        continuation.yield(state.version)
        return (id, stream)
    }

    func stopWatching(_ id: UUID) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    var watcherCount: Int { watchers.count }

    func stop() {
        following?.cancel()
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }
}

/// Every live conversation of this server, and the index from join code to conversation.
///
/// Codes are kept in the key-value store beside the log (`join-code:` keys), written when a conversation
/// is created, so a phone joining through any instance finds its conversation in one lookup however many
/// conversations the database holds. Conversations that reached the log another way (an imported archive,
/// a database older than the index) are found by reading the first event of streams not yet seen, once
/// each, and their codes are written to the index then.
public actor LiveRooms {
    let log: ConversationLog
    let codes: any KeyValueStore
    private var hubs: [String: ConversationHub] = [:]
    private var conversationByCode: [String: String] = [:]
    private var scannedStreams: Set<String> = []

    init(log: ConversationLog, codes: any KeyValueStore) {
        self.log = log
        self.codes = codes
    }

    /// When each hub was last asked for, in milliseconds: idle hubs are evicted (`evictIdle`).
    private var lastUsed: [String: Int64] = [:]
    private var lastSweep: Int64 = 0
    /// A hub nobody watches and nobody asked for in this long is stopped and dropped; the next request
    /// folds the log again. Without it every conversation ever opened stayed in memory with its subscription.
    let idleMilliseconds: Int64 = 10 * 60 * 1000

    func hub(for conversationID: String) async throws -> ConversationHub {
        let now = log.effects.now()
        if now - lastSweep > 60_000 {
            lastSweep = now
            await evictIdle(now: now)
        }
        let hub = hubs[conversationID] ?? ConversationHub(conversationID: conversationID, log: log)
        hubs[conversationID] = hub
        lastUsed[conversationID] = now
        // Also for a hub found in the table: another request may have created it and still be loading it.
        try await hub.start()
        return hub
    }

    /// The hub of a conversation that exists, or nil, leaving nothing behind: 20,000 requests for made-up ids
    /// kept 20,000 hubs (157 → 438 MB).
    func existingHub(for conversationID: String) async throws -> ConversationHub? {
        let hub = try await hub(for: conversationID)
        if try await hub.current().exists { return hub }
        await evict(conversationID, ifStill: hub)
        return nil
    }

    /// Drops `hub` unless someone watches it or it was replaced meanwhile.
    func evict(_ conversationID: String, ifStill hub: ConversationHub) async {
        guard hubs[conversationID] === hub, await hub.watcherCount == 0, hubs[conversationID] === hub else { return }
        hubs[conversationID] = nil
        lastUsed[conversationID] = nil
        await hub.stop()
    }

    func evictIdle(now: Int64) async {
        for (id, hub) in hubs where now - (lastUsed[id] ?? 0) > idleMilliseconds {
            await evict(id, ifStill: hub)
        }
    }

    var hubCount: Int { hubs.count }

    /// The conversation a join code opens, if any. Codes are compared without case or hyphen.
    func conversation(forCode code: String) async throws -> String? {
        let key = Self.normalise(code)
        guard !key.isEmpty else { return nil }
        if let found = conversationByCode[key] { return found }
        if let stored = try await codes.value(for: Self.indexKey(key), now: log.effects.now()),
           let id = String(data: stored, encoding: .utf8) {
            conversationByCode[key] = id
            return id
        }
        for id in try await log.conversations() where !scannedStreams.contains(id) {
            let first = try await log.store.read(id, after: 0, limit: 1).first
            // Marked only once read: a failed read leaves the stream to the next unknown code.
            scannedStreams.insert(id)
            guard let first, case .conversationCreated(let created) = try ConversationLog.envelope(from: first).event else { continue }
            let found = Self.normalise(created.joinCode)
            conversationByCode[found] = id
            try await codes.set(Data(id.utf8), for: Self.indexKey(found), expiresAt: nil)
        }
        return conversationByCode[key]
    }

    /// Records the code of a conversation just created, for this instance and, through the store, for every other.
    /// The conversation exists once its first event is stored, so a failure to write the index is not the
    /// creator's error: other instances then find the code by reading the stream.
    func register(code: String, for conversationID: String) async {
        let key = Self.normalise(code)
        conversationByCode[key] = conversationID
        try? await codes.set(Data(conversationID.utf8), for: Self.indexKey(key), expiresAt: nil)
    }

    static func indexKey(_ normalisedCode: String) -> String { "join-code:" + normalisedCode }

    static func normalise(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    func stopAll() async {
        for hub in hubs.values { await hub.stop() }
    }

    var connectedWatchers: Int {
        get async {
            var total = 0
            for hub in hubs.values { total += await hub.watcherCount }
            return total
        }
    }
}
