import Foundation

/// All interface text, by key, per language. English is complete; another language is one JSON
/// file in `Strings/` (e.g. `cy.json`, `ar.json`), and any key it lacks falls back to English.
struct StringCatalog: Sendable {
    private let tables: [String: [String: String]]
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur"]

    init(bundle: Bundle) throws {
        var tables: [String: [String: String]] = [:]
        let folder = bundle.resourceURL!.appendingPathComponent("Strings")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            tables[String(file.dropLast(5))] = try JSONDecoder().decode([String: String].self, from: data)
        }
        guard tables["en"] != nil else { throw CocoaError(.fileNoSuchFile) }
        self.tables = tables
    }

    var languages: [String] { tables.keys.sorted() }

    /// The strings of `language`, English filling any gap.
    func strings(for language: String) -> [String: String] {
        let english = tables["en"] ?? [:]
        guard language != "en", let table = tables[language] else { return english }
        return english.merging(table) { _, translated in translated }
    }

    /// The best language for an `Accept-Language` header or an explicit choice.
    func language(preferred explicit: String?, acceptLanguage: String?) -> String {
        if let explicit, tables[explicit] != nil { return explicit }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let code = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            let base = String(code.split(separator: "-").first ?? "")
            if tables[base] != nil { return base }
        }
        return "en"
    }

    /// The strings as nested dictionaries, so templates can write `{{t.phone.send}}`
    /// (Mustache reads dots as nesting).
    func nested(for language: String) -> [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in strings(for: language) {
            Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        return root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = value
        } else {
            var child = node[head] as? [String: Any] ?? [:]
            insert(value, at: path.dropFirst(), into: &child)
            node[head] = child
        }
    }

    func direction(of language: String) -> String { Self.rightToLeft.contains(language) ? "rtl" : "ltr" }
}
