import Foundation
import Harvest

/// All interface text, by key, per language: one JSON file per language in `Strings/` (`en.json`,
/// `cy.json`, `ar.json`). Every catalog has every key (`StringCatalogTests` fails otherwise); a key
/// a catalog still lacked would fall back to English rather than show the key. The report's English
/// (`report.*`) is the harvest's own (`ReportWords.englishTable`), read in as part of English here.
///
/// A text that counts something is a plural key: one entry per CLDR plural category the language
/// uses (`live.dots.one`, `live.dots.other`; Welsh and Arabic also `.zero`, `.two`, `.few`, `.many`),
/// chosen by `plural(_:count:in:)` here and by `Intl.PluralRules` in the pages' scripts.
struct StringCatalog: Sendable {
    private let tables: [String: [String: String]]
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur"]
    /// The name of the cookie that keeps a device's chosen language.
    static let cookieName = "lang"

    init(bundle: Bundle) throws {
        var tables: [String: [String: String]] = [:]
        let folder = bundle.resourceURL!.appendingPathComponent("Strings")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            tables[String(file.dropLast(5))] = try JSONDecoder().decode([String: String].self, from: data)
        }
        guard let english = tables["en"] else { throw CocoaError(.fileNoSuchFile) }
        tables["en"] = english.merging(ReportWords.englishTable) { catalog, _ in catalog }
        self.tables = tables
    }

    var languages: [String] { tables.keys.sorted() }

    /// The strings of `language`, English filling any gap.
    func strings(for language: String) -> [String: String] {
        let english = tables["en"] ?? [:]
        guard language != "en", let table = tables[language] else { return english }
        return english.merging(table) { _, translated in translated }
    }

    /// The best language: an explicit choice (`?lang=`), then the device's remembered one (the
    /// `lang` cookie), then the browser's `Accept-Language`, then English.
    func language(preferred explicit: String?, remembered: String? = nil, acceptLanguage: String?) -> String {
        if let explicit, tables[explicit] != nil { return explicit }
        if let remembered, tables[remembered] != nil { return remembered }
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

    /// The text of `key` in `language` with each `{name}` replaced by its value.
    func text(_ key: String, in language: String, _ values: [String: String] = [:]) -> String {
        let table = tables[language] ?? [:]
        let template = table[key] ?? tables["en"]?[key] ?? key
        return Self.fill(template, values)
    }

    /// The plural key `key` for `count` in `language`: the form of the count's CLDR category,
    /// with `{count}` and `values` filled in.
    func plural(_ key: String, count: Int, in language: String, _ values: [String: String] = [:]) -> String {
        let category = PluralCategory.of(count, in: language)
        let form = tables[language]?["\(key).\(category.rawValue)"] ?? tables[language]?["\(key).other"]
            ?? tables["en"]?["\(key).\(PluralCategory.of(count, in: "en").rawValue)"] ?? key
        return Self.fill(form, values.merging(["count": String(count)]) { given, _ in given })
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }
}

/// The CLDR plural categories, and the integer rules of the languages the catalog has
/// (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html).
enum PluralCategory: String, CaseIterable, Sendable {
    case zero, one, two, few, many, other

    static func of(_ count: Int, in language: String) -> PluralCategory {
        let n = abs(count)
        switch language {
        case "cy":
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            case 3: return .few
            case 6: return .many
            default: return .other
            }
        case "ar":
            switch (n, n % 100) {
            case (0, _): return .zero
            case (1, _): return .one
            case (2, _): return .two
            case (_, 3...10): return .few
            case (_, 11...99): return .many
            default: return .other
            }
        default:
            return n == 1 ? .one : .other
        }
    }

    /// The categories a language's integers fall into: each plural key needs a form for every one.
    static func categories(of language: String) -> [PluralCategory] {
        switch language {
        case "cy", "ar": return allCases
        default: return [.one, .other]
        }
    }
}
