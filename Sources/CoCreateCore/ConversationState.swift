import Foundation

/// Everything known about a conversation: the pure fold of its events (`ConversationState.apply`).
public struct ConversationState: Sendable, Equatable {
    public var id: String
    public var joinCode: String = ""
    public var design: ConversationDesign?
    public var facilitator: String = ""
    public var followsUp: String?
    public var createdAt: Int64 = 0
    /// Participants in registration order. Changed only through the fold, which keeps `positions`
    /// in step one person at a time: rebuilding it on every change made importing n people cost n².
    public private(set) var participants: [Participant] = []
    /// Where each participant is in `participants`: every vote tallied on a live screen looks its voter up.
    private var positions: [String: Int] = [:]
    /// Rounds of the seating plan, ordered by round number.
    public var seating: [SeatedRound] = []
    public var agenda = AgendaProgress()
    /// Contributions in the order they were made, hidden ones included (flagged).
    public var contributions: [Contribution] = []
    public var statements: [Statement] = []
    /// Questions worded in other languages: by phase index (``conversationQuestion`` for the
    /// conversation's own question), then by language tag.
    public var questionTranslations: [Int: [String: String]] = [:]
    /// The latest vote of each participant on each statement: `votes[participant][statement]`.
    public var votes: [String: [String: Vote]] = [:]
    public var dots: [String: [String: Int]] = [:]
    public var budgetChoices: [String: [String]] = [:]
    public var turns: [TurnTaken] = []
    /// Tables the facilitator keeps as they are when re-seating, by round.
    public var lockedTables: [Int: Set<Int>] = [:]
    /// Accounts other than the owner (`facilitator`) with a role on this conversation.
    public var team: [String: TeamRole] = [:]
    /// Its own name, date and place, once given.
    public var details: ConversationNamed?
    /// Votes counted on paper, by statement, group and method (the latest count of each).
    public var paperTallies: [String: PaperTallyRecorded] = [:]
    public var themes: [Theme] = []
    public var commitments: [Commitment] = []
    public var learnings: [Learning] = []
    /// Who may see the results page; the people who took part unless the facilitator opens it.
    public var resultsVisibility: ResultsVisibility = .participants
    public var closed = false
    /// How many people may join; the facilitator can raise it (`capacitySet`).
    public var maximumParticipants = ConversationRules.defaultMaximumParticipants
    /// How many events have been folded in: the stream version this state reflects.
    public var version: Int64 = 0

    public init(id: String) { self.id = id }

    public var exists: Bool { design != nil }

    /// The round whose seating people need now: the round under way, or else the next one.
    public var roundToSeat: Int? {
        guard let design else { return nil }
        let rounds = design.phases.enumerated().filter { $0.element.kind == .round }.map(\.offset)
        guard !rounds.isEmpty else { return nil }
        if let current = agenda.currentIndex, let position = rounds.firstIndex(of: current) { return position + 1 }
        let after = agenda.currentIndex ?? agenda.lastEndedIndex ?? -1
        if let next = rounds.firstIndex(where: { $0 > after }) { return next + 1 }
        return nil
    }

    public func participant(_ id: String) -> Participant? {
        guard let position = positions[id] else { return nil }
        return participants[position]
    }

    /// Adds a participant, or replaces the one with the same id where it stands.
    mutating func register(_ participant: Participant) {
        if let position = positions[participant.id] {
            participants[position] = participant
        } else {
            positions[participant.id] = participants.count
            participants.append(participant)
        }
    }

    /// Changes the participant with `id` in place; nothing when there is none.
    mutating func updateParticipant(_ id: String, _ change: (inout Participant) -> Void) {
        guard let position = positions[id] else { return }
        change(&participants[position])
    }
    public func contribution(_ id: String) -> Contribution? { contributions.first { $0.id == id } }
    /// The key of the conversation's own question in ``questionTranslations``.
    public static let conversationQuestion = -1

    /// The wordings of the question phase `index` shows (its own, or the conversation's), by language.
    public func questionTranslations(phase index: Int?) -> [String: String] {
        guard let index, design?.phases.indices.contains(index) == true, design?.phases[index].question != nil else {
            return questionTranslations[Self.conversationQuestion] ?? [:]
        }
        return questionTranslations[index] ?? [:]
    }

    /// The question phase `index` puts to the room (its own, else the conversation's) as a reader of
    /// `language` reads it: its wording in that language when there is one.
    public func question(phase index: Int?, in language: String) -> String? {
        let own = index.flatMap { design?.phases.indices.contains($0) == true ? design?.phases[$0].question : nil }
        guard let original = own ?? design?.questions.first else { return nil }
        return questionTranslations(phase: index)[language] ?? original
    }

    public func statement(_ id: String) -> Statement? { statements.first { $0.id == id } }
    public func commitment(_ id: String) -> Commitment? { commitments.first { $0.id == id } }

    /// Where `participantID` sits in `round`, with their role.
    public func seat(of participantID: String, inRound round: Int) -> (table: Int, role: TableRole?)? {
        guard let seated = seating.first(where: { $0.round == round }) else { return nil }
        for table in seated.tables {
            if let seat = table.seats.first(where: { $0.participantID == participantID }) {
                return (table.table, seat.role)
            }
        }
        return nil
    }

    /// The round number (1-based) of the current or most recent round phase, if any has started.
    public var currentRound: Int? {
        guard let design, let index = agenda.currentIndex ?? agenda.lastEndedIndex else { return nil }
        let rounds = design.phases.prefix(through: min(index, design.phases.count - 1)).filter { $0.kind == .round }.count
        return rounds == 0 ? nil : rounds
    }
}

public struct Participant: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var group: String?
    public var attributes: [String: String]
    public var walkIn: Bool
    public var presence: Presence
    /// Joined on a device: the name stays with that device until the facilitator releases it.
    public var claimed = false
    /// How many times the name has been claimed: a device's token is good only for the claim it was issued for,
    /// so a released name no longer writes from the phone that had it.
    public var claims = 0

    public enum Presence: String, Sendable, Equatable {
        case expected, arrived, left
    }
}

/// Where the agenda stands and how long the current phase has left.
public struct AgendaProgress: Sendable, Equatable {
    /// The phase under way (running or paused), if any.
    public var currentIndex: Int?
    public var lastEndedIndex: Int?
    /// Phases that ended, and whether each was skipped.
    public var ended: [Int: Bool] = [:]
    public var durationSeconds: Int = 0
    /// Milliseconds run before the last pause.
    public var elapsedBeforePause: Int64 = 0
    /// When the phase last started or resumed running; nil while paused or idle.
    public var runningSince: Int64?

    public var isPaused: Bool { currentIndex != nil && runningSince == nil }

    /// Milliseconds left in the current phase at `now`; negative when it has overrun.
    public func remainingMilliseconds(now: Int64) -> Int64? {
        guard currentIndex != nil else { return nil }
        let running = runningSince.map { now - $0 } ?? 0
        return Int64(durationSeconds) * 1000 - elapsedBeforePause - running
    }

    /// The phase a facilitator would start next.
    ///
    /// A phase skipped ahead of time (while another ran) is passed over; one that ran before and was
    /// gone back to is not, so after going back the agenda carries on in order.
    public func nextIndex(phaseCount: Int) -> Int? {
        let after = currentIndex ?? lastEndedIndex ?? -1
        guard after + 1 < phaseCount else { return nil }
        return ((after + 1)..<phaseCount).first { ended[$0] != true }
    }
}

public struct Contribution: Sendable, Equatable, Identifiable {
    public var id: String
    public var authorID: String?
    public var enteredBy: String?
    public var round: Int?
    public var table: Int?
    public var kind: ContributionKind
    public var text: String
    public var at: Int64
    public var edited: Bool
    public var hiddenReason: String?
    public var isHidden: Bool { hiddenReason != nil }
}

public struct Statement: Sendable, Equatable, Identifiable {
    public var id: String
    public var text: String
    public var fromContribution: String?
    public var cost: Int?
    /// The wording in other languages, by language tag.
    public var translations: [String: String] = [:]

    /// The wording a reader of `language` sees: its translation when there is one, else the original.
    public func text(in language: String) -> String { translations[language] ?? text }

    /// The translations in a stable order, for lists.
    public var sortedTranslations: [(language: String, text: String)] {
        translations.sorted { $0.key < $1.key }.map { (language: $0.key, text: $0.value) }
    }
}

public struct Theme: Sendable, Equatable, Identifiable {
    public var id: String
    public var label: String
    public var contributionIDs: [String]
}

public struct Commitment: Sendable, Equatable, Identifiable {
    public var id: String
    public var text: String
    public var ownerIDs: [String]
    public var outsideOwners: [String]
    public var due: String?
    public var answers: [String]
    public var pledge: Bool
    public var madeBy: String?
    public var madeAt: Int64
    public var status: CommitmentStatus
    /// Every status change, oldest first.
    public var history: [Update]

    public struct Update: Sendable, Equatable {
        public var at: Int64
        public var status: CommitmentStatus
        public var note: String?
        public var evidence: String?
    }
}
