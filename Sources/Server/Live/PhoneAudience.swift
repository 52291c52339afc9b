import CoCreateCore

/// Whose phone screen an event changes.
///
/// Every change re-renders the projector and the console, but a phone shows only its owner's votes, seat,
/// contributions and commitments and what their table wrote. A vote burst in a room of 40 would otherwise
/// render and send 40 identical phone views per vote; phones outside an event's audience are sent nothing.
enum PhoneAudience: Equatable {
    case everyone
    case people([String])
    /// Phones seated at this table in this round, and `also` (an author, wherever they sit).
    case table(round: Int, table: Int, also: [String])

    init(_ event: ConversationEvent) {
        switch event {
        case .voteCast(let cast): self = .people([cast.participantID])
        case .dotsPlaced(let placed): self = .people([placed.participantID])
        case .budgetAllocated(let allocated): self = .people([allocated.participantID])
        case .participantArrived(let ref), .participantLeft(let ref), .nameClaimed(let ref), .nameReleased(let ref): self = .people([ref.participantID])
        // A newcomer is nobody's tablemate until seating is published, which is an event for everyone.
        case .participantRegistered(let registered): self = .people([registered.participantID])
        case .contributionAdded(let added):
            let author = added.authorID.map { [$0] } ?? []
            if let round = added.round, let table = added.table {
                self = .table(round: round, table: table, also: author)
            } else {
                self = .people(author)
            }
        case .turnTaken(let turn): self = .table(round: turn.round, table: turn.table, also: [])
        case .commitmentMade(let made): self = .people(made.ownerIDs + (made.madeBy.map { [$0] } ?? []))
        // Facilitator-only: names for themes and learnings appear in the console and report, not on phones.
        case .themeNamed, .learningRecorded, .accessGranted, .accessRevoked, .paperTallyRecorded: self = .people([])
        default: self = .everyone
        }
    }
}

/// The last version that changed each audience, kept by the hub as events arrive.
struct PhoneRelevance {
    struct TableKey: Hashable {
        var round: Int
        var table: Int
    }

    private var everyone: Int64 = 0
    private var people: [String: Int64] = [:]
    private var tables: [TableKey: Int64] = [:]

    mutating func note(_ event: ConversationEvent, at version: Int64) {
        switch PhoneAudience(event) {
        case .everyone:
            everyone = max(everyone, version)
        case .people(let ids):
            for id in ids { people[id] = max(people[id] ?? 0, version) }
        case .table(let round, let table, let also):
            tables[TableKey(round: round, table: table)] = max(tables[TableKey(round: round, table: table)] ?? 0, version)
            for id in also { people[id] = max(people[id] ?? 0, version) }
        }
    }

    /// Treats everything up to `version` as changed for everyone, when the events themselves are not at hand.
    mutating func noteEverything(upTo version: Int64) { everyone = max(everyone, version) }

    /// The newest version that changed what `participant`'s phone shows in `state`.
    func version(for participant: String, in state: ConversationState) -> Int64 {
        version(for: participant, round: state.roundToSeat, in: state)
    }

    /// The same, with the round to seat worked out once by a caller asking for many phones.
    func version(for participant: String, round: Int?, in state: ConversationState) -> Int64 {
        var newest = max(everyone, people[participant] ?? 0)
        guard tables.isEmpty == false else { return newest }
        if let round, let seat = state.seat(of: participant, inRound: round) {
            newest = max(newest, tables[TableKey(round: round, table: seat.table)] ?? 0)
        }
        return newest
    }
}
