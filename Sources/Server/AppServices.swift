import CoCreateCore
import Conversations
import EventStore
import Foundation
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
    var effects: Effects { log.effects }

    /// The conversation's live hub, or 404 when there is no such conversation.
    func hub(_ conversationID: String) async throws -> ConversationHub {
        let hub = try await rooms.hub(for: conversationID)
        guard try await hub.current().exists else { throw NotFound(what: "conversation") }
        return hub
    }

    /// The conversation a join code opens, or 404.
    func conversation(code: String) async throws -> String {
        guard let id = try await rooms.conversation(forCode: code) else { throw NotFound(what: "conversation with that code") }
        return id
    }

    /// Appends events through the log (rules checked) and returns the new state.
    @discardableResult
    func append(_ events: [ConversationEvent], to conversationID: String, ids: [UUID]? = nil) async throws -> ConversationState {
        let hub = try await rooms.hub(for: conversationID)
        let result = try await log.append(events, to: conversationID, ids: ids, cached: try await hub.current())
        await hub.absorb(result.state)
        if !result.wasRetry { metrics.eventsAppended.increment(by: Int64(events.count)) }
        return result.state
    }
}

struct NotFound: Error {
    var what: String
}
