import CoCreateCore
import Conversations

/// What the projector shows: large, calm, readable from the back of the room.
struct ScreenView: Codable, Sendable {
    var version: Int64
    var serverNow: Int64
    var title: String
    var mainQuestion: String
    var mainQuestionTranslations: [Wording]
    var joinCode: String
    var phase: PhaseView?
    var nextPhaseTitle: String?
    var closed: Bool
    var arrived: Int
    var registered: Int
    /// "Find your table" for the round people need to sit at.
    var seating: SeatingBoard?
    var results: [StatementResult]
    var showResults: Bool
    var commitments: [CommitmentCard]
    var contributionCount: Int

    struct SeatingBoard: Codable, Sendable {
        var round: Int
        var tables: [TableList]
    }

    struct TableList: Codable, Sendable {
        var table: Int
        var people: [Seated]
    }

    struct Seated: Codable, Sendable {
        var name: String
        /// The role's name in English, for the API; pages write `roleID`'s name in their own language.
        var role: String?
        var roleID: String?
    }

    struct StatementResult: Codable, Sendable {
        var id: String
        var text: String
        var tally: VoteTally
        var dots: Int
        /// Budget votes: what the proposal costs, how many people would fund it, and whether it is
        /// funded when proposals are taken from most to fewest supporters while the budget lasts.
        var cost: Int?
        var supporters: Int
        var funded: Bool
        var translations: [Wording]
    }

    struct CommitmentCard: Codable, Sendable {
        var text: String
        var owners: String
        var due: String?
    }

    init(state: ConversationState, now: Int64) {
        version = state.version
        serverNow = now
        title = state.displayName
        mainQuestion = state.design?.questions.first ?? ""
        mainQuestionTranslations = Wording.all(state.questionTranslations(phase: nil))
        joinCode = state.joinCode
        phase = PhaseView.current(state, now: now)
        let nextIndex = state.agenda.nextIndex(phaseCount: state.design?.phases.count ?? 0)
        nextPhaseTitle = nextIndex.flatMap { state.design?.phases[$0].title }
        closed = state.closed
        arrived = state.participants.filter { $0.presence == .arrived }.count
        registered = state.participants.count
        seating = state.roundToSeat.flatMap { round in
            state.seating.first { $0.round == round }.map { seated in
                SeatingBoard(round: round, tables: seated.tables.map { table in
                    TableList(table: table.table, people: table.seats.compactMap { seat in
                        state.participant(seat.participantID).map { Seated(name: $0.name, role: seat.role?.displayName, roleID: seat.role?.rawValue) }
                    })
                })
            }
        }
        results = Self.results(state)
        let voteEnded = state.design?.phases.indices.contains { state.design?.phases[$0].kind == .vote && state.agenda.ended[$0] == false } ?? false
        showResults = (phase?.isVote ?? false) || voteEnded
        commitments = state.commitments.suffix(12).map { commitment in
            let owners = commitment.ownerIDs.compactMap { state.participant($0)?.name } + commitment.outsideOwners
            return CommitmentCard(text: commitment.text, owners: owners.joined(separator: ", "), due: commitment.due)
        }
        contributionCount = state.contributions.filter { !$0.isHidden }.count
    }
}

extension ScreenView {
    /// Each statement's votes and dots, most agreed first.
    static func results(_ state: ConversationState) -> [StatementResult] {
        let dotTotals = state.dots.values.reduce(into: [String: Int]()) { totals, ballot in
            for (id, count) in ballot { totals[id, default: 0] += count }
        }
        let tallies = state.tallies()
        let budget = HarvestBridge.budget(state)?.results() ?? []
        let supporters = Dictionary(budget.map { ($0.proposal.id, $0.approvals) }, uniquingKeysWith: { first, _ in first })
        let funded = Set(budget.filter(\.funded).map(\.proposal.id))
        return state.statements.map {
            StatementResult(id: $0.id, text: $0.text, tally: tallies[$0.id] ?? VoteTally(), dots: dotTotals[$0.id] ?? 0,
                            cost: $0.cost, supporters: supporters[$0.id] ?? 0, funded: funded.contains($0.id),
                            translations: Wording.all($0))
        }
        .sorted { ($0.tally.agree - $0.tally.disagree, $0.dots, $0.supporters) > ($1.tally.agree - $1.tally.disagree, $1.dots, $1.supporters) }
    }
}

extension ScreenView {
    /// The board's role names in a page's language, for the page the server draws; live updates carry
    /// each role's id and the projector's script names it the same way.
    mutating func nameRoles(_ name: (String) -> String) {
        guard var board = seating else { return }
        for table in board.tables.indices {
            for person in board.tables[table].people.indices {
                if let id = board.tables[table].people[person].roleID { board.tables[table].people[person].role = name(id) }
            }
        }
        seating = board
    }
}
