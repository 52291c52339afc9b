import Foundation
import Memberwise

// Undo is a new event, never a rewrite: the log keeps both what was done and its undoing.

/// A closed conversation opened again (the facilitator closed it by mistake, or the room goes on).
public struct ConversationReopened: Codable, Sendable, Equatable {
    public init() {}
}

/// A hidden contribution shown again.
@PublicMemberwiseInit
public struct ContributionShown: Codable, Sendable, Equatable {
    public var contributionID: String
}

/// A statement taken off the ballot before anyone voted on it (a duplicate, a typo).
@PublicMemberwiseInit
public struct StatementWithdrawn: Codable, Sendable, Equatable {
    public var statementID: String
}
