import Seating

/// The engine's errors worded with the flags of `cocreate plan`, since that is what the person typed.
extension SeatingError {
    var commandLineDescription: String {
        switch self {
        case .invalidInput(let message): message
        case .noRounds(let rounds): "--rounds must be at least 1 (got \(rounds))"
        case .tableSizeTooSmall(let size): "--table-size must be at least 2 (got \(size))"
        case .tableSizeLargerThanRoom(let size, let people): "--table-size \(size) is larger than the room: there are only \(people) people"
        case .noTables(let tables): "--tables must be at least 1 (got \(tables))"
        case .moreTablesThanPeople(let tables, let people): "--tables \(tables) is more tables than people (\(people))"
        case .unknownPerson(let id, let rule): "\(rule.flag): \(Self.unknownPersonMessage(id))"
        case .absentRoundOutOfRange(let person, let round, let rounds):
            "--absent \"\(person)@\(round)\": round \(round) is outside 1...\(rounds)"
        case .apartNeedsTwoPeople(let people): "\(SeatingRule.apart(people).flag): give exactly two people, as \"A|B\""
        case .togetherNeedsTwoPeople(let people): "\(SeatingRule.together(people).flag): give at least two people, as \"A|B\""
        case .pinTableTooSmall(let pin): "\(SeatingRule.pin(pin).flag): tables are numbered from 1"
        case .unknownMixColumn(let name, let columns): "--mix-by \(name): there is no such column (\(Self.columnList(columns)))"
        case .firstRoundToPlanTooSmall(let round): "--from-round must be at least 1 (got \(round))"
        case .nothingLeftToPlan(let first, let rounds): "--from-round \(first) leaves nothing to plan: there are only \(rounds) rounds"
        case .conflictingConstraints(let conflicts): Self.conflictList(conflicts.map(\.commandLineDescription))
        }
    }
}

extension SeatingConflict {
    var commandLineDescription: String {
        switch self {
        case .apartNamesOnePersonTwice(let pair): "\(SeatingRule.apart(pair).flag) names the same person twice"
        case .apartContradictsTogether(let pair): "\(SeatingRule.apart(pair).flag) contradicts --together, which keeps them at one table"
        case .pinsSplitTogetherGroup(let pin, let earlier):
            "\(SeatingRule.pin(pin).flag) and \(SeatingRule.pin(earlier).flag) put one together group at two tables"
        case .togetherGroupDoesNotFit(let group, let present, let largest, let round):
            Self.groupDoesNotFit(group: group, present: present, largest: largest, round: round)
        case .heldBeyondTables(let hold, let round, let tables): "\(hold.flag(hostByTable: true)): round \(round) has only \(tables) tables"
        case .tableOverfilled(let holds, let people, let table, let largest, let round):
            "\(holds.map { $0.flag(hostByTable: false) }.joined(separator: ", ")) put \(people) people at table \(table), which seats at most \(largest) in round \(round)"
        case .apartContradictsPins(let pair, let table):
            "\(SeatingRule.apart(pair).flag) contradicts the pins, which put both at table \(table)"
        case .noSeatingKeepsApart(let round, let apart, let tables):
            "round \(round): no seating keeps every --apart (\(Self.pairList(apart))) together with the --together groups, pins and \(tables) tables"
        }
    }
}

extension SeatingRule {
    /// The rule as it was typed.
    var flag: String {
        switch self {
        case .apart(let people): "--apart \"\(people.joined(separator: "|"))\""
        case .together(let people): "--together \"\(people.joined(separator: "|"))\""
        case .pin(let pin): "--pin \"\(pin.person)=\(pin.table)\""
        case .absence(let person): "--absent \"\(person)@...\""
        case .fixedRound(let round): "the fixed plan, round \(round)"
        }
    }
}

extension TableHold {
    /// A pin as typed; a host by its table when that table is the problem, otherwise by who it is.
    func flag(hostByTable: Bool) -> String {
        switch self {
        case .pin(let pin): SeatingRule.pin(pin).flag
        case .host(_, let table) where hostByTable: "host of table \(table)"
        case .host(let people, _): "host \(people.joined(separator: "|"))"
        }
    }
}
