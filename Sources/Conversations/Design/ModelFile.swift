import CoCreateCore
import DesignFiles
import Foundation

/// A model passed on from one community to the next: one self-contained JSON file holding the
/// design (as YAML text), what was learned running it, where it came from, and an anonymised
/// outcome of the run. No names: groups and counts only.
public struct ModelFile: Codable, Sendable, Equatable {
    public static let formatName = "cocreate-model"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// The design file, YAML text, with the lineage and learnings below already in it.
    public var design: String
    public var learnings: [Learning]
    public var lineage: Lineage?
    public var outcome: Outcome

    public struct Outcome: Codable, Sendable, Equatable {
        public var participants: Int
        /// Participants by declared stakeholder group; people without one under "no group".
        public var participantsByGroup: [String: Int]
        public var statements: [StatementOutcome]
        public var commitments: [CommitmentOutcome]
    }

    public struct StatementOutcome: Codable, Sendable, Equatable {
        public var text: String
        public var agree: Int
        public var disagree: Int
        public var pass: Int
    }

    public struct CommitmentOutcome: Codable, Sendable, Equatable {
        public var text: String
        public var status: CommitmentStatus
        public var due: String?
        /// The owners' groups, never their names.
        public var ownerGroups: [String]
    }
}

public enum ModelBuilder {
    /// Today as `YYYY-MM-DD` (UTC).
    public static func today(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// The design of `state` passed on: renamed, with its lineage pointing at the design and the
    /// run it came from, and the run's learnings appended to the design's own.
    public static func forkedDesign(_ state: ConversationState, name: String? = nil, date: String) throws -> ConversationDesign {
        guard var design = state.design else { throw ConversationNotFound(state.id) }
        let original = design.name
        if let name { design.name = name }
        design.lineage = Lineage(forkedFrom: original, run: state.id, date: date)
        design.learnings += state.learnings.map { learning in
            var carried = learning
            carried.run = carried.run ?? state.id
            return carried
        }
        return design
    }

    public static func outcome(_ state: ConversationState) -> ModelFile.Outcome {
        var byGroup: [String: Int] = [:]
        for person in state.participants { byGroup[person.group ?? "no group", default: 0] += 1 }
        let statements = state.statements.map { statement in
            var tally = [Vote.agree: 0, .disagree: 0, .pass: 0]
            for ballot in state.votes.values { if let vote = ballot[statement.id] { tally[vote, default: 0] += 1 } }
            return ModelFile.StatementOutcome(text: statement.text, agree: tally[.agree] ?? 0, disagree: tally[.disagree] ?? 0, pass: tally[.pass] ?? 0)
        }
        let commitments = state.commitments.map { commitment in
            let groups = commitment.ownerIDs.map { state.participant($0)?.group ?? "no group" } + commitment.outsideOwners.map { _ in "outside the room" }
            return ModelFile.CommitmentOutcome(text: commitment.text, status: commitment.status, due: commitment.due, ownerGroups: Array(Set(groups)).sorted())
        }
        return .init(participants: state.participants.count, participantsByGroup: byGroup, statements: statements, commitments: commitments)
    }

    public static func model(_ state: ConversationState, date: String) throws -> ModelFile {
        let design = try forkedDesign(state, date: date)
        return ModelFile(format: ModelFile.formatName, version: ModelFile.currentVersion, design: DesignWriter.yaml(design),
                         learnings: design.learnings, lineage: design.lineage, outcome: outcome(state))
    }

    public static func encode(_ model: ModelFile) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(model) + Data("\n".utf8)
    }
}

/// Reads and checks a model file, naming the field (and the line, for JSON syntax and the design) of every problem.
public enum ModelReader {
    public struct Problem: Error, CustomStringConvertible {
        public var file: String
        public var messages: [String]
        public var description: String { messages.map { "\(file): error: \($0)" }.joined(separator: "\n") }
    }

    public static func read(_ data: Data, file: String) throws -> (ModelFile, ConversationDesign) {
        func fail(_ message: String) -> Problem { Problem(file: file, messages: [message]) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw fail(syntaxMessage(data, error))
        }
        guard let root = object as? [String: Any] else { throw fail("line 1: the file must be a JSON object") }
        var problems: [String] = []
        if root["format"] as? String != ModelFile.formatName { problems.append("field \"format\": must be \"\(ModelFile.formatName)\"") }
        if (root["version"] as? NSNumber)?.intValue != ModelFile.currentVersion { problems.append("field \"version\": must be \(ModelFile.currentVersion)") }
        if !(root["design"] is String) { problems.append("field \"design\": must be the design file's YAML text") }
        for key in ["learnings", "lineage", "outcome"] where root[key] == nil && key != "lineage" { problems.append("field \"\(key)\": is missing") }
        let known: Set = ["format", "version", "design", "learnings", "lineage", "outcome"]
        for key in root.keys.sorted() where !known.contains(key) { problems.append("field \"\(key)\": unknown field") }
        guard problems.isEmpty else { throw Problem(file: file, messages: problems) }

        let model: ModelFile
        do {
            model = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch let error as DecodingError {
            throw fail(describe(error))
        }
        let design: ConversationDesign
        do {
            design = try DesignReader.read(yaml: model.design, file: "design")
        } catch {
            throw Problem(file: file, messages: error.issues.map { "field \"design\", YAML line \($0.line), column \($0.column), \($0.field): \($0.message)" })
        }
        for (index, learning) in model.learnings.enumerated() {
            if let phase = learning.phase, !design.phases.indices.contains(phase) {
                problems.append("field \"learnings[\(index)].phase\": \(phase) is not a phase of the design (0 to \(design.phases.count - 1))")
            }
        }
        if let lineage = model.lineage {
            if lineage.forkedFrom.isEmpty { problems.append("field \"lineage.forkedFrom\": must not be empty") }
            if let date = lineage.date, !CalendarDate.isValid(date) { problems.append("field \"lineage.date\": \(date) is not a date (YYYY-MM-DD)") }
        }
        if model.outcome.participants < 0 { problems.append("field \"outcome.participants\": cannot be negative") }
        for (index, statement) in model.outcome.statements.enumerated() where min(statement.agree, statement.disagree, statement.pass) < 0 {
            problems.append("field \"outcome.statements[\(index)]\": vote totals cannot be negative")
        }
        for (index, commitment) in model.outcome.commitments.enumerated() {
            if let due = commitment.due, !CalendarDate.isValid(due) { problems.append("field \"outcome.commitments[\(index)].due\": \(due) is not a date (YYYY-MM-DD)") }
        }
        guard problems.isEmpty else { throw Problem(file: file, messages: problems) }
        return (model, design)
    }

    /// Where JSON syntax goes wrong, by line: Foundation's parser on Linux does not say, so a
    /// small checker walks the text to the first byte that cannot be JSON.
    static func syntaxMessage(_ data: Data, _ error: any Error) -> String {
        var checker = JSONSyntaxChecker(bytes: Array(data))
        let offset = checker.firstErrorOffset() ?? 0
        let line = data.prefix(offset).filter { $0 == 0x0A }.count + 1
        return "line \(line): not valid JSON"
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result.isEmpty ? key.stringValue : result + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context): return "field \"\(path(context.codingPath + [key]))\": is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "field \"\(path(context.codingPath))\": \(context.debugDescription)"
        @unknown default: return "cannot be read: \(error)"
        }
    }

    /// A readable summary: title, lineage, learnings, outcome.
    public static func summary(_ model: ModelFile, design: ConversationDesign) -> String {
        var lines = ["\(design.title) (\(design.name)): \(design.phases.count) phases, \(design.totalMinutes) minutes, \(design.roundCount) rounds."]
        if let lineage = model.lineage {
            lines.append("Lineage: forked from \(lineage.forkedFrom)" + (lineage.run.map { ", run \($0)" } ?? "") + (lineage.date.map { ", on \($0)" } ?? ""))
        }
        if model.learnings.isEmpty {
            lines.append("Learnings: none recorded.")
        } else {
            lines.append("Learnings:")
            for learning in model.learnings {
                let phase = learning.phase.map { "phase \($0 + 1) (\(design.phases[$0].title))" } ?? "whole design"
                lines.append("  - \(phase): worked: \(learning.worked); change: \(learning.change)")
            }
        }
        let outcome = model.outcome
        let groups = outcome.participantsByGroup.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("Outcome: \(outcome.participants) participants" + (groups.isEmpty ? "" : " (\(groups))"))
        for statement in outcome.statements where statement.agree + statement.disagree + statement.pass > 0 {
            lines.append("  statement: \(statement.text): \(statement.agree) agree, \(statement.disagree) disagree, \(statement.pass) pass")
        }
        for commitment in outcome.commitments {
            lines.append("  commitment: \(commitment.text): \(commitment.status.rawValue)" + (commitment.due.map { ", due \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// Finds the offset of the first JSON syntax error (RFC 8259), or nil when the text is JSON.
struct JSONSyntaxChecker {
    let bytes: [UInt8]
    var index = 0

    struct Failure: Error {}

    mutating func firstErrorOffset() -> Int? {
        do {
            try value()
            skipSpace()
            guard index == bytes.count else { throw Failure() }
            return nil
        } catch {
            return min(index, bytes.count)
        }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard current == byte else { throw Failure() }
        index += 1
    }

    private mutating func value() throws {
        skipSpace()
        switch current {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                try value()
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return }
            while true {
                try value()
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "\""):
            try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case let byte? where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte):
            index += 1
            while let next = current, (0x30...0x39).contains(next) || [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(next) { index += 1 }
        default:
            throw Failure()
        }
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func string() throws {
        try expect(UInt8(ascii: "\""))
        while let byte = current {
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") { index += 1 } else if byte < 0x20 { index -= 1; throw Failure() }
        }
        throw Failure()
    }
}
