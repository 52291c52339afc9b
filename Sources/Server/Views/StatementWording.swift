import CoCreateCore

/// A statement's wording in another language, as the pages and the API carry it. The phone shows
/// the wording in its reader's language; the projector, console and report show them all beside the
/// statement's one tally.
struct StatementWording: Codable, Sendable, Equatable {
    var language: String
    var text: String

    static func all(_ statement: Statement) -> [StatementWording] {
        statement.sortedTranslations.map { StatementWording(language: $0.language, text: $0.text) }
    }
}

extension StatementWording: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("language", language); field("text", text)
        }
    }
}

extension ParticipantView {
    /// The statements worded for a reader of `language`, for the page the server draws; live updates
    /// carry every wording and the phone's script picks the same one.
    mutating func wordStatements(for language: String) {
        for index in statements.indices {
            if let wording = statements[index].translations.first(where: { $0.language == language }) {
                statements[index].text = wording.text
            }
        }
    }
}
