import Basics
import Foundation
import Testing
@testable import Harvest

/// The compact resolution (one flat buffer, the in-conversation set found person by person)
/// against the plain rule applied vote by vote in time order, as Polis's math service sees votes
/// arrive: on input out of time order, with equal times, repeated votes, a statement order that
/// is not natural id order, and moderated and meta statements.
@Suite struct ResolvedVotesTests {
    /// Votes in no particular order: times drawn with many ties, the records shuffled.
    private func scrambled(seed: UInt64, voters: Int = 60, statements: Int = 40, votes: Int = 3_000) -> VotingData {
        var random = SeededRandom(seed: seed)
        // Given in reverse id order, so natural order (the PCA's columns) is another order.
        let records = (0..<statements).reversed().map {
            StatementRecord(id: String($0), text: "s\($0)", moderatedOut: $0 % 11 == 5, isMeta: $0 % 13 == 7)
        }
        var cast: [VoteRecord] = []
        for _ in 0..<votes {
            // Early voters vote more, so some people stay below the threshold.
            let voter = random.below(voters) * random.below(voters) / voters
            cast.append(VoteRecord(
                participant: "p\(voter)", statement: String(random.below(statements)),
                choice: [VoteChoice.agree, .disagree, .pass][random.below(3)], time: Int64(random.below(votes / 4))))
        }
        cast.shuffle(using: &random)
        return VotingData(statements: records, votes: cast)
    }

    /// The rule as written: every vote in time order (ties: input order), latest vote wins.
    private func replay(_ data: VotingData, minimumVotes: Int = 7, greedy: Int = 15)
        -> (entry: [String], latest: [String: [String: VoteChoice]]) {
        let order = data.votes.indices.sorted { data.votes[$0].time != data.votes[$1].time ? data.votes[$0].time < data.votes[$1].time : $0 < $1 }
        var latest: [String: [String: VoteChoice]] = [:]
        var seen = Set<String>()
        var entry: [String] = []
        var joined = Set<String>()
        for index in order {
            let vote = data.votes[index]
            latest[vote.participant, default: [:]][vote.statement] = vote.choice
            seen.insert(vote.statement)
            if !joined.contains(vote.participant),
               latest[vote.participant]!.count >= min(minimumVotes, seen.count) || entry.count < greedy {
                joined.insert(vote.participant)
                entry.append(vote.participant)
            }
        }
        return (entry, latest)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func inConversationSetAndLatestVotesMatchAVoteByVoteReplay(_ seed: UInt64) throws {
        let data = scrambled(seed: seed)
        let expected = replay(data)
        let math = try PolisMath(data)
        #expect(math.entryOrder.map { math.participants[$0] } == expected.entry)
        #expect(Set(math.participants.indices.filter { math.inConversation[$0] }.map { math.participants[$0] }) == Set(expected.entry))
        #expect(math.participants == expected.latest.keys.sorted(by: naturalOrder))
        // Somebody must be left out, or the threshold went untested.
        #expect(math.leftOutForFewVotes > 0)

        let matrix = try VoteMatrix(data)
        let moderated = Set(data.statements.filter(\.moderatedOut).map(\.id))
        var cells = 0
        for (person, id) in matrix.participants.enumerated() {
            let row = matrix.votes(of: person)
            #expect(zip(row, row.dropFirst()).allSatisfy { $0.statement < $1.statement }, "row \(id) is sorted")
            var votes: [String: VoteChoice] = [:]
            for vote in row { votes[matrix.statements[vote.statement].id] = vote.choice }
            #expect(votes == expected.latest[id]!.filter { !moderated.contains($0.key) }, "votes of \(id)")
            cells += row.count
        }
        #expect(cells == matrix.voteCount)
    }

    /// The PCA and consensus do not depend on the order the votes come in, only on their times.
    @Test func resultsDoNotDependOnInputOrder() throws {
        let data = scrambled(seed: 9)
        var sorted = data
        sorted.votes = data.votes.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let a = try PolisMath(data), b = try PolisMath(sorted)
        #expect(a.entryOrder == b.entryOrder)
        #expect(a.components == b.components)
        #expect(a.x == b.x && a.y == b.y)
        #expect(a.consensus == b.consensus)
    }

    @Test func anUnknownStatementIsNamedByItsEarliestVote() {
        let data = VotingData(
            statements: [StatementRecord(id: "1", text: "one")],
            votes: [
                VoteRecord(participant: "a", statement: "late", choice: .agree, time: 9),
                VoteRecord(participant: "b", statement: "early", choice: .agree, time: 2),
                VoteRecord(participant: "c", statement: "1", choice: .agree, time: 1),
            ])
        #expect(throws: HarvestError.self) { try VoteMatrix(data) }
        do {
            _ = try PolisMath(data)
            Issue.record("an unknown statement must throw")
        } catch {
            #expect(error.problem.contains("participant b voted on statement \"early\""))
        }
    }

    @Test func numberingKeepsFirstAppearanceOrderThroughGrowth() {
        var numbering = IDNumbering()
        let ids = (0..<5_000).map { $0 % 3 == 0 ? "participant-\($0)-with-a-long-id" : String($0) }
        for (index, id) in ids.enumerated() { #expect(numbering.number(adding: id) == Int32(index)) }
        for (index, id) in ids.enumerated().reversed() { #expect(numbering.number(adding: id) == Int32(index)) }
        #expect(numbering.number(of: "missing") == nil)
        #expect(numbering.ids == ids)
    }
}
