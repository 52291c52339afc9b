import Foundation
import Testing
@testable import Harvest

@Suite struct StatisticsTests {
    @Test func groupInformedConsensusIsTheProductOfSmoothedAgreeRates() {
        let value = GroupInformedConsensus.value([VoteTally(agree: 3, disagree: 1, pass: 1), VoteTally(agree: 0, disagree: 2, pass: 0)])
        #expect(abs(value - (4.0 / 7.0) * (1.0 / 4.0)) < 1e-15)
    }

    @Test func polisStatisticsMatchHandComputedValues() {
        #expect(abs(RepresentativeStatements.probability(8, of: 10) - 9.0 / 12.0) < 1e-15)
        #expect(abs(RepresentativeStatements.proportionTest(8, of: 10) - 2 * 11.0.squareRoot() * (9.0 / 11.0 - 0.5)) < 1e-12)
        // +1 on every count: (9/11 - 3/21) / sqrt(p(1-p)(1/11 + 1/21)), p = 12/32.
        let p = 12.0 / 32.0
        let expected = (9.0 / 11.0 - 3.0 / 21.0) / (p * (1 - p) * (1.0 / 11 + 1.0 / 21)).squareRoot()
        #expect(abs(RepresentativeStatements.twoProportionTest(successesIn: 8, successesOut: 2, trialsIn: 10, trialsOut: 20) - expected) < 1e-12)
    }

    @Test func representativeStatementNeedsBothTestsAndPicksItsSide() throws {
        let agreeing = try #require(RepresentativeStatements.assess(statement: "s", inGroup: VoteTally(agree: 9, disagree: 1), rest: VoteTally(agree: 2, disagree: 18)))
        #expect(agreeing.side == .agree)
        #expect(abs(agreeing.representativeness - (10.0 / 12.0) / (3.0 / 22.0)) < 1e-12)
        let disagreeing = try #require(RepresentativeStatements.assess(statement: "s", inGroup: VoteTally(agree: 1, disagree: 9), rest: VoteTally(agree: 18, disagree: 2)))
        #expect(disagreeing.side == .disagree)
        // Agreeing like everyone else is not representative.
        #expect(RepresentativeStatements.assess(statement: "s", inGroup: VoteTally(agree: 9, disagree: 1), rest: VoteTally(agree: 18, disagree: 2)) == nil)
    }

    @Test func adjustedRandIndexIsOneForRelabelledGroupsAndLowForUnrelated() {
        let a = ["1": "x", "2": "x", "3": "y", "4": "y"]
        #expect(abs(ClusterAgreement.adjustedRandIndex(a, ["1": "B", "2": "B", "3": "A", "4": "A"]) - 1) < 1e-12)
        #expect(ClusterAgreement.adjustedRandIndex(a, ["1": "A", "2": "B", "3": "A", "4": "B"]) < 0)
    }

    @Test func opinionGroupsRecoverPlantedCamps() throws {
        let data = SyntheticData.voting(voters: 90, statements: 30, votes: 2_400, camps: 3, seed: 11)
        let analysis = try VoteAnalysis.analyze(data)
        let groups = try #require(analysis.opinionGroups)
        let planted = Dictionary(uniqueKeysWithValues: groups.membership.keys.map { ($0, String(Int($0)! % 3)) })
        // The synthetic votes are noisy (about one vote in four goes against the camp's lean).
        #expect(groups.groupNames.count == 3)
        #expect(ClusterAgreement.adjustedRandIndex(groups.membership, planted) > 0.75)
        #expect(groups.map.count == groups.membership.count)
    }

    @Test func majorityConsensusFindsClearMajorities() throws {
        let statements = [StatementRecord(id: "1", text: "a"), StatementRecord(id: "2", text: "b")]
        var votes: [VoteRecord] = []
        for person in 0..<20 {
            votes.append(VoteRecord(participant: "\(person)", statement: "1", choice: person < 18 ? .agree : .disagree, time: 0))
            votes.append(VoteRecord(participant: "\(person)", statement: "2", choice: person < 10 ? .agree : .disagree, time: 0))
        }
        let analysis = try VoteAnalysis.analyze(VotingData(statements: statements, votes: votes))
        #expect(analysis.majorityConsensus.agree.map(\.id) == ["1"])
        #expect(analysis.majorityConsensus.disagree.isEmpty)
    }

    @Test func giniCoefficient() {
        #expect(ParticipationEquity.gini([2, 2, 2, 2]) == 0)
        #expect(abs(ParticipationEquity.gini([0, 0, 0, 4]) - 0.75) < 1e-12)
        #expect(ParticipationEquity.gini([]) == 0)
    }

    @Test func participationByTableAndGroupCountsSilentPeople() {
        let people = [ParticipantRecord(id: "a", group: "Students", table: "1"), ParticipantRecord(id: "b", group: "Staff", table: "1"), ParticipantRecord(id: "c", group: "Staff", table: "2")]
        let equity = ParticipationEquity.measure(
            participants: people, contributions: [ContributionRecord(id: "x", text: "t", author: "b")],
            turns: [TurnRecord(participant: "b", seconds: 60), TurnRecord(participant: "b", seconds: 30)])
        #expect(equity.byGroup.first { $0.key == "Staff" }?.talkSeconds == 90)
        #expect(equity.byGroup.first { $0.key == "Students" }?.turns == 0)
        #expect(abs(equity.giniByTable["1"]! - 0.5) < 1e-12)
        #expect(equity.byTable.map(\.key) == ["1", "2"])
    }

    @Test func budgetFundsGreedilyByApprovalsWithinBudget() {
        let budget = ParticipatoryBudget(
            budget: 100,
            proposals: [.init(id: "a", title: "A", cost: 60), .init(id: "b", title: "B", cost: 50), .init(id: "c", title: "C", cost: 40)],
            allocations: [
                .init(participant: "1", proposal: "a", amount: 10), .init(participant: "2", proposal: "a", amount: 10), .init(participant: "3", proposal: "a", amount: 10),
                .init(participant: "1", proposal: "b", amount: 10), .init(participant: "2", proposal: "b", amount: 10),
                .init(participant: "1", proposal: "c", amount: 5),
            ])
        let results = budget.results()
        #expect(results.map(\.proposal.id) == ["a", "b", "c"])
        #expect(results.map(\.funded) == [true, false, true])
        #expect(results.map(\.approvals) == [3, 2, 1])
    }

    @Test func dotVotesRespectEachPersonsAllowance() {
        let voting = DotVoting(
            dotsPerPerson: 2, options: [.init(id: "x", text: "X"), .init(id: "y", text: "Y")],
            placements: [.init(participant: "1", option: "x", dots: 2), .init(participant: "1", option: "y", dots: 1), .init(participant: "2", option: "y", dots: 1), .init(participant: "2", option: "z", dots: 1)])
        let results = voting.results()
        #expect(results.map(\.option.id) == ["x", "y"])
        #expect(results.map(\.dots) == [2, 1])
    }
}
