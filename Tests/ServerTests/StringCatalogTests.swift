import Basics
import CoCreateCore
import Foundation
import Harvest
import Testing
@testable import Server

/// The catalogs are complete and the pages take their words from them: every key of English is in
/// Welsh and Arabic with the same placeholders, every plural key has the forms its language needs,
/// templates and scripts name only keys that exist, and no template writes English of its own.
@Suite("String catalogs")
struct StringCatalogTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/Server").standardizedFileURL
    static let languages = ["en", "cy", "ar"]

    /// A catalog as the server reads it: English is `en.json` and the report's own English.
    static func table(_ language: String) throws -> [String: String] {
        let data = try Data(contentsOf: server.appendingPathComponent("Strings/\(language).json"))
        let table = try JSONDecoder().decode([String: String].self, from: data)
        return language == "en" ? table.merging(ReportWords.englishTable) { catalog, _ in catalog } : table
    }

    static func files(in folder: String, ending suffix: String) throws -> [(name: String, text: String)] {
        let url = server.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }.sorted().map {
            ($0, try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// A plural key's base and category (`live.dots.few` → `live.dots`, `.few`), or nil for a plain key.
    static func pluralParts(_ key: String) -> (base: String, category: PluralCategory)? {
        guard let dot = key.lastIndex(of: "."), let category = PluralCategory(rawValue: String(key[key.index(after: dot)...])) else { return nil }
        return (String(key[..<dot]), category)
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-zA-Z]+)\}/).map { String($0.output.1) })
    }

    @Test func welshAndArabicHaveEveryKeyWithTheSamePlaceholders() throws {
        let english = try Self.table("en")
        #expect(english.count > 400)
        for language in Self.languages where language != "en" {
            let table = try Self.table(language)
            for (key, text) in english where Self.pluralParts(key) == nil {
                guard let translated = table[key] else { Issue.record("\(language).json lacks \(key)"); continue }
                #expect(Self.placeholders(translated) == Self.placeholders(text), "\(language) \(key): \(translated)")
                #expect(!translated.trimmingCharacters(in: .whitespaces).isEmpty, "\(language) \(key) is empty")
            }
            for key in table.keys {
                let known = english[key] != nil || Self.pluralParts(key).map { english["\($0.base).other"] != nil } == true
                #expect(known, "\(language).json has \(key), which English does not")
            }
        }
    }

    @Test func everyPluralKeyHasTheFormsOfItsLanguage() throws {
        let english = try Self.table("en")
        let bases = Set(english.keys.compactMap { Self.pluralParts($0)?.base })
        #expect(bases.contains("live.dots") && bases.contains("home.peopleCount"))
        for language in Self.languages {
            let table = try Self.table(language)
            let needed = PluralCategory.categories(of: language)
            for base in bases.sorted() {
                let allowed = Self.placeholders(english["\(base).other"] ?? "")
                let forms = PluralCategory.allCases.filter { table["\(base).\($0.rawValue)"] != nil }
                #expect(forms == needed, "\(language) \(base) has \(forms.map(\.rawValue)), needs \(needed.map(\.rawValue))")
                for category in forms {
                    let text = table["\(base).\(category.rawValue)"] ?? ""
                    // "dim cyfraniadau", "مساهمتان": a form for one number may say it in words; the rest must show it.
                    let mustShowAll = [.few, .many, .other].contains(category) || language == "en"
                    let found = Self.placeholders(text)
                    #expect(mustShowAll ? found == allowed : found.isSubset(of: allowed), "\(language) \(base).\(category.rawValue): \(text)")
                }
            }
        }
    }

    @Test func pluralRulesFollowCLDR() {
        func categories(_ language: String, _ numbers: [Int]) -> [String] { numbers.map { PluralCategory.of($0, in: language).rawValue } }
        #expect(categories("en", [0, 1, 2, 5]) == ["other", "one", "other", "other"])
        #expect(categories("cy", [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 100]) == ["zero", "one", "two", "few", "other", "other", "many", "other", "other", "other", "other"])
        #expect(categories("ar", [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111, 1000]) == ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few", "many", "other"])
    }

    @Test func aCountIsWrittenInTheFormOfItsCategory() async throws {
        let catalog = try await PageRenderer.load().catalog
        #expect(catalog.plural("live.dots", count: 1, in: "en") == "1 dot")
        #expect(catalog.plural("live.dots", count: 0, in: "en") == "0 dots")
        #expect(catalog.plural("live.dots", count: 2, in: "cy") == "2 ddot")
        #expect(catalog.plural("live.contributionsCount", count: 3, in: "cy") == "3 chyfraniad")
        #expect(catalog.plural("live.dots", count: 2, in: "ar") == "نقطتان")
        #expect(catalog.plural("live.dots", count: 5, in: "ar") == "5 نقاط")
        #expect(catalog.plural("live.dots", count: 11, in: "ar") == "11 نقطة")
        #expect(catalog.plural("console.seatedCount", count: 4, in: "en", ["round": "2"]) == "Round 2: 4 people seated")
    }

    @Test func aChoiceComesBeforeTheDevicesWhichComesBeforeTheBrowsers() async throws {
        let catalog = try await PageRenderer.load().catalog
        #expect(catalog.languages == ["ar", "cy", "en"])
        #expect(catalog.language(preferred: nil, remembered: nil, acceptLanguage: "cy-GB,en;q=0.8") == "cy")
        #expect(catalog.language(preferred: nil, remembered: "ar", acceptLanguage: "cy-GB,en;q=0.8") == "ar")
        #expect(catalog.language(preferred: "cy", remembered: "ar", acceptLanguage: "en") == "cy")
        #expect(catalog.language(preferred: "xx", remembered: "zz", acceptLanguage: "fr") == "en")
        #expect(catalog.direction(of: "ar") == "rtl" && catalog.direction(of: "cy") == "ltr")
    }

    /// Keys that pages build from a value (`phase.kind.` + the phase's kind) exist for every value.
    @Test func keysBuiltFromValuesExistForEveryValue() throws {
        let english = try Self.table("en")
        var needed = PhaseKind.allCases.map { "phase.kind.\($0.rawValue)" }
        needed += CooperativeStructure.allCases.flatMap { ["structure.\($0.rawValue).name", "structure.\($0.rawValue).rule"] }
        needed += TableRole.allCases.flatMap { ["role.\($0.rawValue).name", "role.\($0.rawValue).duty"] }
        needed += CommitmentStatus.allCases.map { "commitment.status.\($0.rawValue)" }
        needed += ["start", "pause", "resume", "extend", "end", "skip", "back", "close", "reopen", "closeConfirm"].map { "console.action.\($0)" }
        needed += ["running", "paused", "done", "skipped", "toCome"].map { "console.status.\($0)" }
        needed += ConsoleController.HomeSection.allCases.map { "home.section.\($0.rawValue)" }
        for key in needed { #expect(english[key] != nil, "en.json lacks \(key)") }
    }

    @Test func templatesAndScriptsNameOnlyKeysThatExist() throws {
        let english = try Self.table("en")
        let pluralBases = Set(english.keys.compactMap { Self.pluralParts($0)?.base })
        var named = 0
        for (name, text) in try Self.files(in: "Templates", ending: ".mustache") {
            for match in text.matches(of: /\{\{[#^\/]?\s*t\.([A-Za-z0-9_.\-]+)\s*\}\}/) {
                named += 1
                #expect(english[String(match.output.1)] != nil, "\(name) names t.\(match.output.1)")
            }
        }
        for (name, text) in try Self.files(in: "Public", ending: ".js") {
            // A key ending in a dot is completed from a value (`"phase.kind." + p.kind`): the test above covers those.
            for match in text.matches(of: /\bt\("([A-Za-z0-9_.\-]+)"/) where !match.output.1.hasSuffix(".") {
                named += 1
                #expect(english[String(match.output.1)] != nil, "\(name) names \(match.output.1)")
            }
            for match in text.matches(of: /\bplural\("([A-Za-z0-9_.\-]+)"/) {
                named += 1
                #expect(pluralBases.contains(String(match.output.1)), "\(name) counts with \(match.output.1), which is no plural key")
            }
        }
        #expect(named > 300)
    }

    /// What a template shows is `{{t.…}}` or data: once tags, Mustache tags, comments and scripts are
    /// taken out, no word is left, and no attribute a person reads (alt, title, placeholder,
    /// aria-label) holds words of its own.
    @Test func templatesWriteNoWordsOfTheirOwn() throws {
        // A code sample in a YAML box, and the app's name.
        let allowed: Set<String> = ["cocreate", "name: my-design&#10;title: …", "https://"]
        for (name, text) in try Self.files(in: "Templates", ending: ".mustache") {
            var shown = text.replacing(/\{\{!.*?\}\}/.dotMatchesNewlines(), with: "")
            // The body's class names, not words.
            shown = shown.replacing(/\{\{\$bodyClass\}\}.*?\{\{\/bodyClass\}\}/, with: "")
            shown = shown.replacing(/<script.*?<\/script>/.dotMatchesNewlines(), with: "")
            shown = shown.replacing(/<style.*?<\/style>/.dotMatchesNewlines(), with: "")
            for match in shown.matches(of: /(?:alt|title|placeholder|aria-label)="([^"]*)"/) {
                let value = String(match.output.1).replacing(/\{\{[^}]*\}\}/, with: "").trimmingCharacters(in: .whitespaces)
                #expect(allowed.contains(value) || !value.contains(/[A-Za-z]{2,}/), "\(name): attribute \(match.output.0)")
            }
            let words = shown.replacing(/<[^>]*>/, with: " ").replacing(/\{\{[^}]*\}\}/, with: " ").replacing(/&[a-z]+;|&#[0-9]+;/, with: " ")
            for word in words.matches(of: /[A-Za-z]{2,}/) where !allowed.contains(String(word.output)) {
                Issue.record("\(name) writes “\(word.output)” outside the catalog")
            }
        }
    }

    /// The report in Welsh and in Arabic: the page says its language and direction, and none of the
    /// report's English is left in it (each English text whose translation differs, taken apart at
    /// its placeholders, is looked for in the page).
    @Test func theReportIsWrittenInTheReadersLanguage() throws {
        let catalog = try StringCatalog(bundle: .module)
        let report = HarvestReport.build(SyntheticData.schoolConversation())
        for language in ["cy", "ar"] {
            let words = catalog.reportWords(in: language)
            let html = HarvestReport.html(report, words: words)
            #expect(html.contains("<html lang=\"\(language)\" dir=\"\(language == "ar" ? "rtl" : "ltr")\">"))
            #expect(html.contains(catalog.text("report.whoTookPart", in: language)))
            let translated = try Self.table(language)
            for (key, english) in ReportWords.englishTable where translated[key] != english {
                for fragment in english.split(separator: /\{[a-zA-Z]+\}/) where fragment.count >= 12 {
                    #expect(!html.contains(HTMLText.escape(String(fragment))), "\(language) report still says \"\(fragment)\" (\(key))")
                }
            }
        }
    }

    /// The switcher keeps the choice on the device, comes back to the page, and never leaves the site.
    @Test func theSwitcherRemembersTheLanguageOnThisDevice() async throws {
        let app = try await TestApp()
        try await app.run { browser in
            #expect(try await browser.get("/join").text.contains(#"<html lang="en" dir="ltr">"#))
            let chosen = try await browser.get("/language?lang=cy&back=%2Fjoin")
            #expect(chosen.status == .seeOther && chosen.location == "/join")
            #expect(browser.cookies[StringCatalog.cookieName] == "cy")
            let welsh = try await browser.get("/join", headers: [.acceptLanguage: "ar"])
            #expect(welsh.text.contains(#"<html lang="cy" dir="ltr">"#), "the cookie comes before Accept-Language")
            #expect(welsh.text.contains("<h1>Ymuno â&#39;r sgwrs</h1>") || welsh.text.contains("<h1>Ymuno â'r sgwrs</h1>"))
            #expect(welsh.headers[.contentLanguage] == "cy")
            _ = try await browser.get("/language?lang=ar&back=%2Fjoin")
            #expect(try await browser.get("/join").text.contains(#"<html lang="ar" dir="rtl">"#))
            // ?lang= (the projector's link) wins over the device's choice, and does not change it.
            #expect(try await browser.get("/join?lang=cy").text.contains(#"<html lang="cy""#))
            #expect(browser.cookies[StringCatalog.cookieName] == "ar")
            #expect(try await browser.get("/language?lang=ar&back=%2F%2Fevil.example%2F").location == "/")
            #expect(try await browser.get("/language?lang=ar&back=https%3A%2F%2Fevil.example%2F").location == "/")
            #expect(try await browser.get("/language?lang=xx&back=%2Fjoin").status == .badRequest)
        }
    }
}
