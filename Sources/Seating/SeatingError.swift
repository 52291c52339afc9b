/// Why a plan could not be made: always a message a facilitator can act on.
///
/// Problems with a setting (rounds, table sizes, the rules) are typed, so each front end can name the setting the
/// way its users know it (a command-line flag, a field of a form); `description` names none of them.
public enum SeatingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Input that no setting can fix, e.g. a people file with a duplicate id; the message is for everyone.
    case invalidInput(String)
    /// Fewer than one round.
    case noRounds(Int)
    /// A table size below 2.
    case tableSizeTooSmall(Int)
    case tableSizeLargerThanRoom(size: Int, people: Int)
    /// A table count below 1.
    case noTables(Int)
    case moreTablesThanPeople(tables: Int, people: Int)
    /// A rule names someone who is not among the people.
    case unknownPerson(String, in: SeatingRule)
    /// An absence in a round the conversation does not have.
    case absentRoundOutOfRange(person: String, round: Int, rounds: Int)
    /// An apart rule that does not name exactly two people.
    case apartNeedsTwoPeople([String])
    /// A together rule that names fewer than two people.
    case togetherNeedsTwoPeople([String])
    /// A pin to a table below 1.
    case pinTableTooSmall(Pin)
    /// A mix-by column the people do not have; `columns` are the ones they do have.
    case unknownMixColumn(String, columns: [String])
    /// Re-planning from a round below 1.
    case firstRoundToPlanTooSmall(Int)
    /// The rounds kept reach the last round, so nothing is left to plan.
    case nothingLeftToPlan(firstRoundToPlan: Int, rounds: Int)
    /// The hard constraints cannot all hold.
    case conflictingConstraints([SeatingConflict])

    public var description: String {
        switch self {
        case .invalidInput(let message): message
        case .noRounds(let rounds): "there must be at least 1 round (got \(rounds))"
        case .tableSizeTooSmall(let size): "a table must seat at least 2 people (got a table size of \(size))"
        case .tableSizeLargerThanRoom(let size, let people):
            "a table size of \(size) is larger than the room: there are only \(people) people"
        case .noTables(let tables): "there must be at least 1 table (got \(tables))"
        case .moreTablesThanPeople(let tables, let people): "\(tables) tables are more tables than people (\(people))"
        case .unknownPerson(let id, let rule): "\(rule): \(Self.unknownPersonMessage(id))"
        case .absentRoundOutOfRange(let person, let round, let rounds):
            "\"\(person)\" is absent in round \(round), which is outside 1...\(rounds)"
        case .apartNeedsTwoPeople(let people): "\(SeatingRule.apart(people)): give exactly two people"
        case .togetherNeedsTwoPeople(let people): "\(SeatingRule.together(people)): give at least two people"
        case .pinTableTooSmall(let pin): "\(SeatingRule.pin(pin)): tables are numbered from 1"
        case .unknownMixColumn(let name, let columns): "there is no column \"\(name)\" to mix by (\(Self.columnList(columns)))"
        case .firstRoundToPlanTooSmall(let round): "the first round to plan must be at least 1 (got \(round))"
        case .nothingLeftToPlan(let first, let rounds):
            "planning from round \(first) leaves nothing to plan: there are only \(rounds) rounds"
        case .conflictingConstraints(let conflicts): Self.conflictList(conflicts.map(\.description))
        }
    }

    /// The advice every front end gives after an unknown person, since it is about the people file, not a setting.
    public static func unknownPersonMessage(_ id: String) -> String {
        "unknown person \"\(id)\" (use the id column, or the name when there is no id column)"
    }

    public static func columnList(_ columns: [String]) -> String {
        "columns: \(columns.isEmpty ? "none" : columns.joined(separator: ", "))"
    }

    /// Conflicts one a line, worded by the caller.
    public static func conflictList(_ conflicts: [String]) -> String {
        "the constraints cannot all hold:\n" + conflicts.map { "  - " + $0 }.joined(separator: "\n")
    }
}

/// One rule given with a problem, so a message about it can name it.
public enum SeatingRule: Sendable, Hashable, CustomStringConvertible {
    case apart([String])
    case together([String])
    case pin(Pin)
    case absence(person: String)
    /// A round (1-based) of the plan being kept.
    case fixedRound(Int)

    public var description: String {
        switch self {
        case .apart(let people): "keeping \(Self.quoted(people)) apart"
        case .together(let people): "seating \(Self.quoted(people)) together"
        case .pin(let pin): "keeping \"\(pin.person)\" at table \(pin.table)"
        case .absence(let person): "marking \"\(person)\" absent"
        case .fixedRound(let round): "the fixed plan, round \(round)"
        }
    }

    /// `"a"`, `"a" and "b"`, `"a", "b" and "c"`.
    public static func quoted(_ people: [String]) -> String {
        let quoted = people.map { "\"\($0)\"" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "nobody" }
        return quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// What keeps people at one table: a pin, or hosting a table in a World Café.
public enum TableHold: Sendable, Hashable, CustomStringConvertible {
    case pin(Pin)
    /// The together group (often one person) that hosts `table` (1-based).
    case host(people: [String], table: Int)

    public var description: String {
        switch self {
        case .pin(let pin): SeatingRule.pin(pin).description
        case .host(let people, let table): "hosting table \(table) (\(SeatingRule.quoted(people)))"
        }
    }
}

/// One way the hard constraints contradict each other. Rounds and tables are 1-based.
public enum SeatingConflict: Sendable, Hashable, CustomStringConvertible {
    case apartNamesOnePersonTwice([String])
    case apartContradictsTogether([String])
    /// Two pins put one together group at two tables; `earlier` is the pin given first.
    case pinsSplitTogetherGroup(Pin, earlier: Pin)
    case togetherGroupDoesNotFit(group: [String], present: Int, largestTable: Int, round: Int)
    case heldBeyondTables(TableHold, round: Int, tables: Int)
    case tableOverfilled(by: [TableHold], people: Int, table: Int, largestTable: Int, round: Int)
    case apartContradictsPins([String], table: Int)
    /// The search found no seating of `round` that keeps every pair in `apart` apart.
    case noSeatingKeepsApart(round: Int, apart: [[String]], tables: Int)

    public var description: String {
        switch self {
        case .apartNamesOnePersonTwice(let pair): "\(SeatingRule.apart(pair)) names the same person twice"
        case .apartContradictsTogether(let pair): "\(SeatingRule.apart(pair)) contradicts seating them together"
        case .pinsSplitTogetherGroup(let pin, let earlier):
            "\(SeatingRule.pin(pin)) and \(SeatingRule.pin(earlier)) put one together group at two tables"
        case .togetherGroupDoesNotFit(let group, let present, let largest, let round):
            Self.groupDoesNotFit(group: group, present: present, largest: largest, round: round)
        case .heldBeyondTables(let hold, let round, let tables): "\(hold): round \(round) has only \(tables) tables"
        case .tableOverfilled(let holds, let people, let table, let largest, let round):
            "\(holds.map(\.description).joined(separator: ", ")) put \(people) people at table \(table), "
                + "which seats at most \(largest) in round \(round)"
        case .apartContradictsPins(let pair, let table):
            "\(SeatingRule.apart(pair)) contradicts the pins, which put both at table \(table)"
        case .noSeatingKeepsApart(let round, let apart, let tables):
            "round \(round): no seating keeps every pair apart (\(Self.pairList(apart))) "
                + "together with the together groups, pins and \(tables) tables"
        }
    }

    /// Every front end words this one alike: it names the people, not a setting.
    public static func groupDoesNotFit(group: [String], present: Int, largest: Int, round: Int) -> String {
        "together group \"\(group.joined(separator: "|"))\" (\(present) people) does not fit at a table of at most \(largest) in round \(round)"
    }

    public static func pairList(_ pairs: [[String]]) -> String {
        pairs.map { "\"\($0.joined(separator: "|"))\"" }.joined(separator: ", ")
    }
}
