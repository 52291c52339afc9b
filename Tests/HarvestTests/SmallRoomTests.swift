// Uses the open Polis data; see the CC BY 4.0 attribution statement in PolisFixtures.swift.

import Foundation
import Testing
@testable import Harvest

@Suite struct SmallRoomTests {
    /// The 12 most active voters of a 204-person conversation, as a room of 12.
    private func twelve() throws -> VotingData {
        let data = try PolisFixtures.votingData("brexit-consensus")
        let counts = Dictionary(grouping: data.votes, by: \.participant).mapValues(\.count)
        let chosen = Set(counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : naturalOrder($0, $1) }.prefix(12))
        return VotingData(statements: data.statements, votes: data.votes.filter { chosen.contains($0.participant) })
    }

    @Test func twelvePeopleGetNoTinyGroupAndTentativeLabels() throws {
        let analysis = try VoteAnalysis.analyze(try twelve())
        #expect(analysis.participants.count == 12)
        // Groups are found here (two of six); without them the checks below would prove nothing.
        let groups = try #require(analysis.opinionGroups)
        let sizes = Dictionary(grouping: groups.membership.values, by: { $0 }).mapValues(\.count)
        print("12 people: opinion groups \(sizes.sorted { $0.key < $1.key }), tentative \(groups.tentative)")
        #expect(sizes.count >= 2)
        #expect(sizes.values.allSatisfy { $0 >= PolisMath.Options().minimumGroupSize })
        #expect(groups.tentative)
    }

    @Test func agreedAcrossGroupsNeedsEveryGroupsLowerBound() throws {
        let analysis = try VoteAnalysis.analyze(try twelve())
        let comparison = try #require(analysis.opinion)
        // Recomputed here from the counts: Wilson's 90% lower bound, written out.
        func lower(_ k: Int, _ n: Int) -> Double {
            guard n > 0 else { return 0 }
            let z = 1.6449, p = Double(k) / Double(n), m = Double(n)
            return (p + z * z / (2 * m) - z * (p * (1 - p) / m + z * z / (4 * m * m)).squareRoot()) / (1 + z * z / m)
        }
        let meta = Set(analysis.statements.filter(\.isMeta).map(\.id))
        let expected = comparison.statements.filter { statement in
            !meta.contains(statement.id) && statement.byGroup.values.allSatisfy { lower($0.agree, $0.votes) >= 0.5 }
        }.map(\.id)
        #expect(comparison.agreedAcrossGroups == expected)
        // A high share of a handful of votes in some group is not enough on its own.
        let highShare = comparison.statements.filter { $0.byGroup.values.allSatisfy { $0.votes > 0 && $0.agreeRate >= 0.75 } }.map(\.id)
        print("12 people: \(highShare.count) statements with every group at 75% or more agreeing, \(expected.count) agreed across groups by the 90% interval")
        #expect(Set(expected).isSubset(of: Set(comparison.statements.map(\.id))))
    }

    @Test func ninetyPercentIntervalsOfShares() {
        let five = ShareInterval.ninety(successes: 5, of: 5)
        #expect(abs(five.lower - 0.6489) < 1e-3 && five.upper == 1)
        let half = ShareInterval.ninety(successes: 50, of: 100)
        #expect(abs(half.lower - (0.5 - 0.0812)) < 1e-3 && abs(half.upper - (0.5 + 0.0812)) < 1e-3)
        #expect(ShareInterval.ninety(successes: 0, of: 0) == (0, 1))
    }
}
