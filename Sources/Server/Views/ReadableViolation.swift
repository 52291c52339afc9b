import CoCreateCore

/// A refused action in words a facilitator or a pupil can read, with the form field it is about.
///
/// Commands name fields as the code does (`fromContribution`, `phaseIndex`); a page shows "This
/// contribution is already the statement …" instead. Messages that are whole sentences
/// ("choose your name from the list") are kept and given a capital; those that continue their
/// field ("is closed", "must be 1 to 200") get the field's name in front.
struct ReadableViolation: Sendable, Equatable {
    var field: String
    var sentence: String

    init(_ violation: RuleViolation) {
        field = violation.field
        let message = violation.message
        let continuesTheField = Self.continuations.contains { message.hasPrefix($0 + " ") }
        let text = continuesTheField ? "\(Self.label(of: violation.field)) \(message)" : message
        sentence = Self.capitalised(text) + (text.hasSuffix(".") || text.hasSuffix("?") ? "" : ".")
    }

    /// Words that start a message meant to follow its field's name.
    static let continuations = ["is", "are", "has", "must", "cannot", "starts", "already", "does"]

    /// What each field is called on the pages.
    static let labels: [String: String] = [
        "conversation": "The conversation", "fromContribution": "This contribution", "contributionID": "This contribution",
        "statementID": "This statement", "statementIDs": "Your choice", "phaseIndex": "The phase", "phase": "The phase",
        "fromRound": "The first round to re-seat", "table": "The table", "seconds": "The time", "cost": "The cost",
        "maximumParticipants": "The room's size", "text": "The text", "name": "The name", "group": "The group",
        "due": "The date", "evidence": "The link", "people": "The people file", "design": "The design", "id": "This form",
        "confirm": "The second password", "displayName": "The name shown",
    ]

    static func label(of field: String) -> String {
        if let label = labels[field] { return label }
        // fooBarID → "The foo bar"
        var words = ""
        for character in field.replacingOccurrences(of: "ID", with: "") {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return "The " + words
    }

    /// A capital for a first word in plain lower case; an id or a name ("p5s1", "iPad") stays as written.
    static func capitalised(_ text: String) -> String {
        let firstWord = text.prefix { $0 != " " }
        guard let first = text.first, firstWord.allSatisfy({ $0.isLowercase }) else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
