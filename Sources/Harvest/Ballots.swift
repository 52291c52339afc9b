import Memberwise

/// Dot voting: each person places up to N dots on options, several on one if they like.
public struct DotVoting: Sendable, Codable, Hashable {
    @PublicMemberwiseInit
    public struct Option: Sendable, Codable, Hashable {
        public var id: String
        public var text: String
    }
    @PublicMemberwiseInit
    public struct Placement: Sendable, Codable, Hashable {
        public var participant: String
        public var option: String
        public var dots: Int
    }
    /// One option's result.
    public struct Result: Sendable, Codable, Hashable {
        public var option: Option
        public var dots: Int
        /// People who put at least one dot on it.
        public var supporters: Int
    }

    public var dotsPerPerson: Int
    public var options: [Option]
    public var placements: [Placement]

    public init(dotsPerPerson: Int, options: [Option], placements: [Placement]) {
        self.dotsPerPerson = dotsPerPerson
        self.options = options
        self.placements = placements
    }

    /// Options by dots, then supporters. A person's dots beyond their allowance are not counted
    /// (the earliest placements count); dots on unknown options are ignored.
    public func results() -> [Result] {
        let known = Set(options.map(\.id))
        var used: [String: Int] = [:]
        var dots: [String: Int] = [:]
        var supporters: [String: Set<String>] = [:]
        for placement in placements where known.contains(placement.option) && placement.dots > 0 {
            let allowed = min(placement.dots, max(dotsPerPerson - used[placement.participant, default: 0], 0))
            guard allowed > 0 else { continue }
            used[placement.participant, default: 0] += allowed
            dots[placement.option, default: 0] += allowed
            supporters[placement.option, default: []].insert(placement.participant)
        }
        let results = options.map { option in
            Result(option: option, dots: dots[option.id] ?? 0, supporters: supporters[option.id]?.count ?? 0)
        }
        let order = results.indices.sorted { a, b in
            let x = results[a], y = results[b]
            if x.dots != y.dots { return x.dots > y.dots }
            if x.supporters != y.supporters { return x.supporters > y.supporters }
            return a < b
        }
        return order.map { results[$0] }
    }
}

/// A participatory budget: proposals with costs, a budget, and each person's allocation.
public struct ParticipatoryBudget: Sendable, Codable, Hashable {
    @PublicMemberwiseInit
    public struct Proposal: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var cost: Double
    }
    /// Money (or points) one person puts on one proposal; any amount above zero is an approval.
    @PublicMemberwiseInit
    public struct Allocation: Sendable, Codable, Hashable {
        public var participant: String
        public var proposal: String
        public var amount: Double
    }
    public struct Result: Sendable, Codable, Hashable {
        public var proposal: Proposal
        /// People who allocated anything to it.
        public var approvals: Int
        /// Sum of everyone's allocations.
        public var allocated: Double
        /// Funded under greedy-by-approvals within the budget.
        public var funded: Bool
    }

    public var budget: Double
    public var proposals: [Proposal]
    public var allocations: [Allocation]

    public init(budget: Double, proposals: [Proposal], allocations: [Allocation]) {
        self.budget = budget
        self.proposals = proposals
        self.allocations = allocations
    }

    /// The usual rule: take proposals from most to fewest approvals (ties: more allocated, then
    /// cheaper), fund each that still fits in what is left of the budget, skip the rest.
    public func results() -> [Result] {
        var approvers: [String: Set<String>] = [:]
        var allocated: [String: Double] = [:]
        for allocation in allocations where allocation.amount > 0 {
            approvers[allocation.proposal, default: []].insert(allocation.participant)
            allocated[allocation.proposal, default: 0] += allocation.amount
        }
        let ranked = proposals.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            let ax = approvers[x.id]?.count ?? 0, ay = approvers[y.id]?.count ?? 0
            if ax != ay { return ax > ay }
            let mx = allocated[x.id] ?? 0, my = allocated[y.id] ?? 0
            if mx != my { return mx > my }
            if x.cost != y.cost { return x.cost < y.cost }
            return a.offset < b.offset
        }
        var remaining = budget
        return ranked.map { _, proposal in
            let approvals = approvers[proposal.id]?.count ?? 0
            let funded = approvals > 0 && proposal.cost <= remaining + 1e-9
            if funded { remaining -= proposal.cost }
            return Result(proposal: proposal, approvals: approvals, allocated: allocated[proposal.id] ?? 0, funded: funded)
        }
    }
}
