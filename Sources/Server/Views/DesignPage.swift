import CoCreateCore
import Conversations
import DesignFiles
import Foundation

/// One design's page: its agenda, where it came from (each fork back to the first design) and what every
/// run it came from taught, so the next facilitator reads the model and its history together.
enum DesignPage {
    static func values(_ saved: SavedDesign, _ design: ConversationDesign, services: AppServices, viewer: String) async throws -> [String: Any] {
        var values: [String: Any] = [
            "name": saved.name, "designTitle": design.title, "purpose": design.purpose, "whenToUse": design.whenToUse,
            "questions": design.questions, "groups": design.stakeholderGroups.joined(separator: ", "), "tableSize": design.tableSize,
            "totalMinutes": design.totalMinutes, "start": CreateConversation.saved(saved.name),
            "phases": design.phases.enumerated().map { index, phase in phaseRow(index, phase) },
        ]
        let chain = try await lineage(of: design, services: services, viewer: viewer)
        values["lineage"] = chain
        values["hasLineage"] = !chain.isEmpty
        values["runs"] = try await learningsByRun(design, services: services, viewer: viewer)
        values["hasLearnings"] = !design.learnings.isEmpty
        if let outcome = saved.outcome {
            values["outcome"] = [
                "participants": LocalizedText.plural("designs.participantsCount", count: outcome.participants),
                "groups": outcome.participantsByGroup.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
                "statements": outcome.statements.map { ["text": $0.text, "agree": $0.agree, "disagree": $0.disagree, "pass": $0.pass] },
                "commitments": outcome.commitments.map { ["text": $0.text, "status": $0.status.displayName] },
                "hasStatements": !outcome.statements.isEmpty, "hasCommitments": !outcome.commitments.isEmpty,
            ]
        }
        return values
    }

    static func phaseRow(_ index: Int, _ phase: Phase) -> [String: Any] {
        var row: [String: Any] = ["number": index + 1, "title": phase.title, "kind": DesignEditorView.kindName(phase.kind), "minutes": phase.minutes]
        if let structure = phase.structure { row["structure"] = structure.displayName; row["rule"] = structure.turnRule }
        if let question = phase.question { row["question"] = question }
        if let method = phase.voteMethod { row["method"] = DesignEditorView.methodName(method) }
        row["hasStatements"] = !phase.statements.isEmpty
        row["statements"] = phase.statements.enumerated().map { statementIndex, text in
            ["text": text, "cost": phase.costs.flatMap { statementIndex < $0.count ? String($0[statementIndex]) : nil } ?? ""]
        }
        return row
    }

    /// Each step back: the design it was forked from and the run it carried. A design the viewer also keeps
    /// is followed further back; a cycle (a design forked into its own name) stops the walk.
    static func lineage(of design: ConversationDesign, services: AppServices, viewer: String) async throws -> [[String: Any]] {
        var steps: [[String: Any]] = []
        var seen: Set<String> = [design.name]
        var next = design.lineage
        while let lineage = next, steps.count < 20 {
            let parent = try await services.designs.design(named: lineage.forkedFrom, ownedBy: viewer)
            var step: [String: Any] = ["design": lineage.forkedFrom, "mine": parent != nil, "date": lineage.date ?? ""]
            if let run = lineage.run { step.merge(try await runNames(run, services: services, viewer: viewer)) { $1 } }
            steps.append(step)
            guard !seen.contains(lineage.forkedFrom) else { break }
            seen.insert(lineage.forkedFrom)
            next = parent?.design?.lineage
        }
        return steps
    }

    static func learningsByRun(_ design: ConversationDesign, services: AppServices, viewer: String) async throws -> [[String: Any]] {
        var order: [String] = []
        var byRun: [String: [Learning]] = [:]
        for learning in design.learnings {
            let run = learning.run ?? ""
            if byRun[run] == nil { order.append(run) }
            byRun[run, default: []].append(learning)
        }
        var runs: [[String: Any]] = []
        for run in order {
            var entry: [String: Any] = run.isEmpty ? [:] : try await runNames(run, services: services, viewer: viewer)
            entry["items"] = byRun[run, default: []].map { learning -> [String: Any] in
                let phase = learning.phase.flatMap { $0 < design.phases.count ? "Phase \($0 + 1): \(design.phases[$0].title)" : nil } ?? "The whole design"
                return ["phase": phase, "worked": learning.worked, "change": learning.change]
            }
            runs.append(entry)
        }
        return runs
    }

    /// A run by its id, with its name and a link when the viewer has a role on it; otherwise only the id.
    static func runNames(_ run: String, services: AppServices, viewer: String) async throws -> [String: Any] {
        guard try await services.role(of: viewer, in: run) != nil else { return ["run": run, "runTitle": run, "runLink": false] }
        let state = try await services.current(run)
        let date = state.details?.date.map { " (\($0))" } ?? ""
        return ["run": run, "runTitle": state.displayName + date, "runLink": true]
    }
}
