import CoCreateCore
import Conversations
import EventStore
import Foundation
import Hummingbird
import Mustache

/// Everything the controllers share, built once in `buildApplication`.
struct AppServices: Sendable {
    let configuration: AppConfiguration
    let store: any ServerStore
    let log: ConversationLog
    let rooms: LiveRooms
    let accounts: any AccountRepository
    /// Each account's own designs, from the editor, a fork or an imported model.
    var designs: any DesignRepository { EventStoreDesignRepository(store: store) }
    let pages: PageRenderer
    let guesses: GuessThrottle
    let signInLimiter: RateLimiter
    let metrics: ServerMetrics
    let tokenCache = ParticipantTokenCache()
    let publicAddress: PublicAddress
    var effects: Effects { log.effects }

    /// The conversation's live hub, or 404 when there is no such conversation.
    func hub(_ conversationID: String) async throws -> ConversationHub {
        guard let hub = try await rooms.existingHub(for: conversationID) else { throw NotFound(what: "conversation") }
        return hub
    }

    /// The room with everything the store holds, or 404: for a facilitator's command that derives its event from
    /// the room, so people who joined through another instance a moment ago are counted.
    func latestState(_ conversationID: String) async throws -> ConversationState {
        try await hub(conversationID).latest()
    }

    /// The conversation a join code opens for someone joining from `client`, or nil (a wrong guess, counted).
    func conversation(joiningWith code: String, from client: String) async throws -> String? {
        try await guardedLookup(client, key: "code:" + LiveRooms.normalise(code)) { try await rooms.conversation(forCode: code) }
    }

    /// Runs a lookup of something guessable (a join code, a follow-up token) for `client` through the guess
    /// throttle: 429 when the client has guessed wrong too often and `key` has not opened anything for it yet;
    /// a nil answer counts as a wrong guess.
    func guardedLookup<Found>(_ client: String, key: String, _ lookup: () async throws -> Found?) async throws -> Found? {
        guard await guesses.admits(client, key: key, now: effects.now()) else {
            metrics.guessesRefused.increment()
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: "2"],
                            message: "Too many wrong codes from this address. Wait a few seconds, then check the code and try again.")
        }
        let found = try await lookup()
        await guesses.record(client, key: key, found: found != nil, now: effects.now())
        return found
    }

    /// The conversation a join code opens for `client`, or 404; throttled like every code lookup.
    func conversation(code: String, from client: String) async throws -> String {
        guard let id = try await conversation(joiningWith: code, from: client) else { throw NotFound(what: "conversation with that code") }
        return id
    }

    /// Appends events through the conversation's writer (rules checked; a burst shares one append) and
    /// returns the state after them.
    @discardableResult
    func append(_ events: [ConversationEvent], to conversationID: String, ids: [UUID]? = nil, by actor: Actor?) async throws -> ConversationState {
        let hub = try await rooms.hub(for: conversationID)
        let write = ConversationWrite(events: events, ids: ids ?? events.map { _ in effects.newID() }, actor: actor)
        let result = try await hub.writer.append(write, cached: try await hub.current())
        let state = result.state
        // A refused write to a conversation that does not exist must not leave its hub behind.
        if !state.exists { await rooms.evict(conversationID, ifStill: hub) }
        // Others' events the write read on its way are in `state` too: their phones must hear of them.
        await hub.absorb(state, events: result.foreign + events)
        switch result.outcome {
        case .appended: metrics.eventsAppended.increment(by: Int64(events.count))
        case .alreadyStored: break
        case .refused(let error): throw error
        }
        return state
    }
}

/// The live rooms are where the console's, the API's and the phones' commands run: a write wakes
/// every screen that shows it.
extension AppServices: ConversationSpace {
    func current(_ conversation: String) async throws -> ConversationState {
        try await hub(conversation).current()
    }

    func latest(_ conversation: String) async throws -> ConversationState {
        try await latestState(conversation)
    }

    func start(_ created: ConversationCreated) async throws -> String {
        let id = log.newConversationID()
        try await append([.conversationCreated(created)], to: id, ids: nil, by: .facilitator(created.facilitator))
        await rooms.register(code: created.joinCode, for: id)
        return id
    }
}

extension AppServices {
    /// A fresh write id for each form of a page: forms that shared one had their writes taken
    /// for retries of each other.
    func formIDs(_ forms: String...) -> [String: String] {
        Dictionary(uniqueKeysWithValues: forms.map { ($0, effects.newID().uuidString) })
    }
}

struct NotFound: Error {
    var what: String
}
