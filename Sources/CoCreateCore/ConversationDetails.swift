import Foundation
import Memberwise

/// A conversation's own name, date and place, apart from its design's title: every run of a
/// design (and every follow-up) is told apart by these.
@PublicMemberwiseInit
public struct ConversationNamed: Codable, Sendable, Equatable {
    public var name: String
    /// The day it happens, as `YYYY-MM-DD`.
    public var date: String?
    public var place: String?
}

extension ConversationState {
    /// What a page calls this conversation: its own name, else its design's title.
    public var displayName: String { details?.name ?? design?.title ?? id }
}
