import CoCreateCore
import EventStore
import Foundation
import Hummingbird

/// The bearer of a participant token may act as that participant, in that conversation only.
struct ParticipantIdentity: Codable, Sendable, Equatable {
    var conversationID: String
    var participantID: String
    /// The claim of the name this token was issued for; a released name's old tokens stop working.
    /// Nil for tokens issued before claims existed.
    var claim: Int?

    init(conversationID: String, participantID: String, claim: Int? = nil) {
        self.conversationID = conversationID
        self.participantID = participantID
        self.claim = claim
    }

    /// Issued for `participantID` as the room now stands.
    init(conversationID: String, participantID: String, in state: ConversationState) {
        self.init(conversationID: conversationID, participantID: participantID, claim: state.participant(participantID)?.claims)
    }
}

/// Issues and resolves participants' tokens: 128+ random bits, kept in the key-value table so a
/// phone stays joined across server restarts. The token travels in an HttpOnly cookie (pages,
/// WebSocket) or an `Authorization: Bearer` header (API).
struct ParticipantTokens: Sendable {
    let services: AppServices
    static let lifetimeMilliseconds: Int64 = 30 * 24 * 3600 * 1000

    static func cookieName(code: String) -> String { "cc_" + LiveRooms.normalise(code) }

    func issue(for identity: ParticipantIdentity) async throws -> String {
        let token = services.effects.secretToken(bytes: 24)
        try await services.store.set(try JSONEncoder().encode(identity), for: "ptoken:" + token,
                                     expiresAt: services.effects.now() + Self.lifetimeMilliseconds)
        services.tokenCache.remember(identity, for: token, now: services.effects.now())
        return token
    }

    func identity(for token: String) async throws -> ParticipantIdentity? {
        guard token.count >= 20, token.count <= 64 else { return nil }
        let now = services.effects.now()
        if let known = services.tokenCache.identity(for: token, now: now) { return known }
        guard let data = try await services.store.value(for: "ptoken:" + token, now: now),
              let identity = try? JSONDecoder().decode(ParticipantIdentity.self, from: data) else { return nil }
        services.tokenCache.remember(identity, for: token, now: now)
        return identity
    }

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

/// Tokens this instance has already resolved, so a phone's every vote does not read the database.
///
/// Tokens are never revoked before they expire, so a remembered answer stays right; it is only trusted for
/// `freshness` after it was read, which bounds how long past its 30-day expiry a token could still work.
/// Unknown tokens are not remembered: a wrong guess must cost the guesser a lookup, not fill memory.
final class ParticipantTokenCache: Sendable {
    private let entries = Mutex<[String: (identity: ParticipantIdentity, readAt: Int64)]>([:])
    let capacity: Int
    let freshness: Int64

    init(capacity: Int = 200_000, freshnessMilliseconds: Int64 = 10 * 60 * 1000) {
        self.capacity = capacity
        self.freshness = freshnessMilliseconds
    }

    func identity(for token: String, now: Int64) -> ParticipantIdentity? {
        entries.withLock { entries in
            guard let entry = entries[token], now - entry.readAt < freshness else { return nil }
            return entry.identity
        }
    }

    func remember(_ identity: ParticipantIdentity, for token: String, now: Int64) {
        entries.withLock { entries in
            // Crude but bounded: a server that met this many phones starts again from the database.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (identity, now)
        }
    }
}
