import Basics
import PropertyBased
import Seating
import Testing

@Suite("Every plan is valid, on many random rooms")
struct SeatingPropertyTests {
    /// Builds a random but satisfiable-looking instance from a seed: a few apart pairs, together pairs,
    /// pins and absences, drawn so they do not contradict each other on their face.
    static func instance(people count: Int, size: Int, rounds: Int, seed: Int) -> SeatingProblem {
        var random = SeededRandom(seed: UInt64(seed))
        let people = ScheduleValidity.people(count, groups: 1 + random.below(4))
        var problem = SeatingProblem(people: people, rounds: rounds, sizing: random.below(4) == 0 ? .tables(max(1, count / size)) : .tableSize(size))
        var used = Set<Int>()
        func fresh() -> Int? {
            for _ in 0..<20 {
                let candidate = random.below(count)
                if used.insert(candidate).inserted { return candidate }
            }
            return nil
        }
        if count >= 12 {
            for _ in 0..<random.below(3) { if let a = fresh(), let b = fresh() { problem.together.append(["p\(a)", "p\(b)"]) } }
            for _ in 0..<random.below(3) { if let a = fresh(), let b = fresh() { problem.apart.append(["p\(a)", "p\(b)"]) } }
            if random.below(2) == 0, let a = fresh() { problem.pins.append(Pin(person: "p\(a)", table: 1)) }
            for _ in 0..<random.below(3) {
                if let a = fresh() { problem.absences.append(Absence(person: "p\(a)", rounds: [1 + random.below(rounds)])) }
            }
        }
        if random.below(2) == 0 { problem.mixBy = ["group"] }
        if random.below(3) == 0 { problem.roles = ["host", "scribe", "timekeeper"] }
        return problem
    }

    @Test func randomRoomsGiveValidPlans() async {
        await propertyCheck(count: 100, input: Gen.int(in: 3...60), Gen.int(in: 2...6), Gen.int(in: 1...6), Gen.int(in: 0...1_000_000)) {
            count, size, rounds, seed in
            let problem = Self.instance(people: count, size: min(size, count), rounds: rounds, seed: seed)
            let room = "instance(people: \(count), size: \(min(size, count)), rounds: \(rounds), seed: \(seed)) = \(problem)"
            do {
                let plan = try SeatingEngine.plan(problem, options: SeatingOptions(seed: UInt64(seed), timeLimit: 5, maxIterations: 50))
                ScheduleValidity.check(plan, for: problem, room: room)
            } catch {
                Issue.record("no plan for \(count) people at \(size), \(rounds) rounds, seed \(seed): \(error)")
            }
        }
    }

    @Test func sameSeedSamePlan() async {
        await propertyCheck(count: 10, input: Gen.int(in: 8...40), Gen.int(in: 0...1000)) { count, seed in
            let problem = Self.instance(people: count, size: 4, rounds: 4, seed: seed)
            let options = SeatingOptions(seed: UInt64(seed), timeLimit: 10, maxIterations: 200)
            let first = try? SeatingEngine.plan(problem, options: options)
            let second = try? SeatingEngine.plan(problem, options: options)
            #expect(first?.rounds == second?.rounds)
        }
    }

    @Test func replanningKeepsPlayedRoundsAndStaysValid() async {
        await propertyCheck(count: 15, input: Gen.int(in: 12...48), Gen.int(in: 2...5), Gen.int(in: 0...1000)) { count, from, seed in
            let problem = SeatingProblem(people: ScheduleValidity.people(count), rounds: 5, sizing: .tableSize(4), mixBy: ["group"])
            let options = SeatingOptions(seed: UInt64(seed), timeLimit: 5, maxIterations: 200)
            guard let first = try? SeatingEngine.plan(problem, options: options) else {
                Issue.record("no first plan")
                return
            }
            var changed = problem
            changed.absences = [Absence(person: "p0", rounds: Set(from...5))]
            guard let second = try? SeatingEngine.replan(changed, keeping: first, fromRound: from, options: options) else {
                Issue.record("no re-plan")
                return
            }
            #expect(Array(second.rounds.prefix(from - 1)) == Array(first.rounds.prefix(from - 1)))
            ScheduleValidity.check(second, for: changed)
        }
    }
}
