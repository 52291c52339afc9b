/// How much one person (or group, or table) contributed.
public struct ParticipationShare: Sendable, Codable, Hashable {
    public var key: String
    public var people: Int
    public var contributions: Int
    public var turns: Int
    public var talkSeconds: Double
}

/// Who spoke and wrote how much, per person, table and declared group, with Gini coefficients.
public struct ParticipationEquity: Sendable, Codable, Hashable {
    public var byPerson: [ParticipationShare]
    public var byTable: [ParticipationShare]
    public var byGroup: [ParticipationShare]
    /// Gini of what was recorded (see `measure`) among the people at each table.
    public var giniByTable: [String: Double]
    /// The same over the whole room.
    public var roomGini: Double
    /// What the evenness figures are of: talk time when timed turns were kept, else turns, else the
    /// ideas people wrote, so a room that recorded no turns is never shown as perfectly even.
    public var measure: Measure = .turns
    /// How many things were recorded at each table (turns, or ideas when no turns were kept):
    /// below `fewestToJudge` the report says there is too little to judge.
    public var recordedByTable: [String: Int] = [:]
    public static let fewestToJudge = 3

    public enum Measure: String, Sendable, Codable, Hashable {
        case talkTime, turns, contributions
    }

    /// Computes shares from contributions and turns. Everyone in `participants` counts, also
    /// those who said nothing (they are what a Gini coefficient is about).
    public static func measure(participants: [ParticipantRecord], contributions: [ContributionRecord], turns: [TurnRecord]) -> ParticipationEquity {
        var people: [String: ParticipationShare] = [:]
        var tableOf: [String: String] = [:]
        var groupOf: [String: String] = [:]
        for person in participants {
            people[person.id] = ParticipationShare(key: person.id, people: 1, contributions: 0, turns: 0, talkSeconds: 0)
            if let table = person.table { tableOf[person.id] = table }
            if let group = person.group { groupOf[person.id] = group }
        }
        for contribution in contributions {
            guard let author = contribution.author else { continue }
            people[author, default: ParticipationShare(key: author, people: 1, contributions: 0, turns: 0, talkSeconds: 0)].contributions += 1
            if tableOf[author] == nil, let table = contribution.table { tableOf[author] = table }
            if groupOf[author] == nil, let group = contribution.group { groupOf[author] = group }
        }
        for turn in turns {
            people[turn.participant, default: ParticipationShare(key: turn.participant, people: 1, contributions: 0, turns: 0, talkSeconds: 0)].turns += 1
            people[turn.participant]!.talkSeconds += max(turn.seconds, 0)
            if tableOf[turn.participant] == nil, let table = turn.table { tableOf[turn.participant] = table }
        }
        let byPerson = people.values.sorted { naturalOrder($0.key, $1.key) }
        let measure: Measure = byPerson.contains { $0.talkSeconds > 0 } ? .talkTime : byPerson.contains { $0.turns > 0 } ? .turns : .contributions
        func amount(_ share: ParticipationShare) -> Double {
            switch measure {
            case .talkTime: share.talkSeconds
            case .turns: Double(share.turns)
            case .contributions: Double(share.contributions)
            }
        }
        func recorded(_ share: ParticipationShare) -> Int { measure == .contributions ? share.contributions : share.turns }

        func rollUp(_ keyOf: [String: String]) -> [ParticipationShare] {
            var totals: [String: ParticipationShare] = [:]
            for share in byPerson {
                guard let key = keyOf[share.key] else { continue }
                var total = totals[key] ?? ParticipationShare(key: key, people: 0, contributions: 0, turns: 0, talkSeconds: 0)
                total.people += 1
                total.contributions += share.contributions
                total.turns += share.turns
                total.talkSeconds += share.talkSeconds
                totals[key] = total
            }
            return totals.values.sorted { naturalOrder($0.key, $1.key) }
        }
        var giniByTable: [String: Double] = [:], recordedByTable: [String: Int] = [:]
        for table in Set(tableOf.values) {
            let atTable = byPerson.filter { tableOf[$0.key] == table }
            giniByTable[table] = gini(atTable.map(amount))
            recordedByTable[table] = atTable.map(recorded).reduce(0, +)
        }
        return ParticipationEquity(
            byPerson: byPerson, byTable: rollUp(tableOf), byGroup: rollUp(groupOf),
            giniByTable: giniByTable, roomGini: gini(byPerson.map(amount)), measure: measure, recordedByTable: recordedByTable)
    }

    /// Gini coefficient: 0 when everyone has the same, approaching 1 when one person has it all.
    /// Zero for no people or a total of zero.
    public static func gini(_ values: [Double]) -> Double {
        let sorted = values.map { max($0, 0) }.sorted()
        let n = Double(sorted.count)
        let total = sorted.reduce(0, +)
        guard sorted.count > 0, total > 0 else { return 0 }
        var weighted = 0.0
        for (index, value) in sorted.enumerated() { weighted += Double(index + 1) * value }
        return (2 * weighted) / (n * total) - (n + 1) / n
    }
}
