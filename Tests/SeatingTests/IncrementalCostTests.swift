import Basics
import Testing
@testable import Seating

@Suite("The search's incremental costs agree with a full recount")
struct IncrementalCostTests {
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func deltasMatchRecomputation(seed: UInt64) throws {
        let labels = ["a", "a", "b", "c", "b", "a", "c"]
        let people = (0..<23).map { Person(id: "p\($0)", name: "P\($0)", attributes: ["g": labels[$0 % labels.count]]) }
        let problem = SeatingProblem(
            people: people, rounds: 4, sizing: .tableSize(4), mixBy: ["g"], together: [["p3", "p4"], ["p10", "p11"]],
            roles: ["host", "scribe", "reporter"], absences: [Absence(person: "p7", rounds: [2])])
        let compiled = try CompiledProblem(problem)
        var random = SeededRandom(seed: seed)
        let state = SearchState(problem: compiled)
        try InitialSeating.seat(state, random: &random)
        for _ in 0..<400 {
            let round = random.below(compiled.roundCount)
            let units = state.unitsInRound[round]
            let a = units[random.below(units.count)], b = units[random.below(units.count)]
            let groupA = state.unitPresent[round][a], groupB = state.unitPresent[round][b]
            let before = state.cost
            if groupA.count == groupB.count && state.table(of: groupA[0], round: round) != state.table(of: groupB[0], round: round) {
                let delta = state.swapDelta(round: round, unitA: a, unitB: b)
                state.applySwap(round: round, unitA: a, unitB: b)
                #expect(state.cost == before + delta)
            } else if groupA.count == 1 {
                let sizes = state.members[round].map(\.count)
                let home = state.table(of: groupA[0], round: round)
                guard sizes[home] == sizes.max(), sizes.max() != sizes.min(), let to = sizes.firstIndex(of: sizes.min()!) else { continue }
                let delta = state.moveDelta(round: round, unit: a, to: to)
                state.applyMove(round: round, unit: a, to: to)
                #expect(state.cost == before + delta)
            }
            let incremental = (state.repeats, state.mixDeviation, state.roleDeviation)
            state.recomputeCost()
            #expect(incremental == (state.repeats, state.mixDeviation, state.roleDeviation))
        }
    }
}
