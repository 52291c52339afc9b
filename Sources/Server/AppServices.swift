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
    let pages: PageRenderer
    let joinLimiter: RateLimiter
    let signInLimiter: RateLimiter
    let metrics: ServerMetrics
    let tokenCache = ParticipantTokenCache()
    let publicAddress: PublicAddress
    var effects: Effects { log.effects }

    /// The conversation's live hub, or 404 when there is no such conversation.
    func hub(_ conversationID: String) async throws -> ConversationHub {
        let hub = try await rooms.hub(for: conversationID)
        guard try await hub.current().exists else { throw NotFound(what: "conversation") }
        return hub
    }

    /// The room with everything the store holds, or 404: for a facilitator's command that derives its event from
    /// the room, so people who joined through another instance a moment ago are counted.
    func latestState(_ conversationID: String) async throws -> ConversationState {
        try await hub(conversationID).latest()
    }

    /// The conversation a join code opens for someone joining from `client`: 429 after too many wrong codes
    /// from that address, 404 (counted) for a wrong code. Right codes are never counted.
    func conversation(joiningWith code: String, from client: String) async throws -> String? {
        try await guardedLookup(client) { try await rooms.conversation(forCode: code) }
    }

    /// Runs a lookup of something guessable (a join code, a follow-up token) for `client`, refusing with 429
    /// once that address has guessed wrong too often, and counting a nil answer as a wrong guess.
    func guardedLookup<Found>(_ client: String, _ lookup: () async throws -> Found?) async throws -> Found? {
        let key = "guess:" + client
        guard await !joinLimiter.isBlocked(key, now: effects.now()) else {
            throw HTTPError(.tooManyRequests, message: "Too many wrong codes from this address. Wait a minute, then try again.")
        }
        let found = try await lookup()
        if found == nil { await joinLimiter.recordFailure(key, now: effects.now()) }
        return found
    }

    /// The conversation a join code opens, or 404.
    func conversation(code: String) async throws -> String {
        guard let id = try await rooms.conversation(forCode: code) else { throw NotFound(what: "conversation with that code") }
        return id
    }

    /// Appends events through the conversation's writer (rules checked; a burst shares one append) and
    /// returns the state after them.
    @discardableResult
    func append(_ events: [ConversationEvent], to conversationID: String, ids: [UUID]? = nil) async throws -> ConversationState {
        let hub = try await rooms.hub(for: conversationID)
        let write = ConversationWrite(events: events, ids: ids ?? events.map { _ in effects.newID() })
        let result = try await hub.writer.append(write, cached: try await hub.current())
        let state = result.state
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
        try await append([.conversationCreated(created)], to: id, ids: nil)
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
