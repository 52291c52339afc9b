import Foundation
import Testing
@testable import Harvest

/// `analyze --json` prints ``VoteAnalysisSummary``: the contract of issue 18 read back from the
/// JSON itself, on the pol.is capture whose groups cocreate reproduces from scratch.
@Suite struct AnalysisSummaryTests {
    @Test func jsonCarriesPolissRepresentativeStatementsAndConsensus() throws {
        let capture = try PolisCapture("below-100-ptpts")
        let analysis = try VoteAnalysis.analyze(capture.data)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(VoteAnalysisSummary(analysis))) as? [String: Any])

        let representative = try #require(json["representative"] as? [String: [[String: Any]]])
        #expect(representative.count == capture.representative.count)
        for (gid, expected) in capture.representative {
            let picks = try #require(representative[OpinionGroups.groupName(Int(gid)!)], "group \(gid)")
            // Polis's order, with every field of the contract.
            #expect(picks.map { "\($0["id"] as? String ?? "") \($0["direction"] as? String ?? "")" } == expected, "group \(gid)")
            for pick in picks {
                let agree = try #require(pick["agree"] as? Int), disagree = try #require(pick["disagree"] as? Int)
                let seen = try #require(pick["seen"] as? Int)
                #expect(seen >= agree + disagree)
                #expect(try #require(pick["repness"] as? Double) > 0)
            }
        }
        let consensus = try #require(json["consensus"] as? [String: [String]])
        #expect(consensus["agree"] == capture.consensus("agree"))
        #expect(consensus["disagree"] == capture.consensus("disagree"))
    }
}
