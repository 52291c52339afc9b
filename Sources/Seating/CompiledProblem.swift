/// A `SeatingProblem` checked and turned into integer indices the search can use without lookups.
///
/// People are 0..<n in input order; rounds and tables are 0-based here and 1-based in plans.
struct CompiledProblem: Sendable {
    let people: [Person]
    let roundCount: Int
    /// Rounds before this index are already played and never change.
    let frozenRounds: Int
    /// present[r][p]
    let present: [[Bool]]
    let tableCount: [Int]
    /// Seats per table (larger first) for each round.
    let tableSizes: [[Int]]
    /// Together groups: every person belongs to exactly one unit (alone or with others).
    let unitOf: [Int]
    let unitMembers: [[Int]]
    /// 0-based table a unit is pinned to, or -1.
    let unitPin: [Int]
    /// The people each person must never sit with, sorted (a list per person, not an n×n matrix, so rooms of
    /// tens of thousands cost memory in proportion to the constraints given).
    let apartOf: [[Int]]
    var hasApart: Bool { apartOf.contains { !$0.isEmpty } }
    @inline(__always) func isApart(_ a: Int, _ b: Int) -> Bool { !apartOf[a].isEmpty && apartOf[a].contains(b) }
    /// For each soft-mix column (the mix-by columns, then the role classes): the value index of each person.
    let mixColumns: [MixColumn]
    /// Seating of the frozen rounds, tableOf[r][p] (-1 when absent).
    let frozenSeating: [[Int]]
    /// People who stay at a table and host it (World Café), by 0-based table.
    let hosts: [Int: Int]
    let roles: [String]
    /// The role each person is steered towards in round r is roles[(roleClass[p] + r) % roles.count].
    let roleClass: [Int]

    struct MixColumn: Sendable {
        var name: String
        var valueOf: [Int]
        var valueCount: Int
        /// Counts of each value among the people present, per round.
        var presentCounts: [[Int]]
        /// Whether this column is the role steering column (least important).
        var isRoleClass: Bool
    }

    var count: Int { people.count }

    init(_ problem: SeatingProblem) throws(SeatingError) {
        let people = problem.people
        let n = people.count
        guard n > 0 else { throw .invalidInput("there are no people to seat") }
        guard problem.rounds >= 1 else { throw .noRounds(problem.rounds) }
        switch problem.sizing {
        case .tableSize(let size):
            guard size >= 2 else { throw .tableSizeTooSmall(size) }
            guard size <= n else { throw .tableSizeLargerThanRoom(size: size, people: n) }
        case .tables(let count):
            guard count >= 1 else { throw .noTables(count) }
            guard count <= n else { throw .moreTablesThanPeople(tables: count, people: n) }
        }
        var index: [String: Int] = [:]
        for (position, person) in people.enumerated() {
            if index[person.id] != nil { throw .invalidInput("duplicate id \"\(person.id)\": every person needs a unique id") }
            index[person.id] = position
        }
        func lookup(_ id: String, in rule: SeatingRule) throws(SeatingError) -> Int {
            if let found = index[id] { return found }
            throw .unknownPerson(id, in: rule)
        }
        self.people = people
        roundCount = problem.rounds

        // Absences and the rounds already played decide who is present.
        var present = Array(repeating: Array(repeating: true, count: n), count: problem.rounds)
        for absence in problem.absences {
            let person = try lookup(absence.person, in: .absence(person: absence.person))
            for round in absence.rounds {
                guard (1...problem.rounds).contains(round) else {
                    throw .absentRoundOutOfRange(person: absence.person, round: round, rounds: problem.rounds)
                }
                present[round - 1][person] = false
            }
        }
        let frozen = problem.fixedRounds
        guard frozen.count < problem.rounds else {
            throw .nothingLeftToPlan(firstRoundToPlan: frozen.count + 1, rounds: problem.rounds)
        }
        var frozenSeating: [[Int]] = []
        for (offset, round) in frozen.enumerated() {
            guard round.round == offset + 1 else {
                throw .invalidInput("the fixed plan must list rounds 1, 2, ... in order (found round \(round.round) in position \(offset + 1))")
            }
            var seating = Array(repeating: -1, count: n)
            for (tableIndex, table) in round.tables.enumerated() {
                for seat in table.members {
                    let person = try lookup(seat.id, in: .fixedRound(round.round))
                    guard seating[person] < 0 else {
                        throw .invalidInput("the fixed plan seats \"\(seat.id)\" twice in round \(round.round)")
                    }
                    seating[person] = tableIndex
                }
            }
            for person in 0..<n { present[offset][person] = seating[person] >= 0 }
            frozenSeating.append(seating)
        }
        frozenRounds = frozen.count
        self.present = present
        self.frozenSeating = frozenSeating

        // Table counts: per round from who is present, except that staying hosts need the same tables every round.
        var tableCount: [Int] = []
        for round in 0..<problem.rounds {
            let presentCount = present[round].filter { $0 }.count
            if round < frozen.count {
                tableCount.append(frozen[round].tables.count)
            } else if problem.hostsStay {
                tableCount.append(min(TableLayout.tableCount(present: n, sizing: problem.sizing), presentCount))
            } else {
                tableCount.append(TableLayout.tableCount(present: presentCount, sizing: problem.sizing))
            }
        }
        self.tableCount = tableCount
        tableSizes = (0..<problem.rounds).map { round in
            TableLayout.sizes(present: present[round].filter { $0 }.count, tables: tableCount[round])
        }

        let (unitOf, unitMembers) = try Self.units(problem.together, n: n, lookup: lookup)
        self.unitOf = unitOf
        self.unitMembers = unitMembers
        var apartOf = Array(repeating: [Int](), count: n)
        var conflicts: [SeatingConflict] = []
        for pair in problem.apart {
            guard pair.count == 2 else { throw .apartNeedsTwoPeople(pair) }
            let a = try lookup(pair[0], in: .apart(pair))
            let b = try lookup(pair[1], in: .apart(pair))
            if a == b { conflicts.append(.apartNamesOnePersonTwice(pair)) }
            if unitOf[a] == unitOf[b] && a != b { conflicts.append(.apartContradictsTogether(pair)) }
            if !apartOf[a].contains(b) {
                apartOf[a].append(b)
                apartOf[b].append(a)
            }
        }
        let sortedApart = apartOf.map { $0.sorted() }
        self.apartOf = sortedApart

        var unitPin = Array(repeating: -1, count: unitMembers.count)
        var pinSource = [Pin?](repeating: nil, count: unitMembers.count)
        for pin in problem.pins {
            let person = try lookup(pin.person, in: .pin(pin))
            let unit = unitOf[person]
            guard pin.table >= 1 else { throw .pinTableTooSmall(pin) }
            if unitPin[unit] >= 0 && unitPin[unit] != pin.table - 1, let earlier = pinSource[unit] {
                conflicts.append(.pinsSplitTogetherGroup(pin, earlier: earlier))
                continue
            }
            unitPin[unit] = pin.table - 1
            pinSource[unit] = pin
        }
        var hosts: [Int: Int] = [:]
        if problem.hostsStay {
            hosts = Self.chooseHosts(tables: tableCount.max() ?? 0, unitPin: &unitPin, unitOf: unitOf, unitMembers: unitMembers,
                                     frozen: frozen, index: index, present: present)
        }
        self.hosts = hosts
        self.unitPin = unitPin
        conflicts += Self.hardConflicts(
            people: people, present: present, tableCount: tableCount, tableSizes: tableSizes, unitMembers: unitMembers,
            unitPin: unitPin, pinSource: pinSource, apartOf: sortedApart, frozenRounds: frozen.count)
        guard conflicts.isEmpty else { throw .conflictingConstraints(conflicts) }

        var columns: [MixColumn] = []
        for name in problem.mixBy {
            guard people.contains(where: { $0.attributes[name] != nil }) else {
                throw .unknownMixColumn(name, columns: Set(people.flatMap { $0.attributes.keys }).sorted())
            }
            var values: [String: Int] = [:]
            let valueOf = people.map { person in
                let value = person.attributes[name] ?? ""
                if let known = values[value] { return known }
                values[value] = values.count
                return values.count - 1
            }
            columns.append(Self.column(name: name, valueOf: valueOf, valueCount: values.count, present: present, isRoleClass: false))
        }
        roles = problem.roles
        // Steering everyone through the roles in turn (a Latin square) means each table needs one person of each
        // class: that is a mixing goal the search already knows how to pursue.
        var roleClass = Array(repeating: 0, count: n)
        if !problem.roles.isEmpty {
            let hostRole = problem.hostsStay && problem.roles.contains("host")
            let rotating = hostRole ? problem.roles.count - 1 : problem.roles.count
            let hostPeople = Set(hosts.values)
            var next = 0
            for person in 0..<n where !hostPeople.contains(person) {
                roleClass[person] = rotating > 0 ? next % rotating : 0
                next += 1
            }
            if rotating > 1 {
                let valueOf = (0..<n).map { hostPeople.contains($0) ? rotating : roleClass[$0] }
                columns.append(Self.column(name: "role", valueOf: valueOf, valueCount: rotating + 1, present: present, isRoleClass: true))
            }
        }
        self.roleClass = roleClass
        mixColumns = columns
    }

    private static func column(name: String, valueOf: [Int], valueCount: Int, present: [[Bool]], isRoleClass: Bool) -> MixColumn {
        let counts = present.map { presentInRound in
            var counts = Array(repeating: 0, count: valueCount)
            for (person, value) in valueOf.enumerated() where presentInRound[person] { counts[value] += 1 }
            return counts
        }
        return MixColumn(name: name, valueOf: valueOf, valueCount: valueCount, presentCounts: counts, isRoleClass: isRoleClass)
    }
}
