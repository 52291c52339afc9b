import Seating

/// The engine's errors as a facilitator reads them on the console: about the design and the room, never a flag.
extension SeatingError {
    var consoleDescription: String {
        switch self {
        case .tableSizeTooSmall(let size): "tables of \(size) are too small: a table seats at least 2 people; choose a larger table size"
        case .tableSizeLargerThanRoom(let size, let people):
            "tables of \(size) are larger than the room: there are only \(people) people; add people or choose smaller tables"
        case .noRounds: "the design has no rounds to seat"
        case .unknownPerson(let id, .fixedRound(let round)):
            "round \(round) was seated with \"\(id)\", who is no longer among the people; re-seat from round \(round)"
        case .nothingLeftToPlan: "every round has been played; there is nothing left to seat"
        case .conflictingConstraints(let conflicts):
            "the rules for this room cannot all hold: " + conflicts.map(\.consoleDescription).joined(separator: "; ")
        // The console sets none of these (it has no table count, pins, apart or together rules, mix columns or
        // typed absences), so the engine's own plain wording is enough should one ever appear.
        case .invalidInput, .noTables, .moreTablesThanPeople, .unknownPerson, .absentRoundOutOfRange, .apartNeedsTwoPeople,
             .togetherNeedsTwoPeople, .pinTableTooSmall, .unknownMixColumn, .firstRoundToPlanTooSmall:
            description
        }
    }
}

extension SeatingConflict {
    var consoleDescription: String {
        switch self {
        case .heldBeyondTables(.host(_, let table), let round, let tables):
            "round \(round) has only \(tables) tables, so the host of table \(table) has no table to stay at"
        case .tableOverfilled(_, let people, let table, let largest, let round):
            "the hosts and their groups put \(people) people at table \(table) in round \(round), which seats at most \(largest)"
        case .apartNamesOnePersonTwice, .apartContradictsTogether, .pinsSplitTogetherGroup, .togetherGroupDoesNotFit,
             .heldBeyondTables, .apartContradictsPins, .noSeatingKeepsApart:
            description
        }
    }
}
