import Memberwise

/// A conversation design: what the facilitator says they are going to do, before the day.
///
/// Designs are written as YAML files (see `docs/design-format.md`); this is their meaning once read.
public struct ConversationDesign: Codable, Sendable, Equatable {
    /// A short name used on the command line, e.g. `cooperative-knowledge-cafe`.
    public var name: String
    public var title: String
    /// Why the conversation is held: the outcome it should end in.
    public var purpose: String
    /// One paragraph on when a facilitator should pick this design.
    public var whenToUse: String
    /// The question(s) the conversation explores; rounds may ask their own.
    public var questions: [String]
    /// The groups expected in the room (students, staff, ...), used to mix tables and read consensus.
    public var stakeholderGroups: [String]
    /// People per table.
    public var tableSize: Int
    public var phases: [Phase]
    /// Where the design came from, when it was forked from another design or a run.
    public var lineage: Lineage?
    /// What facilitators learned running it, carried along when the design is passed on.
    public var learnings: [Learning]

    public init(
        name: String, title: String, purpose: String, whenToUse: String, questions: [String],
        stakeholderGroups: [String], tableSize: Int, phases: [Phase], lineage: Lineage? = nil, learnings: [Learning] = []
    ) {
        self.name = name
        self.title = title
        self.purpose = purpose
        self.whenToUse = whenToUse
        self.questions = questions
        self.stakeholderGroups = stakeholderGroups
        self.tableSize = tableSize
        self.phases = phases
        self.lineage = lineage
        self.learnings = learnings
    }

    /// Total planned minutes of all phases.
    public var totalMinutes: Int { phases.reduce(0) { $0 + $1.minutes } }

    /// The number of table rounds, which is what the seating plan needs.
    public var roundCount: Int { phases.filter { $0.kind == .round }.count }
}

/// One step of the agenda.
public struct Phase: Codable, Sendable, Equatable {
    public var kind: PhaseKind
    public var title: String
    public var minutes: Int
    /// `input`: who gives the short talk.
    public var speaker: String?
    /// `round`, `plenary`, `action-planning`, `closing`: what is asked.
    public var question: String?
    /// `round`: the Cooperative Learning structure that governs turns.
    public var structure: CooperativeStructure?
    /// `round`: how people move to the next round.
    public var movement: Movement?
    /// `round`: roles rotated at every table.
    public var roles: [TableRole]
    /// `vote`: how votes are cast.
    public var voteMethod: VoteMethod?
    /// `vote` with `dots`: dots per person.
    public var dots: Int?
    /// `vote` with `budget`: the money to allocate, in whole units.
    public var budget: Int?
    /// `vote`: statements prepared in advance (more can be promoted from contributions on the day).
    public var statements: [String]
    /// `vote` with `budget`: what each prepared proposal costs, in the order of `statements`; nil when the costs
    /// are given on the day. Optional so the designs stored in older logs still read.
    public var costs: [Int]?
    /// Guidance shown to the facilitator.
    public var notes: String?

    public init(
        kind: PhaseKind, title: String, minutes: Int, speaker: String? = nil, question: String? = nil,
        structure: CooperativeStructure? = nil, movement: Movement? = nil, roles: [TableRole] = [],
        voteMethod: VoteMethod? = nil, dots: Int? = nil, budget: Int? = nil, statements: [String] = [], costs: [Int]? = nil,
        notes: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.minutes = minutes
        self.speaker = speaker
        self.question = question
        self.structure = structure
        self.movement = movement
        self.roles = roles
        self.voteMethod = voteMethod
        self.dots = dots
        self.budget = budget
        self.statements = statements
        self.costs = costs
        self.notes = notes
    }
}

public enum PhaseKind: String, Codable, Sendable, CaseIterable {
    case input
    case round
    case plenary
    case vote
    case actionPlanning = "action-planning"
    case closing
}

/// How people change tables between rounds.
public enum Movement: String, Codable, Sendable, CaseIterable {
    /// Everyone moves to a new table (Knowledge Café).
    case allMove = "all-move"
    /// Each table's host stays and welcomes newcomers (World Café).
    case hostsStay = "hosts-stay"
    /// Nobody moves (home groups, Jigsaw's expert groups return).
    case stay
}

public enum VoteMethod: String, Codable, Sendable, CaseIterable {
    /// Each statement: agree, disagree or pass (as in Polis).
    case agreeDisagree = "agree-disagree"
    /// N dots each, spread over statements.
    case dots
    /// Proposals with costs; each person picks what they would fund within a budget.
    case budget
}

/// Where a design came from.
@PublicMemberwiseInit
public struct Lineage: Codable, Sendable, Equatable {
    /// The design it was forked from.
    public var forkedFrom: String
    /// The conversation (run) whose learnings it carries, if any.
    public var run: String?
    /// When the fork was made, `YYYY-MM-DD`.
    public var date: String?
}

/// What a facilitator learned about one phase (or the whole design, when `phase` is nil).
@PublicMemberwiseInit
public struct Learning: Codable, Sendable, Equatable {
    public var phase: Int?
    public var worked: String
    public var change: String
    /// The conversation it was learned in, set when a run's learnings are carried into a fork, so a design
    /// passed on several times still says which run taught what.
    public var run: String?
}
