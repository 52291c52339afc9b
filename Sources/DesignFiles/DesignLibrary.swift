import CoCreateCore

/// The designs that ship inside the binary, so a facilitator with no internet has a library.
///
/// They are kept as YAML text, exactly as a facilitator would write them, so `design new`
/// hands out a file with its comments and layout intact.
public enum DesignLibrary {
    public struct Template: Sendable {
        public var name: String
        public var yaml: String
    }

    public static let templates: [Template] = [
        Template(name: "knowledge-cafe", yaml: knowledgeCafe),
        Template(name: "world-cafe", yaml: worldCafe),
        Template(name: "cooperative-knowledge-cafe", yaml: cooperativeKnowledgeCafe),
        Template(name: "school-participatory-budget", yaml: schoolParticipatoryBudget),
        Template(name: "community-police-conversation", yaml: communityPoliceConversation),
        Template(name: "student-staff-partnership", yaml: studentStaffPartnership),
    ]

    public static func template(named name: String) -> Template? {
        templates.first { $0.name == name }
    }

    /// The parsed design of a built-in template. Built-ins are validated by the test suite.
    public static func design(named name: String) throws(DesignFileError) -> ConversationDesign? {
        guard let template = template(named: name) else { return nil }
        return try DesignReader.read(yaml: template.yaml, file: "built-in:\(name)")
    }

    /// `template`'s text renamed to `newName`, ready to be written to a file and edited.
    public static func copy(of template: Template, named newName: String) -> String {
        template.yaml.replacingFirstLine(startingWith: "name:", with: "name: \(newName)")
    }
}

extension String {
    func replacingFirstLine(startingWith prefix: String, with replacement: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[index] = replacement }
        return lines.joined(separator: "\n")
    }
}
