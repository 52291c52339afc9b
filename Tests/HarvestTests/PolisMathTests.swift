// Checks the harvest against Polis's own math output: two pol.is API captures in
// ../shared/data/polis-math/ (from polis-community/red-dwarf's test fixtures, MPL-2.0; the data
// are public pol.is conversations). `math-pca2.json` is what Polis's math service computed.

import Foundation
import Testing
@testable import Harvest

/// One capture: our input built from votes.json and comments.json, and Polis's output.
struct PolisCapture {
    let data: VotingData
    let math: [String: Any]

    static let names = ["below-100-ptpts", "25ptpt-3gp-no-strict-with-meta"]

    init(_ name: String) throws {
        let folder = PolisFixtures.folder("x").deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("polis-math/\(name)")
        func json(_ file: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
        }
        // The two captures name fields differently (tid/pid versus statement_id/participant_id).
        func int(_ object: [String: Any], _ keys: String...) -> Int? {
            for key in keys { if let value = object[key] as? NSNumber { return value.intValue } }
            return nil
        }
        let comments = try #require(try json("comments.json") as? [[String: Any]])
        let statements = comments.map { comment in
            StatementRecord(
                id: String(int(comment, "tid", "statement_id")!), text: comment["txt"] as? String ?? "",
                moderatedOut: int(comment, "mod", "moderated") == -1, isMeta: comment["is_meta"] as? Bool ?? false)
        }
        let votes = try #require(try json("votes.json") as? [[String: Any]]).map { vote in
            let modified = vote["modified"]
            let time = (modified as? String).flatMap { Int64($0) } ?? (modified as? NSNumber)?.int64Value ?? 0
            // The API's votes are agree +1, disagree -1, as cocreate's.
            return VoteRecord(
                participant: String(int(vote, "pid", "participant_id")!), statement: String(int(vote, "tid", "statement_id")!),
                choice: VoteChoice(rawValue: int(vote, "vote")!)!, time: time)
        }
        data = VotingData(statements: statements, votes: votes)
        math = try #require(try json("math-pca2.json") as? [String: Any])
    }

    func ints(_ key: String) -> [Int] { (math[key] as? [NSNumber] ?? []).map(\.intValue) }

    /// Polis's groups: participant id to Polis's group id, through the base clusters.
    var groups: [String: String] {
        let base = math["base-clusters"] as! [String: Any]
        let ids = (base["id"] as! [NSNumber]).map(\.intValue)
        let members = (base["members"] as! [[NSNumber]]).map { $0.map(\.intValue) }
        var result: [String: String] = [:]
        for group in math["group-clusters"] as! [[String: Any]] {
            let gid = (group["id"] as! NSNumber).intValue
            for bid in (group["members"] as! [NSNumber]).map(\.intValue) {
                for pid in members[ids.firstIndex(of: bid)!] { result[String(pid)] = String(gid) }
            }
        }
        return result
    }

    /// Polis's representative statements per group id: (id, direction) in Polis's order.
    var representative: [String: [String]] {
        (math["repness"] as! [String: [[String: Any]]]).mapValues { list in
            list.map { "\(($0["tid"] as! NSNumber).intValue) \($0["repful-for"] as! String)" }
        }
    }

    func consensus(_ side: String) -> [String] {
        ((math["consensus"] as! [String: Any])[side] as! [[String: Any]]).map { String(($0["tid"] as! NSNumber).intValue) }
    }
}

private func partition(_ membership: [String: String]) -> Set<Set<String>> {
    Set(Dictionary(grouping: membership.keys, by: { membership[$0]! }).values.map(Set.init))
}

@Suite struct PolisMathTests {
    @Test(arguments: PolisCapture.names)
    func inConversationSetMatchesPolis(_ name: String) throws {
        let capture = try PolisCapture(name)
        let math = try PolisMath(capture.data)
        let ours = Set(math.participants.indices.filter { math.inConversation[$0] }.map { Int(math.participants[$0])! })
        #expect(ours == Set(capture.ints("in-conv")), "\(name)")
        #expect(math.participants.count == (capture.math["n"] as! NSNumber).intValue)
        #expect(math.statements.count == (capture.math["n-cmts"] as! NSNumber).intValue)
    }

    @Test(arguments: PolisCapture.names)
    func pcaMatchesPolis(_ name: String) throws {
        let capture = try PolisCapture(name)
        let math = try PolisMath(capture.data)
        let pca = capture.math["pca"] as! [String: Any]
        let tids = capture.ints("tids").map(String.init)
        let ourColumn = Dictionary(uniqueKeysWithValues: math.statements.enumerated().map { ($1, $0) })
        let polisCenter = (pca["center"] as! [NSNumber]).map(\.doubleValue)
        var centerError = 0.0
        for (index, tid) in tids.enumerated() {
            // Polis stores agree as -1, so its centre is the negative of ours.
            centerError = max(centerError, abs(math.center[try #require(ourColumn[tid])] + polisCenter[index]))
        }
        #expect(centerError < 1e-6, "\(name): centre off by \(centerError)")
        for (component, polis) in (pca["comps"] as! [[NSNumber]]).enumerated() {
            var dot = 0.0, ourNorm = 0.0, polisNorm = 0.0
            for (index, tid) in tids.enumerated() {
                let a = math.components[component][ourColumn[tid]!], b = polis[index].doubleValue
                dot += a * b; ourNorm += a * a; polisNorm += b * b
            }
            let cosine = abs(dot) / (ourNorm * polisNorm).squareRoot()
            print("\(name): component \(component + 1) |cos| = \(cosine), centre max error \(centerError)")
            #expect(cosine >= 0.9999, "\(name) component \(component + 1): |cos| \(cosine)")
        }
    }

    @Test(arguments: PolisCapture.names)
    func baseClusterProjectionsMatchPolis(_ name: String) throws {
        let capture = try PolisCapture(name)
        let math = try PolisMath(capture.data)
        let index = Dictionary(uniqueKeysWithValues: math.participants.enumerated().map { ($1, $0) })
        let base = capture.math["base-clusters"] as! [String: Any]
        let members = (base["members"] as! [[NSNumber]]).map { $0.map { index[String($0.intValue)]! } }
        let polis = [(base["x"] as! [NSNumber]).map(\.doubleValue), (base["y"] as! [NSNumber]).map(\.doubleValue)]
        let ours = [math.x, math.y].map { axis in members.map { cluster in cluster.reduce(0) { $0 + axis[$1] } / Double(cluster.count) } }
        var squaredError = 0.0, squaredSize = 0.0
        for axis in 0..<2 {
            // Component signs are arbitrary: align each axis first.
            let sign: Double = zip(ours[axis], polis[axis]).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
            for (a, b) in zip(ours[axis], polis[axis]) { squaredError += (sign * a - b) * (sign * a - b); squaredSize += b * b }
        }
        let relative = (squaredError / squaredSize).squareRoot()
        print("\(name): base-cluster projections relative RMS \(relative)")
        #expect(relative < 1e-3)
        // Up to 100 people in the conversation, every distinct position is its own base cluster, as in Polis.
        #expect(math.baseClusters.count == members.count)
    }

    @Test(arguments: PolisCapture.names)
    func consensusMatchesPolis(_ name: String) throws {
        let capture = try PolisCapture(name)
        let analysis = try VoteAnalysis.analyze(capture.data)
        #expect(analysis.majorityConsensus.agree.map(\.id) == capture.consensus("agree"), "\(name)")
        #expect(analysis.majorityConsensus.disagree.map(\.id) == capture.consensus("disagree"), "\(name)")
    }

    /// Given Polis's groups, the representative statements (ids, order, direction) are Polis's:
    /// this checks the formulas, ordering and fallback apart from the clustering.
    @Test(arguments: PolisCapture.names)
    func representativeStatementsMatchPolisForPolissGroups(_ name: String) throws {
        let capture = try PolisCapture(name)
        let groups = capture.groups
        let matrix = try VoteMatrix(capture.data)
        var membership: [Int: String] = [:]
        for (index, person) in matrix.participants.enumerated() { membership[index] = groups[person] }
        let comparison = GroupComparison.compare(matrix, membership: membership, kind: .declared)
        for (group, expected) in capture.representative {
            let ours = try #require(comparison.representative[group]).map { "\($0.id) \($0.side.rawValue)" }
            #expect(ours == expected, "\(name) group \(group)")
        }
    }

    @Test func groupsAndRepresentativeStatementsMatchPolisOnBelow100() throws {
        let capture = try PolisCapture("below-100-ptpts")
        let analysis = try VoteAnalysis.analyze(capture.data)
        let groups = try #require(analysis.opinionGroups)
        #expect(partition(groups.membership) == partition(capture.groups))
        // Polis's group ids become A, B, C in order.
        for (gid, expected) in capture.representative {
            let name = OpinionGroups.groupName(Int(gid)!)
            #expect(try #require(analysis.opinion?.representative[name]).map { "\($0.id) \($0.side.rawValue)" } == expected, "group \(gid)")
        }
    }

    /// Polis's group clusters are warm-started from its earlier runs over this conversation, which
    /// the capture does not hold: clustering from scratch (first k base clusters in the order
    /// people entered) reaches another local optimum here. The test records the agreement reached.
    @Test func groupsOn25PtptDependOnPolissHistory() throws {
        let capture = try PolisCapture("25ptpt-3gp-no-strict-with-meta")
        let analysis = try VoteAnalysis.analyze(capture.data)
        let groups = try #require(analysis.opinionGroups)
        let ari = ClusterAgreement.adjustedRandIndex(groups.membership, capture.groups)
        print("25ptpt-3gp-no-strict-with-meta: \(groups.groupNames.count) groups (Polis 3), adjusted Rand index vs Polis \(ari)")
        #expect(groups.groupNames.count == 3)
        #expect(ari > 0.5)
        withKnownIssue("Polis's groups here come from its warm-started history") {
            #expect(partition(groups.membership) == partition(capture.groups))
        }
    }
}
