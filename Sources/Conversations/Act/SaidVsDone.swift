import CoCreateCore

/// What was said against what was done: the commitments of a conversation counted by status,
/// overall and by the owners' stakeholder group.
public struct SaidVsDone: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var made = 0
        public var notStarted = 0
        public var inProgress = 0
        public var done = 0
        public var dropped = 0
        /// Due before today and neither done nor dropped.
        public var overdue = 0

        public init() {}

        /// Done as a whole percentage of those made (0 when none were made).
        public var donePercent: Int { made == 0 ? 0 : (done * 100 + made / 2) / made }

        mutating func count(_ commitment: Commitment, today: String) {
            made += 1
            switch commitment.status {
            case .notStarted: notStarted += 1
            case .inProgress: inProgress += 1
            case .done: done += 1
            case .dropped: dropped += 1
            }
            if SaidVsDone.isOverdue(commitment, today: today) { overdue += 1 }
        }
    }

    public struct Group: Sendable, Equatable {
        public var group: String
        public var counts: Counts
    }

    public var total: Counts
    /// By owner group, in alphabetical order; a commitment counts once in each of its owners' groups.
    public var byGroup: [Group]

    /// The summary of `state`'s commitments, `today` being `YYYY-MM-DD`.
    public static func summarise(_ state: ConversationState, today: String) -> SaidVsDone {
        var total = Counts()
        var groups: [String: Counts] = [:]
        for commitment in state.commitments {
            total.count(commitment, today: today)
            var owners = Set(commitment.ownerIDs.map { state.participant($0)?.group ?? "no group" })
            if !commitment.outsideOwners.isEmpty { owners.insert("outside the room") }
            for group in owners { groups[group, default: Counts()].count(commitment, today: today) }
        }
        return SaidVsDone(total: total, byGroup: groups.sorted { $0.key < $1.key }.map { Group(group: $0.key, counts: $0.value) })
    }

    public static func isOverdue(_ commitment: Commitment, today: String) -> Bool {
        guard let due = commitment.due, CalendarDate.isValid(due), CalendarDate.isValid(today) else { return false }
        return due < today && commitment.status != .done && commitment.status != .dropped
    }
}
