import Foundation
import Harvest

/// The readable summary `cocreate analyze` prints without --json.
enum AnalyzeTextSummary {
    static func render(_ analysis: VoteAnalysis, title: String) -> String {
        var out = "\(title): \(analysis.statements.count) statements, \(analysis.participants.count) voters, \(analysis.voteCount) votes counted\n"
        let texts = Dictionary(analysis.statements.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        func line(_ id: String) -> String {
            let text = (texts[id] ?? "").replacingOccurrences(of: "\n", with: " ")
            return "[\(id)] " + (text.count > 90 ? String(text.prefix(89)) + "…" : text)
        }
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

        out += "\nMajority opinion (everyone counted):\n"
        for item in analysis.majorityConsensus.agree { out += "  agree    \(percent(item.tally.agreeRate)) \(line(item.id))\n" }
        for item in analysis.majorityConsensus.disagree { out += "  disagree \(percent(item.tally.disagreeRate)) \(line(item.id))\n" }
        if analysis.majorityConsensus.agree.isEmpty && analysis.majorityConsensus.disagree.isEmpty { out += "  none clear\n" }

        guard let comparison = analysis.primary else {
            return out + "\nToo few people voted on enough statements to form groups.\n"
        }
        let sizes = comparison.groupSizes
        let source = comparison.kind == .declared ? "declared groups" : "opinion groups found from the votes"
        out += "\nGroups (\(source)): " + comparison.groupNames.map { "\($0) \(sizes[$0] ?? 0) people" }.joined(separator: ", ") + "\n"
        if comparison.kind == .opinion, let groups = analysis.opinionGroups {
            out += String(format: "  silhouette %.2f (%@)\n", groups.silhouette, groups.silhouette < 0.25 ? "weak: treat the groups as a rough sketch" : "clear groups")
            if groups.tentative { out += "  Tentative: fewer than \(OpinionGroups.tentativeBelow) people on the map, so the groups are a sketch to discuss, not a finding.\n" }
            if comparison.members.count < 40 { out += "  With fewer than 40 people, opinion groups are unstable; read per-group agreement alongside consensus.\n" }
            if let leftOut = analysis.polis?.leftOutForFewVotes, leftOut > 0 {
                out += "  Left off the map: \(leftOut) \(leftOut == 1 ? "person" : "people") who voted on too few statements (Polis's rule: 7, or every statement when there are fewer).\n"
            }
        }

        out += "\nGroup-informed consensus (highest first):\n"
        let byID = Dictionary(comparison.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in comparison.rankedByConsensus.prefix(10) {
            guard let statement = byID[id] else { continue }
            let perGroup = comparison.groupNames.map { "\($0) \(percent(statement.byGroup[$0]?.agreeRate ?? 0))" }.joined(separator: ", ")
            out += String(format: "  %.3f  ", statement.groupInformedConsensus) + line(id) + "\n         agree: \(perGroup)\n"
        }

        out += "\nRepresentative statements:\n"
        for group in comparison.groupNames {
            out += "  \(group):\n"
            let picks = comparison.representative[group] ?? []
            if picks.isEmpty { out += "    none significant\n" }
            for pick in picks {
                let rate = pick.side == .agree ? pick.tally.agreeRate : pick.tally.disagreeRate
                out += "    \(pick.side.rawValue) \(percent(rate)) \(line(pick.id))\n"
            }
        }

        out += "\nDivisive statements (groups' agreement differs most):\n"
        for item in comparison.divisive.prefix(5) {
            let statement = byID[item.id]
            let most = percent(statement?.byGroup[item.mostAgreeing]?.agreeRate ?? 0)
            let least = percent(statement?.byGroup[item.leastAgreeing]?.agreeRate ?? 0)
            out += "  \(line(item.id))\n    \(item.mostAgreeing) \(most) agree, \(item.leastAgreeing) \(least) agree\n"
        }
        return out
    }
}
