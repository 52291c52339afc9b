/// The votes resolved once for every analysis: each voter's latest vote per statement, in one
/// flat buffer (compressed rows), and Polis's in-conversation set replayed in time order.
///
/// Memory is the point: at 3 million votes the input records alone take 48 bytes a vote, so the
/// analysis keeps 5 bytes a vote here (a 32-bit statement index and an 8-bit choice) instead of
/// arrays of tuples or dictionaries keyed per vote. ``VoteMatrix`` and ``PolisMath`` are both
/// built from it, so the votes are sorted and deduplicated once.
struct ResolvedVotes: Sendable {
    /// Statement ids in the order given; a repeated id names its first statement.
    let statementIDs: [String]
    /// Every voter, in natural order of their ids.
    let people: [String]
    /// Person `p`'s cells are `rowStart[p] ..< rowStart[p + 1]`.
    let rowStart: [Int]
    /// Per cell, the statement's index in `statementIDs`; each row ascending.
    let cellStatement: [Int32]
    /// Per cell, the latest vote's choice (-1, 0, 1).
    let cellChoice: [Int8]
    /// Statements someone voted on, by index in `statementIDs`.
    let statementSeen: [Bool]
    /// Polis's in-conversation set, by person, and the order people entered it.
    let inConversation: [Bool]
    let entryOrder: [Int]

    /// The latest vote per person and statement wins (by time; among equal times the later
    /// record). Throws, naming the earliest such vote, when a vote names an unknown statement.
    ///
    /// The in-conversation rule (Polis's `:in-conv`) is applied after every vote in time order: a
    /// person joins once they have voted on `min(minimumVotes, statements voted on so far)`
    /// statements, and while fewer than `greedyParticipants` are in, everyone who has voted is.
    init(_ data: VotingData, minimumVotes: Int, greedyParticipants: Int) throws(HarvestError) {
        // A repeated statement id names its first statement.
        var statementNumbering = IDNumbering(capacity: data.statements.count)
        var statementIndex: [Int32] = []
        for (index, statement) in data.statements.enumerated() {
            // A new id gets the next number; a repeated one its first's.
            if statementNumbering.number(adding: statement.id) == statementIndex.count { statementIndex.append(Int32(index)) }
        }
        let width = data.statements.count
        let votes = data.votes
        let count = votes.count

        // Per vote (input order): its statement, choice and person (numbered in order of first appearance).
        // Ids are looked up once here; everything after works on small integers.
        var statementOf = [Int32](repeating: 0, count: count)
        var personOf = [Int32](repeating: 0, count: count)
        var choiceOf = [Int8](repeating: 0, count: count)
        var personNumbering = IDNumbering()
        var unknown: Int?
        var sortedByTime = true
        for position in 0..<count {
            let vote = votes[position]
            if position > 0, vote.time < votes[position - 1].time { sortedByTime = false }
            if let number = statementNumbering.number(of: vote.statement) {
                statementOf[position] = statementIndex[Int(number)]
            } else {
                if unknown.map({ vote.time < votes[$0].time }) ?? true { unknown = position }
                statementOf[position] = -1
            }
            choiceOf[position] = Int8(vote.choice.rawValue)
            personOf[position] = personNumbering.number(adding: vote.participant)
        }
        if let unknown {
            let vote = votes[unknown]
            throw HarvestError(file: "votes", problem: "participant \(vote.participant) voted on statement \"\(vote.statement)\", which does not exist; every vote must name a known statement")
        }
        var names = personNumbering.ids
        personNumbering = IDNumbering()

        // Time order (ties: input order). Exports and the app's log are usually in time order
        // already, which a linear check finds without sorting.
        var order: [Int32] = []
        if !sortedByTime {
            // The times copied out first: comparing through the 48-byte records would read them
            // all over memory. (time, position) is a total order, so any sort gives this one.
            let times = votes.map(\.time)
            order = (0..<Int32(count)).map { $0 }
            order.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
        }
        @inline(__always) func inputPosition(_ step: Int) -> Int { sortedByTime ? step : Int(order[step]) }

        // Natural order of people, so indices (and ties) do not depend on the input order.
        let numbers = names.map { Int($0) }
        let sortedPeople = names.indices.sorted { lhs, rhs in
            switch (numbers[lhs], numbers[rhs]) {
            case let (a?, b?): return a != b ? a < b : names[lhs] < names[rhs]
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return names[lhs] < names[rhs]
            }
        }
        people = sortedPeople.map { names[$0] }
        names = []

        // Each person's votes in time order (a counting sort by person, indexed by first
        // appearance), packed as step << 32 | statement << 2 | choice + 1, so the walk below
        // reads them in sequence rather than jumping about the per-vote arrays.
        var bucketStart = [Int](repeating: 0, count: sortedPeople.count + 1)
        for position in 0..<count { bucketStart[Int(personOf[position]) + 1] += 1 }
        for person in 0..<sortedPeople.count { bucketStart[person + 1] += bucketStart[person] }
        var bucket = [UInt64](repeating: 0, count: count)
        var fill = bucketStart
        // Polis's threshold is min(minimumVotes, statements voted on so far): the steps at which
        // the first `minimumVotes` statements got their first vote are all it needs of the history.
        var statementSeen = [Bool](repeating: false, count: width)
        var seenSteps: [Int] = []
        for step in 0..<count {
            let position = inputPosition(step)
            let person = Int(personOf[position]), statement = Int(statementOf[position])
            bucket[fill[person]] = UInt64(step) << 32 | UInt64(statement) << 2 | UInt64(choiceOf[position] + 1)
            fill[person] += 1
            if !statementSeen[statement] {
                statementSeen[statement] = true
                if seenSteps.count < minimumVotes { seenSteps.append(step) }
            }
        }
        fill = []
        personOf = []
        statementOf = []
        choiceOf = []
        order = []

        // The in-conversation replay, person by person. Polis applies the rule after every vote;
        // only the voter's count changes, and a rising threshold never admits anyone, so a person
        // joins at the first of their votes that brings their count of distinct statements to
        // min(minimumVotes, statements seen by then). While fewer than `greedyParticipants` are
        // in, Polis tops the set up with the top voters, which after every vote admits whoever
        // votes: so the first `greedyParticipants` people to vote join at their first vote.
        var firstSteps = sortedPeople.map { Int(bucket[bucketStart[$0]] >> 32) }
        firstSteps.sort()
        let greedyBefore = greedyParticipants > 0 && !firstSteps.isEmpty ? firstSteps[min(greedyParticipants, firstSteps.count) - 1] : -1
        firstSteps = []

        var rowStart = [Int](repeating: 0, count: people.count + 1)
        var cellStatement: [Int32] = []
        var cellChoice: [Int8] = []
        cellStatement.reserveCapacity(count)
        cellChoice.reserveCapacity(count)
        var stamp = [Int32](repeating: -1, count: width)
        var latest = [Int8](repeating: 0, count: width)
        var distinct: [Int32] = []
        var joined: [(step: Int, person: Int)] = []
        for (person, old) in sortedPeople.enumerated() {
            distinct.removeAll(keepingCapacity: true)
            var joinStep: Int?
            for slot in bucketStart[old] ..< bucketStart[old + 1] {
                let packed = bucket[slot]
                let step = Int(packed >> 32), statement = Int(packed >> 2 & 0x3FFF_FFFF)
                if stamp[statement] != Int32(person) {
                    stamp[statement] = Int32(person)
                    distinct.append(Int32(statement))
                }
                latest[statement] = Int8(packed & 3) - 1
                if joinStep == nil {
                    // seenSteps holds at most minimumVotes steps, ascending.
                    let threshold = seenSteps.prefix { $0 <= step }.count
                    if step <= greedyBefore || distinct.count >= threshold { joinStep = step }
                }
            }
            if let joinStep { joined.append((joinStep, person)) }
            distinct.sort()
            for statement in distinct {
                cellStatement.append(statement)
                cellChoice.append(latest[Int(statement)])
            }
            rowStart[person + 1] = cellStatement.count
        }
        bucket = []
        joined.sort { $0.step < $1.step }
        var inConversation = [Bool](repeating: false, count: people.count)
        for entry in joined { inConversation[entry.person] = true }

        statementIDs = data.statements.map(\.id)
        self.rowStart = rowStart
        self.cellStatement = cellStatement
        self.cellChoice = cellChoice
        self.statementSeen = statementSeen
        self.inConversation = inConversation
        entryOrder = joined.map(\.person)
    }
}

/// Numbers distinct ids 0, 1, 2 ... in order of first appearance: an open-addressing table.
/// Resolving looks up two ids per vote, and at millions of votes a `Dictionary<String, _>`
/// (SipHash, per-lookup seeding, then a read of the stored key) was a tenth of the run. An id of
/// up to 7 UTF-8 bytes (Polis's participant ids, numbers) is packed into the slot itself, so a
/// probe reads one slot; a longer one is hashed with FNV-1a and compared only on a 32-bit tag match.
struct IDNumbering {
    private(set) var ids: [String] = []
    /// (packed short id or 0, hash tag << 32 | (number + 1)); (0, 0) is empty.
    private var slots: [(key: UInt64, entry: UInt64)]
    private var shift: UInt64

    init(capacity: Int = 16) {
        var bits: UInt64 = 4
        while 1 << bits < capacity * 2 { bits += 1 }
        slots = Array(repeating: (0, 0), count: 1 << bits)
        shift = 64 - bits
    }

    /// The id's bytes and length in one word when it has at most 7 bytes, else 0.
    private static func packed(_ id: String) -> UInt64 {
        let utf8 = id.utf8
        guard utf8.count <= 7 else { return 0 }
        var key = UInt64(utf8.count) << 56
        var offset: UInt64 = 0
        for byte in utf8 { key |= UInt64(byte) << offset; offset += 8 }
        return key
    }

    private static func hash(_ id: String, packed: UInt64) -> UInt64 {
        var hash: UInt64 = packed
        if packed == 0 {
            hash = 0xCBF2_9CE4_8422_2325
            for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        // Fibonacci hashing: the slot is taken from the product's high bits, which depend on all of the hash.
        return hash &* 0x9E37_79B9_7F4A_7C15
    }

    /// The slot holding `id`, or the empty slot where it would go.
    private func slot(of id: String, packed: UInt64, hash: UInt64) -> Int {
        let mask = slots.count - 1
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash >> shift)
        while slots[slot].entry != 0 {
            let candidate = slots[slot]
            if packed != 0 {
                if candidate.key == packed { return slot }
            } else if candidate.key == 0, candidate.entry >> 32 == tag, ids[Int(candidate.entry & 0xFFFF_FFFF) - 1] == id {
                return slot
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    /// The id's number, or nil when it has none.
    func number(of id: String) -> Int32? {
        let key = Self.packed(id)
        let found = slots[slot(of: id, packed: key, hash: Self.hash(id, packed: key))].entry
        return found == 0 ? nil : Int32(found & 0xFFFF_FFFF) - 1
    }

    /// The id's number, numbering it next when it is new.
    mutating func number(adding id: String) -> Int32 {
        let key = Self.packed(id)
        let hash = Self.hash(id, packed: key)
        let slot = slot(of: id, packed: key, hash: hash)
        if slots[slot].entry != 0 { return Int32(slots[slot].entry & 0xFFFF_FFFF) - 1 }
        ids.append(id)
        slots[slot] = (key, (hash >> 32) << 32 | UInt64(ids.count))
        if ids.count * 2 > slots.count { grow() }
        return Int32(ids.count - 1)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for candidate in old where candidate.entry != 0 {
            let id = ids[Int(candidate.entry & 0xFFFF_FFFF) - 1]
            var slot = Int(truncatingIfNeeded: Self.hash(id, packed: candidate.key) >> shift)
            while slots[slot].entry != 0 { slot = (slot + 1) & mask }
            slots[slot] = candidate
        }
    }
}
