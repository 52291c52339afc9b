import CoCreateCore
import Foundation
import Yams

/// Writes a design as a YAML design file that `DesignReader` reads back to the same design.
///
/// The YAML tree is built by hand rather than encoded, so keys keep the order people expect to read (name and
/// purpose first, phases in agenda order) and every field keeps the name the reader knows. Yams quotes text only
/// where YAML would read it as something else (a number, `true`, a date, a key), so the file stays pleasant to edit.
public enum DesignWriter {
    public static func yaml(_ design: ConversationDesign, comment: String? = nil) -> String {
        let header = comment.map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 + "\n" }.joined()
        } ?? ""
        let body: String
        do {
            // Unlimited width: a long question folded over lines is harder to find and edit than one long line.
            body = try Yams.serialize(node: node(design), width: -1, allowUnicode: true)
        } catch {
            // The emitter fails only on an ill-formed sequence of events, which a tree of scalars, sequences and
            // mappings cannot produce.
            preconditionFailure("Yams could not write a design: \(error)")
        }
        return header + body
    }

    static func node(_ design: ConversationDesign) -> Node {
        var fields: [(Node, Node)] = [
            ("name", text(design.name)),
            ("title", text(design.title)),
            ("purpose", text(design.purpose)),
            ("when-to-use", text(design.whenToUse)),
            ("questions", list(design.questions)),
            ("stakeholder-groups", list(design.stakeholderGroups)),
            ("table-size", number(design.tableSize)),
        ]
        if let lineage = design.lineage {
            var entry: [(Node, Node)] = [("forked-from", text(lineage.forkedFrom))]
            if let run = lineage.run { entry.append(("run", text(run))) }
            if let date = lineage.date { entry.append(("date", text(date))) }
            fields.append(("lineage", mapping(entry)))
        }
        fields.append(("phases", .sequence(.init(design.phases.map(node), .implicit, .block))))
        if !design.learnings.isEmpty {
            fields.append(("learnings", .sequence(.init(design.learnings.map(node), .implicit, .block))))
        }
        return mapping(fields)
    }

    static func node(_ phase: Phase) -> Node {
        var fields: [(Node, Node)] = [("kind", text(phase.kind.rawValue)), ("title", text(phase.title)), ("minutes", number(phase.minutes))]
        if let speaker = phase.speaker { fields.append(("speaker", text(speaker))) }
        if let question = phase.question { fields.append(("question", text(question))) }
        if let structure = phase.structure { fields.append(("structure", text(structure.rawValue))) }
        if let movement = phase.movement { fields.append(("movement", text(movement.rawValue))) }
        if !phase.roles.isEmpty { fields.append(("roles", list(phase.roles.map(\.rawValue)))) }
        if let method = phase.voteMethod { fields.append(("method", text(method.rawValue))) }
        if let dots = phase.dots { fields.append(("dots", number(dots))) }
        if let budget = phase.budget { fields.append(("budget", number(budget))) }
        if let costs = phase.costs, costs.count == phase.statements.count {
            let items = zip(phase.statements, costs).map { text, cost in mapping([("text", self.text(text)), ("cost", number(cost))]) }
            fields.append(("statements", .sequence(.init(items, .implicit, .block))))
        } else if !phase.statements.isEmpty {
            fields.append(("statements", list(phase.statements)))
        }
        if let notes = phase.notes { fields.append(("notes", text(notes))) }
        return mapping(fields)
    }

    static func node(_ learning: Learning) -> Node {
        var fields: [(Node, Node)] = []
        if let phase = learning.phase { fields.append(("phase", number(phase))) }
        fields.append(("worked", text(learning.worked)))
        fields.append(("change", text(learning.change)))
        if let run = learning.run { fields.append(("run", text(run))) }
        return mapping(fields)
    }

    private static func mapping(_ fields: [(Node, Node)]) -> Node {
        .mapping(.init(fields, .implicit, .block))
    }

    private static func list(_ items: [String]) -> Node {
        .sequence(.init(items.map(text), .implicit, .block))
    }

    private static func number(_ value: Int) -> Node {
        .scalar(.init(String(value)))
    }

    /// Text as a string scalar: quoted by Yams when YAML would read it as another type; several lines as a
    /// literal block (`|`), one line per line, which Yams turns into quotes when the text cannot be written so.
    static func text(_ value: String) -> Node {
        let scalar = value.represented()
        // Yams writes the Unicode line and paragraph separators raw, where an editor shows nothing (or a line
        // break that is not one); double quotes make it write them as \L and \P.
        if value.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return .scalar(.init(value, scalar.tag, .doubleQuoted))
        }
        guard value.contains("\n"), scalar.style == .any else { return .scalar(scalar) }
        return .scalar(.init(value, scalar.tag, .literal))
    }
}
