import Foundation

/// Votes counted in the room rather than cast on phones: a pile of paper ballots or a show of
/// hands, typed in by the facilitator as totals, for everyone or for one declared group.
public struct PaperCount: Sendable, Codable, Hashable {
    public enum Method: String, Sendable, Codable, Hashable, CaseIterable {
        case ballots = "paper-ballots"
        case hands = "show-of-hands"

        /// How the report names it.
        public var label: String {
            switch self {
            case .ballots: "Paper ballots"
            case .hands: "Show of hands"
            }
        }
    }

    public var statement: String
    /// The declared group counted, or nil for a count of the whole room.
    public var group: String?
    public var method: Method
    public var tally: VoteTally

    public init(statement: String, group: String?, method: Method, tally: VoteTally) {
        self.statement = statement
        self.group = group
        self.method = method
        self.tally = tally
    }
}

/// One statement's votes, each way they were cast and all together: the report's answer to
/// "where do these numbers come from?" when a room voted partly on paper.
public struct CountedStatement: Sendable, Codable, Hashable {
    public var id: String
    public var text: String
    public var phones: VoteTally
    /// Counts by method, in ``PaperCount/Method`` order; methods not used are left out.
    public var paper: [PaperMethodCount]
    public var together: VoteTally

    public struct PaperMethodCount: Sendable, Codable, Hashable {
        public var method: PaperCount.Method
        public var tally: VoteTally
        /// The groups counted apart, when the count was by group.
        public var groups: [String]
    }
}

/// Phone votes and paper counts put together.
public enum VoteCounting {
    /// Each statement's latest phone votes, counted.
    public static func phoneTallies(_ voting: VotingData) -> [String: VoteTally] {
        var tallies: [String: VoteTally] = [:]
        for vote in voting.latestVotes { tallies[vote.statement, default: VoteTally()].add(vote.choice) }
        return tallies
    }

    /// Every statement that got a vote by any method, in the statements' order.
    public static func counted(_ voting: VotingData, paper: [PaperCount]) -> [CountedStatement] {
        let phones = phoneTallies(voting)
        let paperByStatement = Dictionary(grouping: paper, by: \.statement)
        return voting.statements.compactMap { statement in
            let onPhones = phones[statement.id] ?? VoteTally()
            let counts = paperByStatement[statement.id] ?? []
            guard onPhones.votes > 0 || !counts.isEmpty else { return nil }
            let methods = PaperCount.Method.allCases.compactMap { method -> CountedStatement.PaperMethodCount? in
                let these = counts.filter { $0.method == method }
                guard !these.isEmpty else { return nil }
                return .init(method: method, tally: these.reduce(VoteTally()) { $0 + $1.tally }, groups: these.compactMap(\.group).sorted())
            }
            return CountedStatement(id: statement.id, text: statement.text, phones: onPhones, paper: methods,
                                    together: methods.reduce(onPhones) { $0 + $1.tally })
        }
    }
}
