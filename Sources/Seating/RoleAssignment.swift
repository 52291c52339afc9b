/// Hands out the Cooperative Learning roles at each table, round by round, so nobody holds a role again while
/// someone at their table has not held it: each table is a small assignment problem solved exactly.
enum RoleAssignment {
    /// Roles per round and person (nil for no role). `earlier` holds the roles of frozen rounds.
    static func assign(problem: CompiledProblem, seating: [[[Int]]], earlier: [[String?]]) -> [[String?]] {
        let roles = problem.roles
        let n = problem.count
        var result = earlier
        guard !roles.isEmpty else {
            return result + Array(repeating: Array(repeating: nil, count: n), count: problem.roundCount - earlier.count)
        }
        let hostRole = problem.hosts.isEmpty ? nil : roles.firstIndex(of: "host")
        let rotating = roles.indices.filter { $0 != hostRole }
        var held = Array(repeating: Array(repeating: 0, count: roles.count), count: n)
        for round in earlier {
            for (person, role) in round.enumerated() {
                if let role, let index = roles.firstIndex(of: role) { held[person][index] += 1 }
            }
        }
        for round in earlier.count..<problem.roundCount {
            var assigned = [String?](repeating: nil, count: n)
            for (table, members) in seating[round].enumerated() {
                var people = members
                var open = rotating
                if let hostRole, let host = problem.hosts[table], people.contains(host) {
                    assigned[host] = roles[hostRole]
                    held[host][hostRole] += 1
                    people.removeAll { $0 == host }
                } else if let hostRole {
                    open = roles.indices.filter { $0 == hostRole || rotating.contains($0) }
                }
                let chosen = bestAssignment(people: people, roles: Array(open.prefix(people.count))) { person, role in
                    let preferred = rotating.isEmpty ? role : rotating[(problem.roleClass[person] + round) % rotating.count]
                    return held[person][role] * 1000 + (preferred == role ? 0 : 1)
                }
                for (person, role) in chosen {
                    assigned[person] = roles[role]
                    held[person][role] += 1
                }
            }
            result.append(assigned)
        }
        return result
    }

    /// Sum over people and roles of (times held - 1).
    static func repeats(_ roles: [[String?]], roleCount: Int) -> Int {
        var held: [String: Int] = [:]
        for round in roles { for (person, role) in round.enumerated() { if let role { held["\(person) \(role)", default: 0] += 1 } } }
        return held.values.reduce(0) { $0 + max(0, $1 - 1) }
    }

    /// No assignment can do better: every role handed out beyond one per person and role is a repeat.
    static func lowerBound(problem: CompiledProblem, seating: [[[Int]]]) -> Int {
        let handedOut = seating.reduce(0) { total, tables in total + tables.reduce(0) { $0 + min($1.count, problem.roles.count) } }
        return max(0, handedOut - problem.count * problem.roles.count)
    }

    /// The cheapest way to give each role to a different person: exhaustive for small tables, greedy beyond.
    static func bestAssignment(people: [Int], roles: [Int], cost: (Int, Int) -> Int) -> [(Int, Int)] {
        guard !roles.isEmpty, !people.isEmpty else { return [] }
        if people.count > 8 {
            var free = people
            var result: [(Int, Int)] = []
            for role in roles {
                guard let pick = free.indices.min(by: { cost(free[$0], role) < cost(free[$1], role) }) else { break }
                result.append((free[pick], role))
                free.remove(at: pick)
            }
            return result
        }
        var best: [(Int, Int)] = []
        var bestCost = Int.max
        var current: [(Int, Int)] = []
        var used = Array(repeating: false, count: people.count)
        func search(_ roleIndex: Int, _ total: Int) {
            guard total < bestCost else { return }
            if roleIndex == roles.count {
                bestCost = total
                best = current
                return
            }
            for (index, person) in people.enumerated() where !used[index] {
                used[index] = true
                current.append((person, roles[roleIndex]))
                search(roleIndex + 1, total + cost(person, roles[roleIndex]))
                current.removeLast()
                used[index] = false
            }
        }
        search(0, 0)
        return best
    }
}
