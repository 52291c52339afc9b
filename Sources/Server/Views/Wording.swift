import CoCreateCore

/// A statement's or a question's wording in another language, as the pages and the API carry it. The
/// phone shows the wording in its reader's language; the projector, console and report show them all,
/// a statement's beside its one tally.
struct Wording: Codable, Sendable, Equatable {
    var language: String
    var text: String

    static func all(_ statement: Statement) -> [Wording] { all(statement.translations) }

    static func all(_ translations: [String: String]) -> [Wording] {
        translations.sorted { $0.key < $1.key }.map { Wording(language: $0.key, text: $0.value) }
    }
}

extension Wording: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("language", language); field("text", text)
        }
    }
}

extension ParticipantView {
    /// The statements and the question worded for a reader of `language`, for the page the server
    /// draws; live updates carry every wording and the phone's script picks the same one.
    mutating func word(for language: String) {
        for index in statements.indices {
            if let wording = statements[index].translations.first(where: { $0.language == language }) {
                statements[index].text = wording.text
            }
        }
        if let wording = phase?.questionTranslations.first(where: { $0.language == language }) {
            phase?.question = wording.text
        }
    }
}
