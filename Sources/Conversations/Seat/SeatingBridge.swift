import CoCreateCore
import Foundation
import Seating

/// Turns a conversation into a seating problem for the engine, and the engine's plan into the
/// event that publishes it. Rounds already played are kept exactly as they were.
public enum SeatingBridge {
    /// The round from which a new plan may change seats: the one after the round under way,
    /// or the next round to be played.
    public static func firstOpenRound(_ state: ConversationState) -> Int {
        guard let design = state.design else { return 1 }
        if let current = state.agenda.currentIndex, design.phases[current].kind == .round, let round = state.currentRound {
            return round + 1
        }
        return state.roundToSeat ?? (design.roundCount + 1)
    }

    /// A seed derived from a request's id, so a retried request computes the same plan.
    public static func seed(from id: UUID) -> UInt64 {
        withUnsafeBytes(of: id.uuid) { $0.loadUnaligned(as: UInt64.self) }
    }

    /// The most people one seating is computed for. The engine keeps pair matrices of n² entries, so a room of
    /// 60,000 asked for 3.6 GB and aborted the server; 3,000 people need about 70 MB. Larger rooms are refused
    /// here, before the engine allocates anything.
    public static let largestRoom = 3_000

    public static func plan(_ state: ConversationState, seed: UInt64, timeLimit: Double = 1.5) throws -> SeatingPublished {
        guard let design = state.design else { throw RuleViolation(field: "conversation", message: "does not exist") }
        guard state.participants.count <= largestRoom else {
            throw RuleViolation(field: "seating", message: "\(state.participants.count) people are more than the \(largestRoom) one seating can place; "
                + "split the room into several conversations")
        }
        let rounds = max(1, design.roundCount)
        let fromRound = firstOpenRound(state)
        guard fromRound <= rounds else {
            throw RuleViolation(field: "seating", message: "every round has been played; there is nothing left to seat")
        }
        // Everyone registered is in the room unless marked absent: the facilitator ticks off who is
        // missing, not everyone who came (ticking arrivals left 17 of 24 people unseated).
        let present = state.participants.filter { $0.presence != .left }
        let seatedBefore = Set(state.seating.filter { $0.round < fromRound }.flatMap { $0.tables.flatMap { $0.seats.map(\.participantID) } })
        let everyone = state.participants.filter { person in present.contains { $0.id == person.id } || seatedBefore.contains(person.id) }
        guard present.count >= 2 else {
            throw RuleViolation(field: "people", message: "at least two people who are not marked absent are needed to seat a room")
        }
        let people = everyone.map { person in
            Person(id: person.id, name: person.name, attributes: person.group.map { ["group": $0] } ?? [:])
        }
        // Locked tables of the first open round stay exactly as they are: their people sit out
        // that round in the engine's problem and the tables are put back afterwards.
        let lockedNumbers = state.lockedTables[fromRound] ?? []
        let locked = (state.seating.first { $0.round == fromRound }?.tables ?? []).filter { lockedNumbers.contains($0.table) }
        let lockedPeople = Set(locked.flatMap { $0.seats.map(\.participantID) })
        let absent = everyone.compactMap { person -> Absence? in
            if !present.contains(where: { $0.id == person.id }) { return Absence(person: person.id, rounds: Set(fromRound...rounds)) }
            return lockedPeople.contains(person.id) ? Absence(person: person.id, rounds: [fromRound]) : nil
        }
        let roundPhases = design.phases.filter { $0.kind == .round }
        let roles = (roundPhases.first { !$0.roles.isEmpty }?.roles ?? []).map(\.rawValue)
        let problem = SeatingProblem(
            people: people, rounds: rounds, sizing: .tableSize(design.tableSize),
            mixBy: everyone.contains { $0.group != nil } ? ["group"] : [],
            hostsStay: roundPhases.contains { $0.movement == .hostsStay }, roles: roles, absences: absent)
        let options = SeatingOptions(seed: seed, timeLimit: timeLimit)
        let plan: SeatingPlan
        do {
            if fromRound > 1 {
                plan = try SeatingEngine.replan(problem, keeping: seatingPlan(from: state), fromRound: fromRound, options: options)
            } else {
                plan = try SeatingEngine.plan(problem, options: options)
            }
        } catch {
            throw RuleViolation(field: "seating", message: error.consoleDescription)
        }
        var published = plan.rounds.filter { $0.round >= fromRound }.map(seatedRound)
        if !locked.isEmpty, let index = published.firstIndex(where: { $0.round == fromRound }) {
            published[index] = keeping(locked, in: published[index])
        }
        return SeatingPublished(fromRound: fromRound, rounds: published)
    }

    /// `round` with the locked tables put back under their own numbers; the engine's tables
    /// take the numbers that are left.
    public static func keeping(_ locked: [SeatedTable], in round: SeatedRound) -> SeatedRound {
        let taken = Set(locked.map(\.table))
        var free = (1...(round.tables.count + locked.count + taken.max()!)).filter { !taken.contains($0) }.makeIterator()
        let renumbered = round.tables.filter { !$0.seats.isEmpty }.map { table in SeatedTable(table: free.next()!, seats: table.seats) }
        return SeatedRound(round: round.round, tables: (renumbered + locked).sorted { $0.table < $1.table })
    }

    /// Moves one person to another table in the round people are about to sit (or sitting) at.
    public static func move(_ participantID: String, toTable table: Int, in state: ConversationState) throws -> SeatingPublished {
        guard let round = state.roundToSeat, var seated = state.seating.first(where: { $0.round == round }) else {
            throw RuleViolation(field: "seating", message: "there is no seating for the coming round yet")
        }
        guard state.participant(participantID) != nil else {
            throw RuleViolation(field: "participantID", message: "\(participantID) is not a participant of this conversation")
        }
        guard (1...200).contains(table) else { throw RuleViolation(field: "table", message: "must be 1 to 200") }
        var role: TableRole?
        for index in seated.tables.indices {
            if let seat = seated.tables[index].seats.first(where: { $0.participantID == participantID }) { role = seat.role }
            seated.tables[index].seats.removeAll { $0.participantID == participantID }
        }
        if let index = seated.tables.firstIndex(where: { $0.table == table }) {
            // Two hosts at one table helps nobody: the newcomer takes no role there.
            let taken = Set(seated.tables[index].seats.compactMap(\.role))
            seated.tables[index].seats.append(Seat(participantID: participantID, role: role.flatMap { taken.contains($0) ? nil : $0 }))
        } else {
            seated.tables.append(SeatedTable(table: table, seats: [Seat(participantID: participantID, role: role)]))
            seated.tables.sort { $0.table < $1.table }
        }
        seated.tables.removeAll { $0.seats.isEmpty }
        let later = state.seating.filter { $0.round > round }
        return SeatingPublished(fromRound: round, rounds: [seated] + later)
    }

    public static func seatingPlan(from state: ConversationState) -> SeatingPlan {
        SeatingPlan(rounds: state.seating.map { round in
            SeatingPlan.Round(round: round.round, tables: round.tables.map { table in
                SeatingPlan.Table(table: table.table, members: table.seats.map { SeatingPlan.Seat(id: $0.participantID, role: $0.role?.rawValue) })
            })
        }, metrics: .init(repeatPairs: 0, mixViolations: 0, roleRepeats: 0, seconds: 0))
    }

    public static func seatedRound(_ round: SeatingPlan.Round) -> SeatedRound {
        SeatedRound(round: round.round, tables: round.tables.map { table in
            SeatedTable(table: table.table, seats: table.members.map { Seat(participantID: $0.id, role: $0.role.flatMap(TableRole.init(rawValue:))) })
        })
    }

    public static func people(_ state: ConversationState) -> [Person] {
        state.participants.map { Person(id: $0.id, name: $0.name, attributes: $0.group.map { ["group": $0] } ?? [:]) }
    }
}
