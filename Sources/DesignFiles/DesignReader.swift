import CoCreateCore
import Foundation
import Yams

/// Reads a conversation design from YAML, reporting every problem with its line, column and field.
///
/// The YAML is walked node by node rather than decoded, because a decoder stops at the first
/// problem and loses the line; a facilitator fixing a file wants them all, each pointed at.
public enum DesignReader {
    public static func read(yaml: String, file: String) throws(DesignFileError) -> ConversationDesign {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw DesignFileError(file: file, issues: [.init(line: 1, column: 1, field: "(file)", message: "the file is empty; a design needs title, purpose, questions, table-size and phases")])
            }
            root = composed
        } catch let error as DesignFileError {
            throw error
        } catch let error as YamlError {
            throw DesignFileError(file: file, issues: [syntaxIssue(error)])
        } catch {
            throw DesignFileError(file: file, issues: [.init(line: 1, column: 1, field: "(file)", message: "not readable YAML: \(error)")])
        }
        var walker = NodeWalker()
        let design = walker.design(root)
        var issues = walker.issues
        if let design, issues.isEmpty {
            issues += design.validate().map { issue in
                let mark = walker.mark(for: issue.path)
                return DesignFileIssue(line: mark.line, column: mark.column, field: issue.path, message: issue.message, allowed: issue.allowed)
            }
        }
        guard let design, issues.isEmpty else {
            throw DesignFileError(file: file, issues: issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return design
    }

    /// Reads a design file from disk.
    public static func read(path: String) throws(DesignFileError) -> ConversationDesign {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DesignFileError(file: path, issues: [.init(line: 0, column: 0, field: "(file)", message: "cannot be read: no such file, or no permission")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DesignFileError(file: path, issues: [.init(line: 1, column: 1, field: "(file)", message: "is not UTF-8 text")])
        }
        return try read(yaml: text, file: path)
    }

    static func syntaxIssue(_ error: YamlError) -> DesignFileIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .init(line: mark.line, column: mark.column, field: "(syntax)", message: "YAML syntax error: \(detail)")
        default:
            return .init(line: 1, column: 1, field: "(syntax)", message: "YAML error: \(error)")
        }
    }
}

/// Walks the YAML tree, building a design and remembering where each field was written.
struct NodeWalker {
    var issues: [DesignFileIssue] = []
    private var marks: [String: (line: Int, column: Int)] = [:]

    /// The position of `path`, or of its nearest written ancestor (a missing field is reported
    /// where its parent mapping starts).
    func mark(for path: String) -> (line: Int, column: Int) {
        var current = path
        while true {
            if let found = marks[current] { return found }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return marks[""] ?? (1, 1) }
            current = String(current[..<cut])
        }
    }

    private mutating func note(_ node: Node, _ path: String) {
        if let mark = node.mark { marks[path] = (mark.line, mark.column) }
    }

    private mutating func problem(_ path: String, _ message: String, allowed: String? = nil, at node: Node? = nil) {
        if let node { note(node, path) }
        let mark = mark(for: path)
        issues.append(.init(line: mark.line, column: mark.column, field: path, message: message, allowed: allowed))
    }

    /// The mapping's entries by key, reporting keys that are not allowed.
    private mutating func fields(_ node: Node, _ path: String, allowed: [String]) -> [String: Node]? {
        note(node, path)
        guard case .mapping(let mapping) = node else {
            problem(path, "must be a mapping of fields", allowed: allowed.joined(separator: ", "))
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            note(keyNode, fieldPath)
            guard allowed.contains(key) else {
                problem(fieldPath, "unknown field \"\(key)\"", allowed: allowed.joined(separator: ", "))
                continue
            }
            result[key] = value
        }
        return result
    }

    private mutating func string(_ node: Node?, _ path: String, required: Bool = true) -> String? {
        guard let node else {
            if required { problem(path, "is required") }
            return nil
        }
        note(node, path)
        guard case .scalar(let scalar) = node else {
            problem(path, "must be text")
            return nil
        }
        return scalar.string
    }

    private mutating func integer(_ node: Node?, _ path: String, required: Bool = true) -> Int? {
        guard let text = string(node, path, required: required) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            problem(path, "\"\(text)\" is not a whole number")
            return nil
        }
        return value
    }

    private mutating func list(_ node: Node?, _ path: String) -> [(Node, String)] {
        guard let node else { return [] }
        note(node, path)
        guard case .sequence(let sequence) = node else {
            problem(path, "must be a list (lines starting with \"- \")")
            return []
        }
        return sequence.enumerated().map { index, item in
            let itemPath = "\(path)[\(index)]"
            note(item, itemPath)
            return (item, itemPath)
        }
    }

    private mutating func strings(_ node: Node?, _ path: String) -> [String] {
        list(node, path).compactMap { item, itemPath in string(item, itemPath) }
    }

    private mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, _ path: String, _: T.Type, required: Bool = false) -> T? where T.RawValue == String {
        guard let text = string(node, path, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            problem(path, "\"\(text)\" is not one of the allowed values", allowed: T.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return value
    }

    mutating func design(_ root: Node) -> ConversationDesign? {
        note(root, "")
        let allowed = ["name", "title", "purpose", "when-to-use", "questions", "stakeholder-groups", "table-size", "phases", "lineage", "learnings"]
        guard let fields = fields(root, "", allowed: allowed) else { return nil }
        let name = string(fields["name"], "name") ?? ""
        let title = string(fields["title"], "title") ?? ""
        let purpose = string(fields["purpose"], "purpose") ?? ""
        let whenToUse = string(fields["when-to-use"], "when-to-use", required: false) ?? ""
        let questions = strings(fields["questions"], "questions")
        if fields["questions"] == nil { problem("questions", "is required: list the question(s) the conversation explores") }
        let groups = strings(fields["stakeholder-groups"], "stakeholder-groups")
        let tableSize = integer(fields["table-size"], "table-size") ?? 0
        if fields["phases"] == nil { problem("phases", "is required: list the agenda's phases") }
        let phases = list(fields["phases"], "phases").compactMap { node, path in phase(node, path) }
        var lineage: Lineage?
        if let node = fields["lineage"], let lineageFields = self.fields(node, "lineage", allowed: ["forked-from", "run", "date"]) {
            lineage = Lineage(
                forkedFrom: string(lineageFields["forked-from"], "lineage.forked-from") ?? "",
                run: string(lineageFields["run"], "lineage.run", required: false),
                date: string(lineageFields["date"], "lineage.date", required: false))
        }
        let learnings = list(fields["learnings"], "learnings").compactMap { node, path -> Learning? in
            guard let entry = self.fields(node, path, allowed: ["phase", "worked", "change", "run"]) else { return nil }
            return Learning(
                phase: integer(entry["phase"], "\(path).phase", required: false),
                worked: string(entry["worked"], "\(path).worked", required: false) ?? "",
                change: string(entry["change"], "\(path).change", required: false) ?? "",
                run: string(entry["run"], "\(path).run", required: false))
        }
        return ConversationDesign(
            name: name, title: title, purpose: purpose, whenToUse: whenToUse, questions: questions,
            stakeholderGroups: groups, tableSize: tableSize, phases: phases, lineage: lineage, learnings: learnings)
    }

    private mutating func phase(_ node: Node, _ path: String) -> Phase? {
        let allowed = ["kind", "title", "minutes", "speaker", "question", "structure", "movement", "roles", "method", "dots", "budget", "statements", "notes"]
        guard let fields = fields(node, path, allowed: allowed) else { return nil }
        guard let kind = choice(fields["kind"], "\(path).kind", PhaseKind.self, required: true) else {
            if fields["kind"] == nil { problem("\(path).kind", "is required", allowed: PhaseKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            return nil
        }
        let minutes = integer(fields["minutes"], "\(path).minutes") ?? 0
        let statements = statements(fields["statements"], "\(path).statements")
        let roles = list(fields["roles"], "\(path).roles").compactMap { item, itemPath in
            choice(item, itemPath, TableRole.self, required: true)
        }
        return Phase(
            kind: kind,
            title: string(fields["title"], "\(path).title") ?? "",
            minutes: minutes,
            speaker: string(fields["speaker"], "\(path).speaker", required: false),
            question: string(fields["question"], "\(path).question", required: false),
            structure: choice(fields["structure"], "\(path).structure", CooperativeStructure.self),
            movement: choice(fields["movement"], "\(path).movement", Movement.self),
            roles: roles,
            voteMethod: choice(fields["method"], "\(path).method", VoteMethod.self),
            dots: integer(fields["dots"], "\(path).dots", required: false),
            budget: integer(fields["budget"], "\(path).budget", required: false),
            statements: statements.map(\.text),
            costs: statements.contains { $0.cost != nil } ? statements.map { $0.cost ?? 0 } : nil,
            notes: string(fields["notes"], "\(path).notes", required: false))
    }

    /// A vote's statements: each a line of text, or for a budget, `{text, cost}`. Either every proposal has its cost
    /// or none has (they are then given on the day, in the console).
    private mutating func statements(_ node: Node?, _ path: String) -> [(text: String, cost: Int?)] {
        let read = list(node, path).compactMap { item, itemPath -> (text: String, cost: Int?, path: String)? in
            if case .mapping = item {
                guard let entry = fields(item, itemPath, allowed: ["text", "cost"]) else { return nil }
                return (string(entry["text"], "\(itemPath).text") ?? "", integer(entry["cost"], "\(itemPath).cost", required: false), itemPath)
            }
            return string(item, itemPath).map { ($0, nil, itemPath) }
        }
        if read.contains(where: { $0.cost != nil }) {
            for missing in read where missing.cost == nil {
                problem("\(missing.path).cost", "is required: the other proposals have a cost", allowed: "text: ..., cost: 500")
            }
        }
        return read.map { ($0.text, $0.cost) }
    }
}
