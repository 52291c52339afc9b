import CoCreateCore

/// The agenda as every view shows it: the phase under way and its timer.
struct PhaseView: Codable, Sendable {
    var index: Int
    var number: Int
    var kind: String
    var title: String
    var question: String?
    /// The question in other languages.
    var questionTranslations: [Wording]
    var structure: String?
    /// The structure's raw value: the pages write its name and rule in their language (`structure.<id>.name`, `.rule`).
    var structureID: String?
    var turnRule: String?
    var turnSeconds: Int?
    var thinkSeconds: Int?
    var minutes: Int
    /// Milliseconds left when the view was made; negative once overrun.
    var remainingMs: Int64?
    var paused: Bool
    var running: Bool
    /// 1-based round number, when this phase is a table round.
    var round: Int?
    var isRound: Bool { kind == PhaseKind.round.rawValue }
    var isVote: Bool
    var isActionPlanning: Bool
    var voteMethod: String?
    var dots: Int?
    var budget: Int?

    init(state: ConversationState, index: Int, now: Int64) {
        let phase = state.design!.phases[index]
        self.index = index
        number = index + 1
        kind = phase.kind.rawValue
        title = phase.title
        question = phase.question ?? (phase.kind == .round || phase.kind == .input ? state.design?.questions.first : nil)
        questionTranslations = question == nil ? [] : Wording.all(state.questionTranslations(phase: index))
        structure = phase.structure?.displayName
        structureID = phase.structure?.rawValue
        turnRule = phase.structure?.turnRule
        turnSeconds = phase.structure?.defaultTurnSeconds
        thinkSeconds = phase.structure.map(\.defaultThinkSeconds)
        minutes = phase.minutes
        let current = state.agenda.currentIndex == index
        remainingMs = current ? state.agenda.remainingMilliseconds(now: now) : nil
        paused = current && state.agenda.isPaused
        running = current && !state.agenda.isPaused
        round = phase.kind == .round ? state.design!.phases[...index].filter { $0.kind == .round }.count : nil
        isVote = phase.kind == .vote
        isActionPlanning = phase.kind == .actionPlanning
        voteMethod = phase.voteMethod?.rawValue
        dots = phase.dots
        budget = phase.budget
    }

    /// The phase under way, if any.
    static func current(_ state: ConversationState, now: Int64) -> PhaseView? {
        state.agenda.currentIndex.map { PhaseView(state: state, index: $0, now: now) }
    }
}

extension ConversationState {
    /// Votes on every statement, in one pass over the ballots, with the counts made on paper.
    func tallies() -> [String: VoteTally] {
        var tallies: [String: VoteTally] = [:]
        for (participantID, ballot) in votes {
            let group = participant(participantID)?.group ?? "—"
            for (statementID, vote) in ballot { tallies[statementID, default: VoteTally()].add(vote, group: group) }
        }
        for paper in paperTallies.values { tallies[paper.statementID, default: VoteTally()].add(paper) }
        return tallies
    }
}

struct VoteTally: Codable, Sendable {
    var agree = 0
    var disagree = 0
    var pass = 0
    var byGroup: [String: [Int]] = [:]
    /// Of the counts above, how many were cast on paper (ballots or a show of hands) rather than on phones.
    var onPaper = 0
    var total: Int { agree + disagree + pass }

    mutating func add(_ paper: PaperTallyRecorded) {
        agree += paper.agree
        disagree += paper.disagree
        pass += paper.pass
        onPaper += paper.agree + paper.disagree + paper.pass
        let counts = byGroup[paper.group ?? "—", default: [0, 0, 0]]
        byGroup[paper.group ?? "—"] = [counts[0] + paper.agree, counts[1] + paper.disagree, counts[2] + paper.pass]
    }

    mutating func add(_ vote: Vote, group: String) {
        let column: Int
        switch vote {
        case .agree: agree += 1; column = 0
        case .disagree: disagree += 1; column = 1
        case .pass: pass += 1; column = 2
        }
        byGroup[group, default: [0, 0, 0]][column] += 1
    }

    /// Whole-number percentages for bars.
    var agreePercent: Int { total == 0 ? 0 : agree * 100 / total }
    var disagreePercent: Int { total == 0 ? 0 : disagree * 100 / total }
    var passPercent: Int { total == 0 ? 0 : max(0, 100 - agreePercent - disagreePercent) }
}
