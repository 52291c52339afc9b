import CoCreateCore
import Conversations
import Harvest

/// What the facilitator sees: the agenda, the room, every table and the equity of talk.
struct ConsoleView: Codable, Sendable {
    var version: Int64
    var serverNow: Int64
    var id: String
    var title: String
    var joinCode: String
    var phase: PhaseView?
    var agenda: [AgendaItem]
    /// The agenda buttons that make sense now, the likely next one first.
    var actions: [AgendaAction]
    var closed: Bool
    var participants: [PersonRow]
    var arrived: Int
    var seatedRound: Int?
    var roundsPlanned: Int
    /// The round a "seat" press would plan from; nil when every round has been played.
    var seatFromRound: Int?
    /// Names of people marked absent: the seating leaves them out, and the console says so.
    var absent: [String]
    /// Names of people in the room whom the coming round's seating does not include yet (they came
    /// after it was made): a re-seat includes them.
    var waiting: [String]
    /// How many people the coming round seats.
    var seatedCount: Int
    var tables: [TableCard]
    var contributions: [ContributionRow]
    var statements: [ScreenView.StatementResult]
    var commitments: [CommitmentRow]
    /// Gini of talk time (or contributions where no turns were timed) over the whole room.
    var roomGini: Double?
    /// Where the room is, for the top of the console: read at a glance between sentences.
    var runSheet: RunSheet

    struct RunSheet: Codable, Sendable {
        /// The phase under way, e.g. "2. Round 1, experiences"; nil before the start and after the close.
        var now: String?
        /// The phase the next start opens, e.g. "3. Round 2, causes"; nil when none is left.
        var next: String?
        var nextMinutes: Int?
        /// Tables in the round the seating shows.
        var tables: Int
        var contributions: Int
        var votes: Int
        var commitments: Int
    }

    struct AgendaItem: Codable, Sendable {
        var index: Int
        var number: Int
        var title: String
        var kind: String
        var minutes: Int
        var status: String
        var isCurrent: Bool
        var isNext: Bool
    }

    struct AgendaAction: Codable, Sendable {
        var action: String
        var label: String
        var style: String
        /// Asked before an action that ends something: the button must be pressed twice.
        var confirm: String?
        /// The phase a start or back goes to: the pages write the label in their language from
        /// `console.action.<action>` and this title (`label` is the English, for the API).
        var phaseTitle: String?

        init(action: String, label: String, style: String, confirm: String? = nil, phaseTitle: String? = nil) {
            self.action = action
            self.label = label
            self.style = style
            self.confirm = confirm
            self.phaseTitle = phaseTitle
        }
    }

    struct PersonRow: Codable, Sendable {
        var id: String
        var name: String
        var group: String?
        var presence: String
        var arrived: Bool
        var absent: Bool
        /// Joined on a phone: the name is taken until released.
        var claimed: Bool
        var table: Int?
    }

    struct TableCard: Codable, Sendable {
        var table: Int
        var members: [Member]
        var contributions: Int
        /// Share of the table's talk (or contributions) taken by its most active member, 0-100.
        var topSharePercent: Int?
        var gini: Double?
        /// A word, not a colour: "even", "uneven", "one voice dominates".
        var balance: String?
        /// Kept as it is when the seating is generated again.
        var locked: Bool
        struct Member: Codable, Sendable {
            var id: String
            var name: String
            var role: String?
            var turns: Int
            var seconds: Int
            var contributions: Int
        }
    }

    struct ContributionRow: Codable, Sendable {
        var id: String
        var kind: String
        var text: String
        var author: String?
        var table: Int?
        var round: Int?
        var hidden: Bool
    }

    struct CommitmentRow: Codable, Sendable {
        var id: String
        var text: String
        var owners: String
        var due: String?
        var status: String
    }

    init(state: ConversationState, now: Int64) {
        version = state.version
        serverNow = now
        id = state.id
        title = state.displayName
        joinCode = state.joinCode
        phase = PhaseView.current(state, now: now)
        let next = state.agenda.nextIndex(phaseCount: state.design?.phases.count ?? 0)
        agenda = (state.design?.phases ?? []).enumerated().map { index, phase in
            let status = state.agenda.currentIndex == index ? (state.agenda.isPaused ? "paused" : "running")
                : state.agenda.ended[index].map { $0 ? "skipped" : "done" } ?? "to come"
            return AgendaItem(index: index, number: index + 1, title: phase.title, kind: phase.kind.rawValue, minutes: phase.minutes,
                              status: status, isCurrent: state.agenda.currentIndex == index, isNext: next == index)
        }
        actions = Self.actions(state)
        closed = state.closed
        let round = state.roundToSeat
        seatedRound = round
        roundsPlanned = state.seating.count
        // Counted once per render rather than per person: a 300-seat room would otherwise cost O(n²) per change.
        let seated = round.flatMap { round in state.seating.first { $0.round == round } }
        var tableOf: [String: Int] = [:]
        for table in seated?.tables ?? [] { for seat in table.seats { tableOf[seat.participantID] = table.table } }
        let activity = RoundActivity(state, round: round)
        participants = state.participants.map { person in
            PersonRow(id: person.id, name: person.name, group: person.group, presence: person.presence.rawValue,
                      arrived: person.presence == .arrived, absent: person.presence == .left,
                      claimed: person.claimed, table: tableOf[person.id])
        }
        arrived = state.participants.filter { $0.presence == .arrived }.count
        tables = seated?.tables.map { Self.card(for: $0, activity: activity, in: state) } ?? []
        seatedCount = tableOf.count
        let fromRound = SeatingBridge.firstOpenRound(state)
        seatFromRound = fromRound <= max(1, state.design?.roundCount ?? 0) ? fromRound : nil
        absent = state.participants.filter { $0.presence == .left }.map(\.name)
        waiting = seated == nil ? [] : state.participants.filter { $0.presence != .left && tableOf[$0.id] == nil }.map(\.name)
        contributions = state.contributions.suffix(200).reversed().map { contribution in
            ContributionRow(id: contribution.id, kind: contribution.kind.rawValue, text: contribution.text,
                            author: contribution.authorID.flatMap { state.participant($0)?.name }, table: contribution.table,
                            round: contribution.round, hidden: contribution.isHidden)
        }
        statements = ScreenView.results(state)
        let current = agenda.first(where: \.isCurrent), coming = agenda.first(where: \.isNext)
        runSheet = RunSheet(now: current.map { "\($0.number). \($0.title)" },
                            next: coming.map { "\($0.number). \($0.title)" }, nextMinutes: coming?.minutes, tables: tables.count,
                            contributions: state.contributions.filter { !$0.isHidden }.count,
                            votes: statements.reduce(0) { $0 + $1.tally.total }, commitments: state.commitments.count)
        commitments = state.commitments.map { commitment in
            CommitmentRow(id: commitment.id, text: commitment.text,
                          owners: (commitment.ownerIDs.compactMap { state.participant($0)?.name } + commitment.outsideOwners).joined(separator: ", "),
                          due: commitment.due, status: commitment.status.displayName)
        }
        var secondsBy: [String: Int] = [:], saidBy: [String: Int] = [:]
        for turn in state.turns { secondsBy[turn.participantID, default: 0] += turn.seconds }
        for contribution in state.contributions { if let author = contribution.authorID { saidBy[author, default: 0] += 1 } }
        let talk = state.participants.map { Double(secondsBy[$0.id] ?? 0) }
        let said = state.participants.map { Double(saidBy[$0.id] ?? 0) }
        let measure = talk.contains { $0 > 0 } ? talk : said
        roomGini = measure.contains { $0 > 0 } ? ParticipationEquity.gini(measure) : nil
    }

    static func actions(_ state: ConversationState) -> [AgendaAction] {
        guard let design = state.design else { return [] }
        guard !state.closed else { return [.init(action: "reopen", label: "Reopen the conversation", style: "secondary")] }
        var actions: [AgendaAction] = []
        let next = state.agenda.nextIndex(phaseCount: design.phases.count)
        if let next { actions.append(.init(action: "start", label: "Start: \(design.phases[next].title)", style: "", phaseTitle: design.phases[next].title)) }
        if state.agenda.currentIndex != nil {
            actions.append(state.agenda.isPaused ? .init(action: "resume", label: "Resume", style: "secondary") : .init(action: "pause", label: "Pause", style: "secondary"))
            actions.append(.init(action: "extend", label: "Add 2 minutes", style: "secondary"))
            actions.append(.init(action: "end", label: "End phase", style: "secondary"))
        }
        if next != nil { actions.append(.init(action: "skip", label: "Skip next phase", style: "secondary")) }
        if let back = state.agenda.currentIndex.map({ $0 - 1 }) ?? state.agenda.lastEndedIndex, design.phases.indices.contains(back) {
            actions.append(.init(action: "back", label: "Back to: \(design.phases[back].title)", style: "secondary", phaseTitle: design.phases[back].title))
        }
        actions.append(.init(action: "close", label: "Close the conversation", style: "danger",
                             confirm: "Close the conversation? Phones stop taking contributions and votes. You can reopen it."))
        return actions
    }

    /// Turns and contributions of one round, by table and person.
    struct RoundActivity {
        struct Key: Hashable { var table: Int; var person: String }
        var turns: [Key: (count: Int, seconds: Int)] = [:]
        var said: [Key: Int] = [:]
        var visibleByTable: [Int: Int] = [:]
        var round: Int?

        init(_ state: ConversationState, round: Int?) {
            self.round = round
            guard let round else { return }
            for turn in state.turns where turn.round == round {
                turns[Key(table: turn.table, person: turn.participantID), default: (0, 0)].count += 1
                turns[Key(table: turn.table, person: turn.participantID), default: (0, 0)].seconds += turn.seconds
            }
            for contribution in state.contributions where contribution.round == round {
                guard let table = contribution.table else { continue }
                if let author = contribution.authorID { said[Key(table: table, person: author), default: 0] += 1 }
                if !contribution.isHidden { visibleByTable[table, default: 0] += 1 }
            }
        }
    }

    static func card(for table: SeatedTable, activity: RoundActivity, in state: ConversationState) -> TableCard {
        let members = table.seats.map { seat -> TableCard.Member in
            let key = RoundActivity.Key(table: table.table, person: seat.participantID)
            let turns = activity.turns[key] ?? (0, 0)
            return .init(id: seat.participantID, name: state.participant(seat.participantID)?.name ?? seat.participantID,
                         role: seat.role?.displayName, turns: turns.count, seconds: turns.seconds, contributions: activity.said[key] ?? 0)
        }
        let contributions = activity.visibleByTable[table.table] ?? 0
        let locked = activity.round.map { state.lockedTables[$0]?.contains(table.table) ?? false } ?? false
        let useTalk = members.contains { $0.seconds > 0 }
        let values = members.map { Double(useTalk ? $0.seconds : $0.contributions) }
        let total = values.reduce(0, +)
        guard total > 0 else {
            return TableCard(table: table.table, members: members, contributions: contributions, topSharePercent: nil, gini: nil, balance: nil, locked: locked)
        }
        // One idea at a table is not "one voice dominates": too little recorded to say anything yet.
        let recorded = useTalk ? members.map(\.turns).reduce(0, +) : members.map(\.contributions).reduce(0, +)
        guard recorded >= ParticipationEquity.fewestToJudge else {
            return TableCard(table: table.table, members: members, contributions: contributions, topSharePercent: nil, gini: nil, balance: "too little recorded yet", locked: locked)
        }
        let gini = ParticipationEquity.gini(values)
        let top = Int(((values.max() ?? 0) / total * 100).rounded())
        let balance = gini < 0.2 ? "even" : gini < 0.4 ? "uneven" : "one voice dominates"
        return TableCard(table: table.table, members: members, contributions: contributions, topSharePercent: top, gini: (gini * 100).rounded() / 100, balance: balance, locked: locked)
    }
}
