import Foundation

/// A write whose ids were already used for different content: the client reused an id for
/// another write. Refused (409) rather than answered as a retry, so nothing is silently dropped.
public struct WriteConflict: Error, Equatable, Sendable, CustomStringConvertible {
    public var id: UUID
    public var reason: String
    public init(id: UUID, reason: String) {
        self.id = id
        self.reason = reason
    }
    public var description: String { "id: \(id) \(reason); send a new id for a new write" }
}

extension ConversationEvent {
    /// Whether `self`, sent again under a stored event's id, is a retry of `stored`.
    ///
    /// What the client chose must be the same. What the server derives from the room when it
    /// writes (the round and table of a contribution, the plan computed for "seat everyone")
    /// may differ between attempts, because the room moved on in between.
    public func isRetry(of stored: ConversationEvent) -> Bool {
        switch (self, stored) {
        case (.contributionAdded(var mine), .contributionAdded(let theirs)):
            mine.round = theirs.round
            mine.table = theirs.table
            return mine == theirs
        case (.seatingPublished, .seatingPublished):
            return true
        default:
            return self == stored
        }
    }
}
