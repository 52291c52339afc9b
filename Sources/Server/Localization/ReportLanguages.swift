import Foundation
import Harvest

/// The report's words in each language of the string catalog, for a report written outside a
/// request (`cocreate report --language cy`).
public enum ReportLanguages {
    /// Read once: the command line asks for it in its help, its check and its report.
    private static let catalog = Result { try StringCatalog(bundle: .module) }

    /// The catalog's languages, English first.
    public static var available: [String] {
        ["en"] + ((try? catalog.get().languages) ?? []).filter { $0 != "en" }
    }

    public static func words(_ language: String) throws -> ReportWords {
        try catalog.get().reportWords(in: language)
    }
}

extension StringCatalog {
    /// The report's words in `language`, from this catalog.
    func reportWords(in language: String) -> ReportWords {
        ReportWords(
            language: language, direction: direction(of: language),
            text: { [self] key, values in text(key, in: language, values) },
            plural: { [self] key, count, values in plural(key, count: count, in: language, values) })
    }
}
