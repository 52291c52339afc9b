/// The hard constraints: together groups, hosts, and the conflicts that can be seen before searching.
extension CompiledProblem {
    /// Union-find over the together groups, so chains (A with B, B with C) become one unit.
    static func units(
        _ together: [[String]], n: Int, lookup: (String, SeatingRule) throws(SeatingError) -> Int
    ) throws(SeatingError) -> (unitOf: [Int], members: [[Int]]) {
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for group in together {
            guard group.count >= 2 else { throw .togetherNeedsTwoPeople(group) }
            var indices: [Int] = []
            for id in group { indices.append(try lookup(id, .together(group))) }
            for other in indices.dropFirst() { parent[root(other)] = root(indices[0]) }
        }
        var unitOfRoot: [Int: Int] = [:]
        var unitOf = Array(repeating: 0, count: n)
        var members: [[Int]] = []
        for person in 0..<n {
            let top = root(person)
            if let unit = unitOfRoot[top] {
                unitOf[person] = unit
                members[unit].append(person)
            } else {
                unitOfRoot[top] = members.count
                unitOf[person] = members.count
                members.append([person])
            }
        }
        return (unitOf, members)
    }

    /// World Café hosts: whoever is pinned to a table hosts it; otherwise round 1's first person at that table
    /// (from the fixed plan), otherwise the first people in the list. Hosts are then pinned.
    static func chooseHosts(
        tables: Int, unitPin: inout [Int], unitOf: [Int], unitMembers: [[Int]], frozen: [SeatingPlan.Round],
        index: [String: Int], present: [[Bool]]
    ) -> [Int: Int] {
        var hosts: [Int: Int] = [:]
        for table in 0..<tables {
            if let unit = unitPin.firstIndex(of: table) {
                hosts[table] = unitMembers[unit][0]
            } else if let first = frozen.first, table < first.tables.count,
                let id = first.tables[table].members.first?.id, let person = index[id], unitPin[unitOf[person]] < 0 {
                hosts[table] = person
                unitPin[unitOf[person]] = table
            }
        }
        var candidates = (0..<unitOf.count).filter { unitPin[unitOf[$0]] < 0 && unitMembers[unitOf[$0]].count == 1 }.makeIterator()
        for table in 0..<tables where hosts[table] == nil {
            guard let person = candidates.next() else { break }
            hosts[table] = person
            unitPin[unitOf[person]] = table
        }
        return hosts
    }

    static func hardConflicts(
        people: [Person], present: [[Bool]], tableCount: [Int], tableSizes: [[Int]], unitMembers: [[Int]],
        unitPin: [Int], pinSource: [Pin?], apartOf: [[Int]], frozenRounds: Int
    ) -> [SeatingConflict] {
        var conflicts: [SeatingConflict] = []
        var reported = Set<SeatingConflict>()
        func report(_ conflict: SeatingConflict) {
            if reported.insert(conflict).inserted { conflicts.append(conflict) }
        }
        func ids(_ unit: Int) -> [String] { unitMembers[unit].map { people[$0].id } }
        func hold(_ unit: Int) -> TableHold { pinSource[unit].map(TableHold.pin) ?? .host(people: ids(unit), table: unitPin[unit] + 1) }
        for round in frozenRounds..<present.count {
            let largest = tableSizes[round].first ?? 0
            var pinnedLoad = Array(repeating: 0, count: max(tableCount[round], (unitPin.max() ?? 0) + 1))
            var pinnedUnits = Array(repeating: [Int](), count: pinnedLoad.count)
            for (unit, members) in unitMembers.enumerated() {
                let here = members.filter { present[round][$0] }.count
                guard here > 0 else { continue }
                if here > largest {
                    report(.togetherGroupDoesNotFit(group: ids(unit), present: here, largestTable: largest, round: round + 1))
                }
                let pin = unitPin[unit]
                guard pin >= 0 else { continue }
                if pin >= tableCount[round] {
                    report(.heldBeyondTables(hold(unit), round: round + 1, tables: tableCount[round]))
                    continue
                }
                pinnedLoad[pin] += here
                pinnedUnits[pin].append(unit)
            }
            for table in 0..<pinnedLoad.count where pinnedLoad[table] > largest {
                report(.tableOverfilled(by: pinnedUnits[table].map(hold), people: pinnedLoad[table], table: table + 1,
                                        largestTable: largest, round: round + 1))
            }
            for table in 0..<pinnedUnits.count {
                let seated = pinnedUnits[table].flatMap { unitMembers[$0] }.filter { present[round][$0] }
                for a in seated { for b in seated where a < b && apartOf[a].contains(b) {
                    report(.apartContradictsPins([people[a].id, people[b].id], table: table + 1))
                } }
            }
        }
        return conflicts
    }
}
