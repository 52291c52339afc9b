import CoCreateCore

/// A design as a readable agenda for the terminal.
enum DesignSummary {
    static func render(_ design: ConversationDesign) -> String {
        var lines = ["\(design.title)  [\(design.name)]", "", design.purpose, ""]
        if !design.whenToUse.isEmpty { lines += ["When to use: \(design.whenToUse)", ""] }
        lines += design.questions.map { "Question: \($0)" }
        if !design.stakeholderGroups.isEmpty { lines.append("Groups: \(design.stakeholderGroups.joined(separator: ", "))") }
        lines += ["Tables of \(design.tableSize). \(design.totalMinutes) minutes in all.", "", "Agenda:"]
        var clock = 0
        for (index, phase) in design.phases.enumerated() {
            let start = String(format: "%d:%02d", clock / 60, clock % 60)
            clock += phase.minutes
            var line = "  \(index + 1). [\(start)] \(phase.title) (\(phase.kind.rawValue), \(phase.minutes) min)"
            if let structure = phase.structure { line += ", \(structure.displayName)" }
            if let movement = phase.movement { line += ", \(movement.rawValue)" }
            if !phase.roles.isEmpty { line += ", roles: \(phase.roles.map(\.rawValue).joined(separator: ", "))" }
            lines.append(line)
            if let speaker = phase.speaker { lines.append("       Speaker: \(speaker)") }
            if let question = phase.question { lines.append("       \(question)") }
            if let structure = phase.structure { lines.append("       Turns: \(structure.turnRule)") }
            if let method = phase.voteMethod { lines.append("       Vote: \(method.rawValue)" + (phase.dots.map { ", \($0) dots each" } ?? "") + (phase.budget.map { ", budget \($0)" } ?? "")) }
        }
        if let lineage = design.lineage { lines += ["", "Forked from \(lineage.forkedFrom)" + (lineage.run.map { ", run \($0)" } ?? "")] }
        for learning in design.learnings {
            lines.append("Learning" + (learning.phase.map { " (phase \($0 + 1))" } ?? "") + ": worked: \(learning.worked); change: \(learning.change)")
        }
        return lines.joined(separator: "\n")
    }
}
