import Basics

/// The seating engine: turns a `SeatingProblem` into the best `SeatingPlan` it can find in the time allowed.
///
/// Order of work: check the hard constraints, start from a design-theory construction when one fits the room
/// (otherwise a greedy seating), then improve with tabu search until the schedule is perfect or time is up.
public enum SeatingEngine {
    /// Plans every round. Deterministic for a seed whenever the search ends before the time limit (a perfect
    /// schedule, or `maxIterations`).
    public static func plan(_ problem: SeatingProblem, options: SeatingOptions = SeatingOptions()) throws(SeatingError) -> SeatingPlan {
        let clock = ContinuousClock()
        return try plan(problem, options: options, deadline: clock.now.advanced(by: .milliseconds(Int64(options.timeLimit * 1000))))
    }

    /// Plans every round, stopping the search at `deadline`.
    public static func plan(
        _ problem: SeatingProblem, options: SeatingOptions, deadline: ContinuousClock.Instant
    ) throws(SeatingError) -> SeatingPlan {
        try plan(problem, options: options, deadline: deadline, previous: [])
    }

    /// `previous`: the seating of each round in a plan being replaced (`ReplanSeeding`), used as the start.
    static func plan(
        _ problem: SeatingProblem, options: SeatingOptions, deadline: ContinuousClock.Instant, previous: [[Int]]
    ) throws(SeatingError) -> SeatingPlan {
        let clock = ContinuousClock()
        let start = clock.now
        let compiled = try CompiledProblem(problem)
        var random = SeededRandom(seed: options.seed)
        let state = SearchState(problem: compiled)
        let constructed = Constructions.schedule(for: compiled, random: &random) ?? []
        try InitialSeating.seat(state, constructed: constructed, previous: previous, random: &random)
        var search = TabuSearch(state: state, deadline: deadline, maxIterations: options.maxIterations)
        let earlierRoles = earlierRoles(problem, compiled)
        if !compiled.roles.isEmpty {
            search.goodEnough = { state in
                let seating = (0..<compiled.roundCount).map { state.members[$0] }
                let roles = RoleAssignment.assign(problem: compiled, seating: seating, earlier: earlierRoles)
                return RoleAssignment.repeats(roles, roleCount: compiled.roles.count)
                    <= RoleAssignment.lowerBound(problem: compiled, seating: seating)
            }
        }
        search.run(random: &random)

        let seating = (0..<compiled.roundCount).map { round in
            state.members[round].map { $0.sorted() }
        }
        let roles = RoleAssignment.assign(problem: compiled, seating: seating, earlier: earlierRoles)
        var rounds = Array(problem.fixedRounds)
        for round in compiled.frozenRounds..<compiled.roundCount {
            let tables = seating[round].enumerated().map { table, members in
                var ordered = members
                if let host = compiled.hosts[table], let at = ordered.firstIndex(of: host) {
                    ordered.remove(at: at)
                    ordered.insert(host, at: 0)
                }
                return SeatingPlan.Table(
                    table: table + 1,
                    members: ordered.map { SeatingPlan.Seat(id: compiled.people[$0].id, role: roles[round][$0]) })
            }
            rounds.append(SeatingPlan.Round(round: round + 1, tables: tables))
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var plan = SeatingPlan(rounds: rounds, metrics: SeatingPlan.Metrics(repeatPairs: 0, mixViolations: 0, roleRepeats: 0, seconds: 0))
        plan.metrics = SeatingMetrics.measure(plan, problem: problem, seconds: (seconds * 1000).rounded() / 1000)
        return plan
    }

    private static func earlierRoles(_ problem: SeatingProblem, _ compiled: CompiledProblem) -> [[String?]] {
        let index = Dictionary(uniqueKeysWithValues: compiled.people.enumerated().map { ($1.id, $0) })
        return problem.fixedRounds.map { round in
            var roles = [String?](repeating: nil, count: compiled.count)
            for table in round.tables { for seat in table.members { if let person = index[seat.id] { roles[person] = seat.role } } }
            return roles
        }
    }

    /// Re-plans after a change in the room (a late arrival, a departure): rounds before `fromRound` are kept
    /// exactly as in `previous`, the rest are planned anew for `problem` (whose absences say who is missing),
    /// starting from `previous`'s own later rounds so that a small change makes a small re-plan.
    public static func replan(
        _ problem: SeatingProblem, keeping previous: SeatingPlan, fromRound: Int, options: SeatingOptions = SeatingOptions()
    ) throws(SeatingError) -> SeatingPlan {
        guard fromRound >= 1 else { throw .firstRoundToPlanTooSmall(fromRound) }
        let kept = previous.rounds.filter { $0.round < fromRound }.sorted { $0.round < $1.round }
        guard kept.count == fromRound - 1 else {
            throw .invalidInput("the fixed plan has \(kept.count) rounds before round \(fromRound); it needs rounds 1 to \(fromRound - 1)")
        }
        var problem = problem
        problem.fixedRounds = kept
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(options.timeLimit * 1000)))
        return try plan(problem, options: options, deadline: deadline, previous: ReplanSeeding.seatings(of: previous, for: problem))
    }
}
