/// Polis's choice of representative statements (repness.clj `select-rep-comments`), over the
/// vote tallies of each statement in each group.
///
/// Per group, in statement order: a statement is *sufficient* when its agree (or disagree) side
/// passes both one-sided 90% tests; the strongest by test is kept in case none is; and a best
/// agree is tracked so every group shows something its members agree on. The result is the
/// best agree followed by the sufficient ones by ra·rat·pa·pat, cut to five, agrees before
/// disagrees; with nothing sufficient, the best agree alone (or else the strongest by test).
public enum PolisRepresentative {
    /// One statement's statistics for one group against the other groups (repness.clj's keys).
    struct Stats {
        var na: Int, nd: Int, ns: Int
        var pa: Double, pd: Double, pat: Double, pdt: Double
        var ra: Double, rd: Double, rat: Double, rdt: Double

        init(_ group: VoteTally, rest: VoteTally) {
            na = group.agree; nd = group.disagree; ns = group.votes
            pa = RepresentativeStatements.probability(na, of: ns)
            pd = RepresentativeStatements.probability(nd, of: ns)
            pat = RepresentativeStatements.proportionTest(na, of: ns)
            pdt = RepresentativeStatements.proportionTest(nd, of: ns)
            ra = pa / RepresentativeStatements.probability(rest.agree, of: rest.votes)
            rd = pd / RepresentativeStatements.probability(rest.disagree, of: rest.votes)
            rat = RepresentativeStatements.twoProportionTest(successesIn: na, successesOut: rest.agree, trialsIn: ns, trialsOut: rest.votes)
            rdt = RepresentativeStatements.twoProportionTest(successesIn: nd, successesOut: rest.disagree, trialsIn: ns, trialsOut: rest.votes)
        }

        var passes: Bool {
            let z = RepresentativeStatements.significance
            return (rat > z && pat > z) || (rdt > z && pdt > z)
        }
    }

    /// finalize-cmt-stats: the side whose test against the rest is stronger (agree only when
    /// strictly stronger). Polis stores that test as a 32-bit float, and ranks by the float.
    static func finalize(_ id: String, _ s: Stats, tally: VoteTally) -> RepresentativeStatement {
        let agree = s.rat > s.rdt
        return RepresentativeStatement(
            id: id, side: agree ? .agree : .disagree,
            probability: agree ? s.pa : s.pd, probabilityTest: agree ? s.pat : s.pdt,
            representativeness: agree ? s.ra : s.rd,
            representativenessTest: Double(Float(agree ? s.rat : s.rdt)), tally: tally)
    }

    /// beats-best-agr?
    static func beatsBestAgree(_ s: Stats, _ current: Stats?) -> Bool {
        if s.na == 0 && s.nd == 0 { return false }
        if let current, current.ra > 1 { return s.ra * s.rat * s.pa * s.pat > current.ra * current.rat * current.pa * current.pat }
        if let current { return s.pa * s.pat > current.pa * current.pat }
        return s.pat > RepresentativeStatements.significance || (s.ra > 1 && s.pa > 0.5)
    }

    /// `tallies[statement][group]`; statements where `counts` is false (moderated, meta) are skipped.
    public static func select(tallies: [[VoteTally]], ids: [String], counts: [Bool], groups: Int, limit: Int = 5) -> [[RepresentativeStatement]] {
        var sufficient = [[RepresentativeStatement]](repeating: [], count: groups)
        var best = [RepresentativeStatement?](repeating: nil, count: groups)
        var bestAgree = [(id: String, stats: Stats, tally: VoteTally)?](repeating: nil, count: groups)
        for (index, row) in tallies.enumerated() where counts[index] {
            let total = row.reduce(VoteTally(), +)
            for group in 0..<groups {
                let tally = row[group]
                let rest = VoteTally(agree: total.agree - tally.agree, disagree: total.disagree - tally.disagree, pass: total.pass - tally.pass)
                let stats = Stats(tally, rest: rest)
                if stats.passes { sufficient[group].append(finalize(ids[index], stats, tally: tally)) }
                if sufficient[group].isEmpty, best[group].map({ max(stats.rat, stats.rdt) > $0.representativenessTest }) ?? true {
                    best[group] = finalize(ids[index], stats, tally: tally)
                }
                if beatsBestAgree(stats, bestAgree[group]?.stats) { bestAgree[group] = (ids[index], stats, tally) }
            }
        }
        return (0..<groups).map { group in
            let head = bestAgree[group].map { finalize($0.id, $0.stats, tally: $0.tally) }
            if sufficient[group].isEmpty { return (head ?? best[group]).map { [$0] } ?? [] }
            let rest = sufficient[group].filter { $0.id != head?.id }
            let order = rest.indices.sorted { rest[$0].metric != rest[$1].metric ? rest[$0].metric > rest[$1].metric : $0 < $1 }
            let top = Array(((head.map { [$0] } ?? []) + order.map { rest[$0] }).prefix(limit))
            return top.filter { $0.side == .agree } + top.filter { $0.side == .disagree }
        }
    }
}
