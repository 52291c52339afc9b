import Foundation

/// Which kind of groups a comparison is over.
public enum GroupKind: String, Sendable, Codable, Hashable {
    /// Groups people declared (the people CSV's stakeholder column, or `--groups`).
    case declared
    /// Opinion groups found from the votes (people who vote alike).
    case opinion
}

/// One statement's votes, overall and per group, and its group-informed consensus.
public struct StatementAcrossGroups: Sendable, Codable, Hashable {
    public var id: String
    /// Votes of every grouped person.
    public var total: VoteTally
    /// Votes per group (a group with no votes on it is present with zeros).
    public var byGroup: [String: VoteTally]
    /// Product over groups of (A_g + 1) / (S_g + 2): high only when every group agrees.
    public var groupInformedConsensus: Double
}

/// A statement on which groups' agreement differs most.
public struct DivisiveStatement: Sendable, Codable, Hashable {
    public var id: String
    /// Highest minus lowest smoothed agree rate (A_g + 1) / (S_g + 2) across groups.
    public var spread: Double
    /// The group that agrees most and the one that agrees least.
    public var mostAgreeing: String
    public var leastAgreeing: String
}

/// Consensus, representative and divisive statements over one set of groups.
public struct GroupComparison: Sendable, Codable, Hashable {
    public var kind: GroupKind
    /// Group names in display order (declared: by name; opinion: A, B, C by size).
    public var groupNames: [String]
    /// Participant id to group, for everyone counted.
    public var members: [String: String]
    /// Every counted statement, in the statements' order.
    public var statements: [StatementAcrossGroups]
    /// Per group, its representative statements in Polis's order (best agree first, agrees
    /// before disagrees; see ``PolisRepresentative``).
    public var representative: [String: [RepresentativeStatement]]
    /// Statements where groups differ most, most divisive first.
    public var divisive: [DivisiveStatement]
    /// Statements every group agrees with, by the lower end of its 90% interval: in a small
    /// room a high share of a few votes is not enough (see ``ShareInterval``).
    public var agreedAcrossGroups: [String]

    /// A group's agree share must have its 90% lower bound at or above this for the statement
    /// to count as agreed across groups.
    public static let agreedThreshold = 0.5

    /// Statement ids ranked by group-informed consensus, highest first.
    public var rankedByConsensus: [String] {
        statements.sorted { $0.groupInformedConsensus != $1.groupInformedConsensus ? $0.groupInformedConsensus > $1.groupInformedConsensus : naturalOrder($0.id, $1.id) }.map(\.id)
    }

    /// Number of people in each group.
    public var groupSizes: [String: Int] {
        members.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Compares the groups in `membership` (participant index in `matrix` to group name; people
    /// missing from it are not counted).
    public static func compare(
        _ matrix: VoteMatrix, membership: [Int: String], kind: GroupKind, groupNames: [String]? = nil,
        representativeLimit: Int = 5, divisiveLimit: Int = 10
    ) -> GroupComparison {
        let names = groupNames ?? Set(membership.values).sorted(by: naturalOrder)
        let groupIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let groupCount = names.count
        let statementCount = matrix.statements.count
        // tallies[statement * groupCount + group]
        var tallies = [VoteTally](repeating: VoteTally(), count: statementCount * groupCount)
        var members: [String: String] = [:]
        for person in matrix.participants.indices {
            guard let name = membership[person], let group = groupIndex[name] else { continue }
            members[matrix.participants[person]] = name
            for cell in matrix.cells.rowStart[person] ..< matrix.cells.rowStart[person + 1] {
                tallies[Int(matrix.cells.column[cell]) * groupCount + group].add(cell: matrix.cells.value[cell])
            }
        }

        var statements: [StatementAcrossGroups] = []
        statements.reserveCapacity(statementCount)
        var divisive: [DivisiveStatement] = []
        var rows: [[VoteTally]] = []
        rows.reserveCapacity(statementCount)
        for (index, statement) in matrix.statements.enumerated() {
            let row = Array(tallies[index * groupCount ..< (index + 1) * groupCount])
            let total = row.reduce(VoteTally(), +)
            var byGroup: [String: VoteTally] = [:]
            for (group, tally) in row.enumerated() { byGroup[names[group]] = tally }
            statements.append(StatementAcrossGroups(
                id: statement.id, total: total, byGroup: byGroup,
                groupInformedConsensus: GroupInformedConsensus.value(row)))

            rows.append(row)
            if let split = divisiveness(statement.id, row: row, names: names) { divisive.append(split) }
        }

        var representative: [String: [RepresentativeStatement]] = [:]
        // Polis walks its statements in id order, and ties (the best so far, equal scores) keep
        // that order; an export's comments.csv is in another.
        let polisOrder = matrix.statements.indices.sorted { naturalOrder(matrix.statements[$0].id, matrix.statements[$1].id) }
        let selected = PolisRepresentative.select(
            tallies: polisOrder.map { rows[$0] }, ids: polisOrder.map { matrix.statements[$0].id },
            counts: polisOrder.map { !matrix.statements[$0].isMeta }, groups: groupCount, limit: representativeLimit)
        for (group, picks) in selected.enumerated() { representative[names[group]] = picks }
        divisive.sort { $0.spread != $1.spread ? $0.spread > $1.spread : naturalOrder($0.id, $1.id) }
        let agreed = statements.enumerated().filter { index, _ in
            !matrix.statements[index].isMeta && groupCount > 0 && rows[index].allSatisfy {
                ShareInterval.ninety(successes: $0.agree, of: $0.votes).lower >= agreedThreshold
            }
        }.map(\.element.id)
        return GroupComparison(
            kind: kind, groupNames: names, members: members, statements: statements,
            representative: representative, divisive: Array(divisive.prefix(divisiveLimit)), agreedAcrossGroups: agreed)
    }

    private static func divisiveness(_ id: String, row: [VoteTally], names: [String]) -> DivisiveStatement? {
        let voted = row.enumerated().filter { $0.element.votes > 0 }
        guard voted.count >= 2 else { return nil }
        let rates = voted.map { (group: $0.offset, rate: Double($0.element.agree + 1) / Double($0.element.votes + 2)) }
        guard let high = rates.max(by: { $0.rate < $1.rate }), let low = rates.min(by: { $0.rate < $1.rate }) else { return nil }
        let spread = high.rate - low.rate
        guard spread > 0 else { return nil }
        return DivisiveStatement(id: id, spread: spread, mostAgreeing: names[high.group], leastAgreeing: names[low.group])
    }
}

/// Polis's group-informed consensus.
public enum GroupInformedConsensus {
    /// GIC = product over groups g of (A_g + 1) / (S_g + 2), with S_g counting passes.
    /// A group that has not voted contributes 1/2, as Polis's formula gives.
    public static func value(_ groups: [VoteTally]) -> Double {
        groups.reduce(1.0) { $0 * Double($1.agree + 1) / Double($1.votes + 2) }
    }
}

/// A 90% interval for a share of votes (Wilson's score interval, two-sided, z = 1.6449): with
/// 5 of 5 agreeing it is 0.65 ... 1, with 50 of 50 it is 0.95 ... 1, so a small room's
/// unanimous handful is shown for what it can carry.
public enum ShareInterval {
    public static let z = 1.6449

    public static func ninety(successes: Int, of trials: Int) -> (lower: Double, upper: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return (max(0, centre - half), min(1, centre + half))
    }
}
