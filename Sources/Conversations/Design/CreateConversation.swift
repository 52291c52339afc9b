import CoCreateCore
import DesignFiles
import Foundation
import Memberwise

/// A new conversation from a built-in design's name or the text of a design file.
public struct CreateConversation: Decodable, Sendable {
    public var design: String?
    public var designYAML: String?
    /// The conversation this one follows up, carrying its open commitments.
    public var followsUp: String?
    /// Its own name, date and place; without a name, pages use the design's title.
    public var name: String?
    public var date: String?
    public var place: String?

    public init(design: String?, designYAML: String? = nil, followsUp: String? = nil) {
        self.design = design
        self.designYAML = designYAML
        self.followsUp = followsUp
    }

    /// The `design` value that names one of the facilitator's own saved designs rather than a built-in one.
    public static func saved(_ name: String) -> String { "mine:" + name }

    /// Returns the new conversation's id and join code. `designs` holds the facilitator's own designs.
    public func run(in space: any ConversationSpace, by facilitator: String, designs: (any DesignRepository)? = nil) async throws -> (id: String, joinCode: String) {
        let chosen: ConversationDesign
        if let name = design, name.hasPrefix("mine:"), designYAML?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true {
            guard let saved = try await designs?.design(named: String(name.dropFirst(5)), ownedBy: facilitator), let read = saved.design else {
                throw RuleViolation(field: "design", message: "you have no design called \(name.dropFirst(5))")
            }
            chosen = read
        } else if let yaml = designYAML, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                chosen = try DesignReader.read(yaml: yaml, file: "uploaded design")
            } catch {
                // Words for the page, not the CLI's file:line:column form: "line 4: phases[0].title is required".
                let problems = error.issues.map { issue in
                    let joined = ["is ", "must ", "has ", "cannot "].contains { issue.message.hasPrefix($0) } ? " " : ": "
                    return "line \(issue.line): \(issue.field)\(joined)\(issue.message)" + (issue.allowed.map { " (allowed: \($0))" } ?? "")
                }
                throw RuleViolation(field: "design", message: "the design cannot be used (\(problems.count == 1 ? "1 problem" : "\(problems.count) problems")): "
                                    + problems.joined(separator: "; "))
            }
        } else if let name = design, let found = try DesignLibrary.design(named: name) {
            chosen = found
        } else {
            throw RuleViolation(field: "design", message: "choose a built-in design (\(DesignLibrary.templates.map(\.name).joined(separator: ", "))) or upload a design file")
        }
        let code = space.effects.joinCode()
        if let date, !date.isEmpty, !ConversationRules.isCalendarDate(date) {
            throw RuleViolation(field: "date", message: "\"\(date)\" is not a date; use the form YYYY-MM-DD")
        }
        let id = try await space.start(ConversationCreated(joinCode: code, design: chosen, facilitator: facilitator, followsUp: followsUp))
        if let name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            _ = try await NameConversation(name: name, date: date, place: place).run(in: space, conversation: id, by: .facilitator(facilitator))
        }
        return (id, code)
    }
}

/// Gives a conversation its own name, date and place (or changes them).
@PublicMemberwiseInit
public struct NameConversation: ConversationCommand {
    public var name: String
    public var date: String?
    public var place: String?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let trimmed = { (text: String?) in text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
        return try await space.append([.conversationNamed(ConversationNamed(name: name.trimmingCharacters(in: .whitespacesAndNewlines), date: trimmed(date), place: trimmed(place)))],
                                      to: conversation, ids: nil, by: actor)
    }
}
