import CoCreateCore
import Conversations
import EventStore
import Foundation
import Hummingbird

/// Where a request's participant token travels: an HttpOnly cookie (pages, WebSocket) or an
/// `Authorization: Bearer` header (API). The tokens themselves are `ParticipantTokenRepository`'s.
struct ParticipantTokens: Sendable {
    let services: AppServices
    static let lifetimeMilliseconds = ParticipantTokenRepository.lifetimeMilliseconds

    static func cookieName(code: String) -> String { "cc_" + LiveRooms.normalise(code) }

    var repository: ParticipantTokenRepository {
        ParticipantTokenRepository(store: services.store, effects: services.effects, cache: services.tokenCache)
    }

    func issue(for identity: ParticipantIdentity) async throws -> String { try await repository.issue(for: identity) }

    func identity(for token: String) async throws -> ParticipantIdentity? { try await repository.identity(for: token) }

    /// The participant a request speaks for in `conversationID`, from its cookie or bearer token.
    func participant(in conversationID: String, code: String, request: Request) async throws -> String? {
        var candidates: [String] = []
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            candidates.append(String(authorization.dropFirst(7)))
        }
        if let cookie = request.cookies[Self.cookieName(code: code)]?.value { candidates.append(cookie) }
        for token in candidates {
            guard let identity = try await identity(for: token), identity.conversationID == conversationID else { continue }
            if let claim = identity.claim {
                let person = try await services.current(conversationID).participant(identity.participantID)
                guard let person, person.claimed, person.claims == claim else { continue }
            }
            return identity.participantID
        }
        return nil
    }

    /// A request from a joined phone (cookie) or participant client (bearer token).
    struct Phone: Sendable {
        var code: String
        var conversationID: String
        var participantID: String
    }

    /// Who a request under `/c/:code` (or `/api/v1/c/:code`) speaks for; 401 when it has not joined.
    func me(_ request: Request, _ context: some RequestContext) async throws -> Phone {
        let code = try context.parameters.require("code")
        let id = try await services.conversation(code: code, from: context.clientKey)
        guard let participantID = try await participant(in: id, code: code, request: request) else {
            throw HTTPError(.unauthorized, message: request.uri.path.hasPrefix("/api/")
                ? "Join first: POST /api/v1/join, then send Authorization: Bearer <token>."
                : "Join the conversation first: open /c/\(code) and pick your name.")
        }
        return Phone(code: code, conversationID: id, participantID: participantID)
    }

    func cookie(_ token: String, code: String, secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName(code: code), value: token, maxAge: Int(Self.lifetimeMilliseconds / 1000),
               path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
