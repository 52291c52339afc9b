import Foundation

/// A statement that sets one group apart from the rest, with Polis's statistics for it.
public struct RepresentativeStatement: Sendable, Codable, Hashable {
    public enum Side: String, Sendable, Codable, Hashable { case agree, disagree }

    public var id: String
    /// Whether the group stands out by agreeing or by disagreeing.
    public var side: Side
    /// Probability of the side within the group, with a +1/+2 prior: (1 + n) / (2 + S).
    public var probability: Double
    /// One-proportion test that the group leans to the side: 2 sqrt(S + 1) ((n + 1)/(S + 1) - 1/2).
    public var probabilityTest: Double
    /// How much likelier the side is in the group than in everyone else.
    public var representativeness: Double
    /// Two-proportion z-test of group against the rest, +1 pseudo-counts.
    public var representativenessTest: Double
    /// Group votes on the statement.
    public var tally: VoteTally

    /// ra * rat * pa * pat (or the disagree equivalents): the ranking key.
    public var metric: Double { representativeness * representativenessTest * probability * probabilityTest }
}

/// Polis's representative statements (repness.clj), for any grouping.
public enum RepresentativeStatements {
    /// One-sided 90% significance, as Polis's `z-sig-90?`.
    public static let significance = 1.2816

    /// (1 + successes) / (2 + trials).
    public static func probability(_ successes: Int, of trials: Int) -> Double {
        Double(1 + successes) / Double(2 + trials)
    }

    /// Polis's `prop-test`: 2 sqrt(n + 1) ((s + 1)/(n + 1) - 1/2).
    public static func proportionTest(_ successes: Int, of trials: Int) -> Double {
        2 * (Double(trials + 1)).squareRoot() * (Double(successes + 1) / Double(trials + 1) - 0.5)
    }

    /// Polis's `two-prop-test` with +1 pseudo-counts on every count.
    public static func twoProportionTest(successesIn: Int, successesOut: Int, trialsIn: Int, trialsOut: Int) -> Double {
        let s1 = Double(successesIn + 1), s2 = Double(successesOut + 1)
        let n1 = Double(trialsIn + 1), n2 = Double(trialsOut + 1)
        let pooled = (s1 + s2) / (n1 + n2)
        let spread = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        guard spread > 0 else { return 0 }
        return (s1 / n1 - s2 / n2) / spread
    }

    /// The statement's statistics for a group against the rest, or nil when it passes neither
    /// the agree test (rat and pat above 1.2816) nor the disagree test.
    public static func assess(statement: String, inGroup group: VoteTally, rest: VoteTally) -> RepresentativeStatement? {
        func side(_ side: RepresentativeStatement.Side) -> RepresentativeStatement {
            let inside = side == .agree ? group.agree : group.disagree
            let outside = side == .agree ? rest.agree : rest.disagree
            let pa = probability(inside, of: group.votes)
            return RepresentativeStatement(
                id: statement, side: side, probability: pa,
                probabilityTest: proportionTest(inside, of: group.votes),
                representativeness: pa / probability(outside, of: rest.votes),
                representativenessTest: twoProportionTest(successesIn: inside, successesOut: outside, trialsIn: group.votes, trialsOut: rest.votes),
                tally: group)
        }
        guard group.votes > 0 else { return nil }
        let agree = side(.agree), disagree = side(.disagree)
        let agreePasses = agree.representativenessTest > significance && agree.probabilityTest > significance
        let disagreePasses = disagree.representativenessTest > significance && disagree.probabilityTest > significance
        switch (agreePasses, disagreePasses) {
        case (false, false): return nil
        case (true, false): return agree
        case (false, true): return disagree
        case (true, true):
            // As Polis's repful-for: the side whose difference from the rest is stronger.
            return agree.representativenessTest > disagree.representativenessTest ? agree : disagree
        }
    }

    /// The best `limit` candidates by ra * rat * pa * pat.
    public static func select(_ candidates: [RepresentativeStatement], limit: Int) -> [RepresentativeStatement] {
        Array(candidates.sorted { $0.metric != $1.metric ? $0.metric > $1.metric : naturalOrder($0.id, $1.id) }.prefix(limit))
    }
}

/// A statement most people agree (or disagree) with, regardless of group.
public struct ConsensusStatement: Sendable, Codable, Hashable {
    public var id: String
    /// (1 + n) / (2 + S) over everyone counted, n being agrees (or disagrees).
    public var probability: Double
    public var probabilityTest: Double
    public var tally: VoteTally
}

/// Polis's majority opinion: statements with a clear majority of everyone counted.
public struct MajorityConsensus: Sendable, Codable, Hashable {
    public var agree: [ConsensusStatement]
    public var disagree: [ConsensusStatement]

    /// Statements whose smoothed agree (disagree) probability is above one half and whose
    /// one-proportion test passes 90% significance, ranked by probability times test.
    /// Meta statements are left out, as Polis leaves them out.
    public static func find(_ matrix: VoteMatrix, counting people: Set<Int>? = nil, limit: Int = 5) -> MajorityConsensus {
        var tallies = [VoteTally](repeating: VoteTally(), count: matrix.statements.count)
        for person in matrix.participants.indices where people?.contains(person) ?? true {
            for vote in matrix.votes(of: person) { tallies[vote.statement].add(vote.choice) }
        }
        return select(tallies: tallies, ids: matrix.statements.map(\.id), counts: matrix.statements.map { !$0.isMeta }, limit: limit)
    }

    /// Polis's select-consensus-comments over one tally per statement: statements where
    /// `counts` is false are skipped; equal scores keep the statements' order (a stable sort).
    public static func select(tallies: [VoteTally], ids: [String], counts: [Bool], limit: Int) -> MajorityConsensus {
        func pick(_ count: (VoteTally) -> Int) -> [ConsensusStatement] {
            let candidates = tallies.enumerated().compactMap { index, tally -> ConsensusStatement? in
                guard counts[index] else { return nil }
                let p = RepresentativeStatements.probability(count(tally), of: tally.votes)
                let test = RepresentativeStatements.proportionTest(count(tally), of: tally.votes)
                guard p > 0.5, test > RepresentativeStatements.significance else { return nil }
                return ConsensusStatement(id: ids[index], probability: p, probabilityTest: test, tally: tally)
            }
            let order = candidates.indices.sorted {
                let a = candidates[$0].probability * candidates[$0].probabilityTest
                let b = candidates[$1].probability * candidates[$1].probabilityTest
                return a != b ? a > b : $0 < $1
            }
            return order.prefix(limit).map { candidates[$0] }
        }
        return MajorityConsensus(agree: pick(\.agree), disagree: pick(\.disagree))
    }
}
