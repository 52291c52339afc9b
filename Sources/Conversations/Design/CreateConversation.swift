import CoCreateCore
import DesignFiles
import Foundation

/// A new conversation from a built-in design's name or the text of a design file.
public struct CreateConversation: Decodable, Sendable {
    public var design: String?
    public var designYAML: String?
    /// The conversation this one follows up, carrying its open commitments.
    public var followsUp: String?

    public init(design: String?, designYAML: String? = nil, followsUp: String? = nil) {
        self.design = design
        self.designYAML = designYAML
        self.followsUp = followsUp
    }

    /// Returns the new conversation's id and join code.
    public func run(in space: any ConversationSpace, by facilitator: String) async throws -> (id: String, joinCode: String) {
        let chosen: ConversationDesign
        if let yaml = designYAML, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                chosen = try DesignReader.read(yaml: yaml, file: "uploaded design")
            } catch {
                throw RuleViolation(field: "design", message: error.description)
            }
        } else if let name = design, let found = try DesignLibrary.design(named: name) {
            chosen = found
        } else {
            throw RuleViolation(field: "design", message: "choose a built-in design (\(DesignLibrary.templates.map(\.name).joined(separator: ", "))) or upload a design file")
        }
        let code = space.effects.joinCode()
        let id = try await space.start(ConversationCreated(joinCode: code, design: chosen, facilitator: facilitator, followsUp: followsUp))
        return (id, code)
    }
}
