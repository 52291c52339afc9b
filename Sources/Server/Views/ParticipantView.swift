import CoCreateCore

/// What one participant's phone shows. Other participants' contributions appear without names:
/// people are anonymous to each other by default.
struct ParticipantView: Codable, Sendable {
    var version: Int64
    var serverNow: Int64
    var title: String
    var joinCode: String
    var me: Person
    var phase: PhaseView?
    var closed: Bool
    var seat: SeatView?
    var upcoming: [UpcomingSeat]
    var statements: [StatementChoice]
    var tableContributions: [ContributionLine]
    var myContributions: [ContributionLine]
    var myCommitments: [CommitmentLine]
    /// Present when this person keeps time for a structure with timed turns.
    var turns: TurnPanel?
    /// What the phase asks of this person now; the phone shows only that.
    var asks: Asks

    struct Asks: Codable, Sendable, Equatable {
        /// Talk at a table, or ideas from the floor in a plenary: the contribute form.
        var contribute: Bool
        var vote: Bool
        var commit: Bool
        /// A table to sit at now or next: the seat card.
        var seat: Bool

        init(state: ConversationState, phase: PhaseView?) {
            let kind = phase.flatMap { PhaseKind(rawValue: $0.kind) }
            let open = !state.closed
            contribute = open && (kind == .round || kind == .plenary)
            vote = open && kind == .vote && !state.statements.isEmpty
            commit = open && (kind == .actionPlanning || kind == .closing)
            seat = open && state.roundToSeat != nil && (kind == nil || kind == .round || kind == .input)
        }
    }

    struct Person: Codable, Sendable {
        var id: String
        var name: String
    }

    struct SeatView: Codable, Sendable {
        var round: Int
        var table: Int
        var role: String?
        var roleName: String?
        var roleDuty: String?
        var tablemates: [String]
    }

    struct UpcomingSeat: Codable, Sendable {
        var round: Int
        var table: Int
        var role: String?
    }

    struct StatementChoice: Codable, Sendable {
        var id: String
        var text: String
        var cost: Int?
        var myVote: String?
        var agreed: Bool
        var disagreed: Bool
        var passed: Bool
        var myDots: Int
        var chosen: Bool
        var translations: [Wording]
    }

    struct ContributionLine: Codable, Sendable {
        var id: String
        var kind: String
        var text: String
    }

    struct CommitmentLine: Codable, Sendable {
        var id: String
        var text: String
        var due: String?
        var status: String
    }

    struct TurnPanel: Codable, Sendable {
        var round: Int
        var table: Int
        var turnSeconds: Int
        var chips: Int?
        var speakers: [Speaker]
        struct Speaker: Codable, Sendable {
            var id: String
            var name: String
            var turns: Int
            var seconds: Int
        }
    }

    init(state: ConversationState, participantID: String, now: Int64) {
        let person = state.participant(participantID)
        version = state.version
        serverNow = now
        title = state.displayName
        joinCode = state.joinCode
        me = Person(id: participantID, name: person?.name ?? "")
        phase = PhaseView.current(state, now: now)
        closed = state.closed
        let round = state.roundToSeat
        seat = round.flatMap { round in
            state.seat(of: participantID, inRound: round).map { found in
                let mates = state.seating.first { $0.round == round }?.tables.first { $0.table == found.table }?.seats
                    .filter { $0.participantID != participantID }
                    .compactMap { state.participant($0.participantID)?.name } ?? []
                return SeatView(round: round, table: found.table, role: found.role?.rawValue, roleName: found.role?.displayName, roleDuty: found.role?.duty, tablemates: mates)
            }
        }
        // Only rounds still to come: once the last round is over there are none.
        upcoming = state.seating.filter { seated in round.map { seated.round > $0 } ?? false }.compactMap { seated in
            state.seat(of: participantID, inRound: seated.round).map { UpcomingSeat(round: seated.round, table: $0.table, role: $0.role?.displayName) }
        }
        let ballot = state.votes[participantID] ?? [:]
        let myDots = state.dots[participantID] ?? [:]
        let chosen = Set(state.budgetChoices[participantID] ?? [])
        statements = state.statements.map { statement in
            let vote = ballot[statement.id]
            return StatementChoice(
                id: statement.id, text: statement.text, cost: statement.cost, myVote: vote?.rawValue,
                agreed: vote == .agree, disagreed: vote == .disagree, passed: vote == .pass,
                myDots: myDots[statement.id] ?? 0, chosen: chosen.contains(statement.id), translations: Wording.all(statement))
        }
        let table = seat?.table
        tableContributions = state.contributions
            .filter { !$0.isHidden && $0.round == round && $0.table == table && table != nil }
            .suffix(30)
            .map { ContributionLine(id: $0.id, kind: $0.kind.rawValue, text: $0.text) }
        myContributions = state.contributions
            .filter { !$0.isHidden && $0.authorID == participantID }
            .suffix(30)
            .map { ContributionLine(id: $0.id, kind: $0.kind.rawValue, text: $0.text) }
        myCommitments = state.commitments
            .filter { $0.ownerIDs.contains(participantID) || $0.madeBy == participantID }
            .map { CommitmentLine(id: $0.id, text: $0.text, due: $0.due, status: $0.status.displayName) }
        asks = Asks(state: state, phase: phase)
        turns = nil
        if let seat, let phase, phase.isRound, let structure = state.design?.phases[phase.index].structure,
           let turnSeconds = structure.defaultTurnSeconds, seat.role == TableRole.timekeeper.rawValue || seat.role == TableRole.scribe.rawValue {
            let members = state.seating.first { $0.round == seat.round }?.tables.first { $0.table == seat.table }?.seats ?? []
            let taken = state.turns.filter { $0.round == seat.round && $0.table == seat.table }
            turns = TurnPanel(
                round: seat.round, table: seat.table, turnSeconds: turnSeconds, chips: structure.chipsPerPerson,
                speakers: members.map { member in
                    let mine = taken.filter { $0.participantID == member.participantID }
                    return .init(id: member.participantID, name: state.participant(member.participantID)?.name ?? member.participantID,
                                 turns: mine.count, seconds: mine.reduce(0) { $0 + $1.seconds })
                })
        }
    }
}
