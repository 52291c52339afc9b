import EventStore
import Foundation
import Hummingbird

/// The bearer of a participant token may act as that participant, in that conversation only.
struct ParticipantIdentity: Codable, Sendable, Equatable {
    var conversationID: String
    var participantID: String
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
        return token
    }

    func identity(for token: String) async throws -> ParticipantIdentity? {
        guard token.count >= 20, token.count <= 64 else { return nil }
        guard let data = try await services.store.value(for: "ptoken:" + token, now: services.effects.now()) else { return nil }
        return try? JSONDecoder().decode(ParticipantIdentity.self, from: data)
    }

    /// The participant a request speaks for in `conversationID`, from its cookie or bearer token.
    func participant(in conversationID: String, code: String, request: Request) async throws -> String? {
        var candidates: [String] = []
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            candidates.append(String(authorization.dropFirst(7)))
        }
        if let cookie = request.cookies[Self.cookieName(code: code)]?.value { candidates.append(cookie) }
        for token in candidates {
            if let identity = try await identity(for: token), identity.conversationID == conversationID {
                return identity.participantID
            }
        }
        return nil
    }

    func cookie(_ token: String, code: String, secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName(code: code), value: token, maxAge: Int(Self.lifetimeMilliseconds / 1000),
               path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
