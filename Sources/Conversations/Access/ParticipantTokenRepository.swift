import CoCreateCore
import EventStore
import Foundation

/// The bearer of a participant token may act as that participant, in that conversation only.
public struct ParticipantIdentity: Codable, Sendable, Equatable {
    public var conversationID: String
    public var participantID: String
    /// The claim of the name this token was issued for; a released name's old tokens stop working.
    /// Nil for tokens issued before claims existed.
    public var claim: Int?

    public init(conversationID: String, participantID: String, claim: Int? = nil) {
        self.conversationID = conversationID
        self.participantID = participantID
        self.claim = claim
    }

    /// Issued for `participantID` as the room now stands.
    public init(conversationID: String, participantID: String, in state: ConversationState) {
        self.init(conversationID: conversationID, participantID: participantID, claim: state.participant(participantID)?.claims)
    }
}

/// Issues and resolves participants' tokens: 192 random bits, kept in the key-value table so a
/// phone stays joined across server restarts, and remembered by this instance's cache.
public struct ParticipantTokenRepository: Sendable {
    public static let lifetimeMilliseconds: Int64 = 30 * 24 * 3600 * 1000
    let store: any KeyValueStore
    let effects: Effects
    let cache: ParticipantTokenCache

    public init(store: any KeyValueStore, effects: Effects, cache: ParticipantTokenCache) {
        self.store = store
        self.effects = effects
        self.cache = cache
    }

    static func key(_ token: String) -> String { "ptoken:" + token }

    public func issue(for identity: ParticipantIdentity) async throws -> String {
        let token = effects.secretToken(bytes: 24)
        try await store.set(try JSONEncoder().encode(identity), for: Self.key(token), expiresAt: effects.now() + Self.lifetimeMilliseconds)
        cache.remember(identity, for: token, now: effects.now())
        return token
    }

    /// Who a token speaks for, or nil; a token of the wrong length is never looked up.
    public func identity(for token: String) async throws -> ParticipantIdentity? {
        guard token.count >= 20, token.count <= 64 else { return nil }
        let now = effects.now()
        if let known = cache.identity(for: token, now: now) { return known }
        guard let data = try await store.value(for: Self.key(token), now: now),
              let identity = try? JSONDecoder().decode(ParticipantIdentity.self, from: data) else { return nil }
        cache.remember(identity, for: token, now: now)
        return identity
    }
}

/// Tokens this instance has already resolved, so a phone's every vote does not read the database.
///
/// Tokens are never revoked before they expire, so a remembered answer stays right; it is only trusted for
/// `freshness` after it was read, which bounds how long past its 30-day expiry a token could still work.
/// Unknown tokens are not remembered: a wrong guess must cost the guesser a lookup, not fill memory.
public final class ParticipantTokenCache: Sendable {
    private let entries = Mutex<[String: (identity: ParticipantIdentity, readAt: Int64)]>([:])
    let capacity: Int
    let freshness: Int64

    public init(capacity: Int = 200_000, freshnessMilliseconds: Int64 = 10 * 60 * 1000) {
        self.capacity = capacity
        self.freshness = freshnessMilliseconds
    }

    public func identity(for token: String, now: Int64) -> ParticipantIdentity? {
        entries.withLock { entries in
            guard let entry = entries[token], now - entry.readAt < freshness else { return nil }
            return entry.identity
        }
    }

    public func remember(_ identity: ParticipantIdentity, for token: String, now: Int64) {
        entries.withLock { entries in
            // Crude but bounded: a server that met this many phones starts again from the database.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (identity, now)
        }
    }
}
