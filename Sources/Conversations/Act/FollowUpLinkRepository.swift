import CoCreateCore
import EventStore
import Foundation

/// What a follow-up link opens: one commitment of one conversation, nothing else.
public struct FollowUpLink: Codable, Sendable, Equatable {
    public var conversationID: String
    public var commitmentID: String
}

/// Commitment owners' private follow-up links: a secret token per commitment, kept for a year in the
/// key-value table, with a reverse entry so issuing a new link revokes the old one.
public struct FollowUpLinkRepository: Sendable {
    public static let lifetimeMilliseconds: Int64 = 366 * 24 * 3600 * 1000
    let store: any KeyValueStore
    let effects: Effects

    public init(store: any KeyValueStore, effects: Effects) {
        self.store = store
        self.effects = effects
    }

    static func linkKey(_ token: String) -> String { "followup:" + token }
    static func reverseKey(conversation: String, commitment: String) -> String { "followup-of:\(conversation):\(commitment)" }

    /// The token of the commitment's live link, if one was issued.
    public func currentToken(conversation: String, commitment: String) async throws -> String? {
        guard let data = try await store.value(for: Self.reverseKey(conversation: conversation, commitment: commitment), now: effects.now()) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Issues a fresh link for a commitment, revoking any earlier one.
    public func issue(conversation: String, commitment: String) async throws -> String {
        try await revoke(conversation: conversation, commitment: commitment)
        let token = effects.secretToken(bytes: 24)
        let expiry = effects.now() + Self.lifetimeMilliseconds
        let link = FollowUpLink(conversationID: conversation, commitmentID: commitment)
        try await store.set(try JSONEncoder().encode(link), for: Self.linkKey(token), expiresAt: expiry)
        try await store.set(Data(token.utf8), for: Self.reverseKey(conversation: conversation, commitment: commitment), expiresAt: expiry)
        return token
    }

    public func revoke(conversation: String, commitment: String) async throws {
        if let token = try await currentToken(conversation: conversation, commitment: commitment) {
            try await store.removeValue(for: Self.linkKey(token))
        }
        try await store.removeValue(for: Self.reverseKey(conversation: conversation, commitment: commitment))
    }

    /// The link a token opens, or nil; malformed tokens are never looked up.
    public func link(for token: String) async throws -> FollowUpLink? {
        guard (22...64).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        guard let data = try await store.value(for: Self.linkKey(token), now: effects.now()) else { return nil }
        return try? JSONDecoder().decode(FollowUpLink.self, from: data)
    }
}
