/// The votes that count, indexed for fast arithmetic: one (latest) vote per person and statement,
/// only on statements that were not moderated out, only from the people who count.
///
/// The votes sit in one flat buffer of compressed rows (a 32-bit statement index and an 8-bit
/// choice per vote, 5 bytes), not an array of arrays: at millions of votes, per-person arrays of
/// 16-byte tuples were most of the analysis's memory.
public struct VoteMatrix: Sendable {
    /// Statements that count, in the order given.
    public let statements: [StatementRecord]
    /// People who cast at least one counted vote, in natural order of their ids.
    public let participants: [String]
    /// Participant `p`'s votes, columns being statement indices, ascending.
    let cells: SparseRows

    /// Resolves `data`: the latest vote per person and statement wins (ties: the later record),
    /// rejected statements are left out, and when `onlyParticipants` is given nobody else counts.
    /// Throws when a vote names a statement that does not exist.
    public init(_ data: VotingData, onlyParticipants: Set<String>? = nil) throws(HarvestError) {
        let resolved = try ResolvedVotes(data, minimumVotes: 0, greedyParticipants: 0)
        self.init(resolved, statements: data.statements, onlyParticipants: onlyParticipants)
    }

    /// The matrix over votes already resolved from the same `statements`.
    init(_ resolved: ResolvedVotes, statements all: [StatementRecord], onlyParticipants: Set<String>? = nil) {
        // An id names the last statement with it that was not moderated out (or none).
        var keptIndex: [String: Int32] = [:]
        var kept: [StatementRecord] = []
        for statement in all where !statement.moderatedOut {
            keptIndex[statement.id] = Int32(kept.count)
            kept.append(statement)
        }
        let column = resolved.statementIDs.map { keptIndex[$0] ?? -1 }
        statements = kept
        // Rows stay sorted without re-sorting when the kept order follows the given order.
        var monotone = true, last: Int32 = -1
        for value in column where value >= 0 { if value < last { monotone = false; break }; last = value }

        var participants: [String] = []
        var cells = SparseRows()
        cells.column.reserveCapacity(resolved.cellStatement.count)
        cells.value.reserveCapacity(resolved.cellStatement.count)
        for person in resolved.people.indices {
            if let onlyParticipants, !onlyParticipants.contains(resolved.people[person]) { continue }
            let before = cells.column.count
            for cell in resolved.rowStart[person] ..< resolved.rowStart[person + 1] {
                let statement = column[Int(resolved.cellStatement[cell])]
                guard statement >= 0 else { continue }
                cells.column.append(statement)
                cells.value.append(resolved.cellChoice[cell])
            }
            guard cells.column.count > before else { continue }
            participants.append(resolved.people[person])
            cells.rowStart.append(cells.column.count)
            if !monotone { cells.sortRow(cells.count - 1) }
        }
        self.participants = participants
        self.cells = cells
    }

    /// Number of counted votes.
    public var voteCount: Int { cells.column.count }

    /// Participant `person`'s votes as (statement index, choice), by statement index.
    public func votes(of person: Int) -> VoteRow {
        let range = cells.rowStart[person] ..< cells.rowStart[person + 1]
        return VoteRow(statements: cells.column[range], choices: cells.value[range])
    }

    /// Every participant's votes, in participant order.
    public var rows: [VoteRow] { participants.indices.map(votes(of:)) }
}

/// One participant's votes in a ``VoteMatrix``, viewed in place.
public struct VoteRow: RandomAccessCollection, Sendable {
    let statements: ArraySlice<Int32>
    let choices: ArraySlice<Int8>

    public var startIndex: Int { statements.startIndex }
    public var endIndex: Int { statements.endIndex }
    public subscript(position: Int) -> (statement: Int, choice: VoteChoice) {
        (Int(statements[position]), VoteChoice(cell: choices[position]))
    }
}

extension VoteChoice {
    /// The choice stored in a matrix cell (-1, 0 or 1).
    init(cell: Int8) { self = cell > 0 ? .agree : (cell < 0 ? .disagree : .pass) }
}

/// Orders ids numerically when both are whole numbers, otherwise as text.
func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    switch (Int(lhs), Int(rhs)) {
    case let (a?, b?): return a < b
    case (_?, nil): return true
    case (nil, _?): return false
    case (nil, nil): return lhs < rhs
    }
}

/// Agree, disagree and pass counts of one statement within one set of people.
public struct VoteTally: Sendable, Codable, Hashable {
    public var agree = 0
    public var disagree = 0
    public var pass = 0

    public init(agree: Int = 0, disagree: Int = 0, pass: Int = 0) {
        self.agree = agree
        self.disagree = disagree
        self.pass = pass
    }

    /// All votes seen, passes included (Polis's S).
    public var votes: Int { agree + disagree + pass }
    /// Share of votes that agree (0 when nobody voted).
    public var agreeRate: Double { votes == 0 ? 0 : Double(agree) / Double(votes) }
    public var disagreeRate: Double { votes == 0 ? 0 : Double(disagree) / Double(votes) }
    public var passRate: Double { votes == 0 ? 0 : Double(pass) / Double(votes) }

    mutating func add(_ choice: VoteChoice) {
        switch choice {
        case .agree: agree += 1
        case .disagree: disagree += 1
        case .pass: pass += 1
        }
    }

    /// Adds a matrix cell's vote (-1, 0 or 1).
    mutating func add(cell: Int8) {
        if cell > 0 { agree += 1 } else if cell < 0 { disagree += 1 } else { pass += 1 }
    }

    static func + (lhs: VoteTally, rhs: VoteTally) -> VoteTally {
        VoteTally(agree: lhs.agree + rhs.agree, disagree: lhs.disagree + rhs.disagree, pass: lhs.pass + rhs.pass)
    }
}
