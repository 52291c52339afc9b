import Foundation
import Memberwise

/// What an account may do with one conversation. The account that created it is its owner;
/// the owner adds co-facilitators, who run it, and observers (a head teacher, an inspector, a
/// commissioner), who read its console, report, results and exports but change nothing.
public enum TeamRole: String, Codable, Sendable, Equatable, CaseIterable {
    case owner
    case coFacilitator = "co-facilitator"
    case observer

    /// Whether this role may change the conversation (run it, import people, hide, seat...).
    public var canChange: Bool { self != .observer }
    /// Whether this role may change who else has a role.
    public var canManageTeam: Bool { self == .owner }

    public var displayName: String {
        switch self {
        case .owner: "owner"
        case .coFacilitator: "co-facilitator"
        case .observer: "observer"
        }
    }
}

/// The owner gave an account a role on the conversation (or changed the role it had).
@PublicMemberwiseInit
public struct AccessGranted: Codable, Sendable, Equatable {
    public var username: String
    public var role: TeamRole
    /// The account that granted it.
    public var by: String
}

/// The owner took an account's role away.
@PublicMemberwiseInit
public struct AccessRevoked: Codable, Sendable, Equatable {
    public var username: String
    public var by: String
}

extension ConversationState {
    /// The role `username` holds on this conversation, or nil: then the conversation does not exist for them.
    public func role(of username: String) -> TeamRole? {
        guard exists, !username.isEmpty else { return nil }
        if username == facilitator { return .owner }
        return team[username]
    }
}
