import CoCreateCore
import Foundation

/// Writes a design as a YAML design file that `DesignReader` reads back to the same design.
///
/// Text that YAML could read as something else (a number, `true`, a key, a comment) is written
/// double-quoted; everything else plain, so the file stays pleasant to edit.
public enum DesignWriter {
    public static func yaml(_ design: ConversationDesign, comment: String? = nil) -> String {
        var lines: [String] = []
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { lines.append("# " + line) }
        }
        lines.append("name: " + scalar(design.name))
        lines.append("title: " + scalar(design.title))
        lines.append("purpose: " + scalar(design.purpose))
        lines.append("when-to-use: " + scalar(design.whenToUse))
        lines += list("questions", design.questions, indent: "")
        lines += list("stakeholder-groups", design.stakeholderGroups, indent: "")
        lines.append("table-size: \(design.tableSize)")
        if let lineage = design.lineage {
            lines.append("lineage:")
            lines.append("  forked-from: " + scalar(lineage.forkedFrom))
            if let run = lineage.run { lines.append("  run: " + scalar(run)) }
            if let date = lineage.date { lines.append("  date: " + scalar(date)) }
        }
        lines.append(design.phases.isEmpty ? "phases: []" : "phases:")
        for phase in design.phases {
            lines.append("  - kind: " + phase.kind.rawValue)
            let field = "    "
            lines.append(field + "title: " + scalar(phase.title))
            lines.append(field + "minutes: \(phase.minutes)")
            if let speaker = phase.speaker { lines.append(field + "speaker: " + scalar(speaker)) }
            if let question = phase.question { lines.append(field + "question: " + scalar(question)) }
            if let structure = phase.structure { lines.append(field + "structure: " + scalar(structure.rawValue)) }
            if let movement = phase.movement { lines.append(field + "movement: " + scalar(movement.rawValue)) }
            if !phase.roles.isEmpty { lines += list("roles", phase.roles.map(\.rawValue), indent: field) }
            if let method = phase.voteMethod { lines.append(field + "method: " + scalar(method.rawValue)) }
            if let dots = phase.dots { lines.append(field + "dots: \(dots)") }
            if let budget = phase.budget { lines.append(field + "budget: \(budget)") }
            if !phase.statements.isEmpty { lines += list("statements", phase.statements, indent: field) }
            if let notes = phase.notes { lines.append(field + "notes: " + scalar(notes)) }
        }
        if !design.learnings.isEmpty {
            lines.append("learnings:")
            for learning in design.learnings {
                var first = true
                func entry(_ text: String) {
                    lines.append((first ? "  - " : "    ") + text)
                    first = false
                }
                if let phase = learning.phase { entry("phase: \(phase)") }
                entry("worked: " + scalar(learning.worked))
                entry("change: " + scalar(learning.change))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func list(_ key: String, _ items: [String], indent: String) -> [String] {
        guard !items.isEmpty else { return [indent + key + ": []"] }
        return [indent + key + ":"] + items.map { indent + "  - " + scalar($0) }
    }

    /// `text` as a YAML scalar: plain when that reads back as the same string, else double-quoted.
    public static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`.".unicodeScalars.contains(first) { return false }
        if first.properties.numericType != nil || first == "+" || first == "~" { return false }
        let lowered = text.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(lowered) { return false }
        let allowedPunctuation = Set(" .,;!?()'’/-–—…\"&+=%$€£".unicodeScalars)
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { continue }
            if allowedPunctuation.contains(scalar) { continue }
            return false
        }
        return true
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85 {
                    output += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
