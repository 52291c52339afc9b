// Test data: the open Polis conversations in ../shared/data/polis/.
//
// --------------- BEGIN STATEMENT ---------------
// Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under
// CC BY 4.0 with Attribution to The Computational Democracy Project. The data and more information
// about how the data was collected can be found at the following link(s):
// https://compdemocracy.org/case-studies/2018-kentucky
// https://compdemocracy.org/case-studies/2017-brexit-consensus
// https://compdemocracy.org/case-studies/2022-london-youth-policing
// https://compdemocracy.org/case-studies/2017-scoop-hivemind-freshwater
// --------------- END STATEMENT ---------------

import Foundation
@testable import Harvest

enum PolisFixtures {
    static let conversations = ["bg2050-volunteers", "brexit-consensus", "london.youth.policing", "scoop-hivemind.freshwater"]

    /// `<repo>/../shared/data/polis/NAME`, the repo root found from this file's path.
    static func folder(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/data/polis/\(name)")
    }

    static func text(_ name: String, _ file: String) throws -> String {
        try String(contentsOf: folder(name).appendingPathComponent(file), encoding: .utf8)
    }

    static func votingData(_ name: String) throws -> VotingData {
        try PolisExport.votingData(commentsCSV: text(name, "comments.csv"), votesCSV: text(name, "votes.csv"))
    }

    /// Polis's stored groups, read straight from participants-votes.csv (no quoted fields there).
    static func storedGroups(_ name: String) throws -> [String: String] {
        let lines = try text(name, "participants-votes.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let participant = header.firstIndex(of: "participant")!, group = header.firstIndex(of: "group-id")!
        var groups: [String: String] = [:]
        for line in lines.dropFirst() where !line[group].isEmpty { groups[line[participant]] = line[group] }
        return groups
    }
}
