import Foundation
import Harvest
import Hummingbird
import Mustache
import Seating

/// Renders the Mustache templates with the string catalog, for one request's language.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalog: StringCatalog
    /// Set by `ActiveAccountMiddleware` for the request of a signed-in administrator: the layout's nav shows "Accounts".
    @TaskLocal static var signedInAdministrator = false

    static func load() async throws -> PageRenderer {
        let templates = Bundle.module.resourceURL!.appendingPathComponent("Templates").path
        return PageRenderer(library: try await MustacheLibrary(directory: templates), catalog: try StringCatalog(bundle: .module))
    }

    /// The language of a page for `request`: `?lang=` (the projector's link carries the facilitator's
    /// choice), then the device's `lang` cookie, then `Accept-Language`.
    func language(for request: Request) -> String {
        catalog.language(preferred: request.uri.queryParameters["lang"].map(String.init),
                         remembered: request.cookies[StringCatalog.cookieName]?.value,
                         acceptLanguage: request.headers[.acceptLanguage])
    }

    /// An HTML response from `template`, with `values` and the interface strings as `t`.
    func page(_ template: String, _ values: [String: Any], request: Request, status: HTTPResponse.Status = .ok) -> Response {
        let language = language(for: request)
        var context = Self.localize(values, catalog: catalog, language: language) as? [String: Any] ?? [:]
        // The language switcher: every language in its own name, and the page to come back to.
        context["languages"] = catalog.languages.map { code in
            ["code": code, "name": catalog.text("language.\(code)", in: code), "selected": code == language] as [String: Any]
        }
        context["languageReturn"] = request.uri.path
        context["t"] = catalog.nested(for: language)
        // The same strings for the pages' scripts, which build parts of the page live.
        context["stringsJSON"] = Self.json(catalog.strings(for: language))
        context["lang"] = language
        context["dir"] = catalog.direction(of: language)
        context["isAdministrator"] = Self.signedInAdministrator
        let html = library.render(context, withTemplate: template) ?? "Template \(template) is missing."
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentLanguage] = language
        return response
    }

    /// The words of the seating engine's printouts (badges, table cards) in the request's language.
    func planLabels(for request: Request) -> PlanEncoding.Labels {
        let language = language(for: request)
        var labels = PlanEncoding.Labels()
        labels.language = language
        labels.direction = catalog.direction(of: language)
        labels.print = catalog.text("print.print", in: language)
        labels.nameBadges = catalog.text("print.nameBadges", in: language)
        labels.tableCards = catalog.text("print.tableCards", in: language)
        labels.away = catalog.text("print.away", in: language)
        labels.roundOf = { [catalog] title, round in catalog.text("print.roundOf", in: language, ["title": title, "round": String(round)]) }
        labels.round = { [catalog] round in catalog.text("print.round", in: language, ["round": String(round)]) }
        labels.table = { [catalog] table in catalog.text("print.table", in: language, ["table": String(table)]) }
        labels.role = { [catalog] role in catalog.text("role.\(role).name", in: language) }
        return labels
    }

    /// `values` with every `LocalizedText` (a controller's text that depends on the language) written
    /// in `language`; dictionaries and arrays are walked, anything else is left as it is.
    /// The report's words in the language of `request`.
    func reportWords(for request: Request) -> ReportWords { catalog.reportWords(in: language(for: request)) }

    static func localize(_ value: Any, catalog: StringCatalog, language: String) -> Any {
        switch value {
        case let text as LocalizedText: return text.render(catalog, language)
        case let dictionary as [String: Any]: return dictionary.mapValues { localize($0, catalog: catalog, language: language) }
        case let array as [[String: Any]]: return array.map { localize($0, catalog: catalog, language: language) as? [String: Any] ?? $0 }
        case let array as [Any]: return array.map { localize($0, catalog: catalog, language: language) }
        default: return value
        }
    }

    /// JSON safe to put in an HTML attribute (Mustache escapes it; the browser unescapes it).
    static func json<T: Encodable>(_ value: T) -> String {
        // One cast per response, not per field: views that write themselves (a vote's answer is a phone view) skip `Encodable`.
        if let writable = value as? any JSONWritable { return JSONOutput.text(of: writable) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}

/// Interface text a controller names without knowing the request's language (a count, a label with
/// a phase's title); `PageRenderer` writes it in the page's language.
struct LocalizedText: Sendable {
    var key: String
    var count: Int?
    var values: [String: String] = [:]

    init(_ key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    /// A plural key (`key.one`, `key.other`, …) for `count`.
    static func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> LocalizedText {
        var text = LocalizedText(key, values)
        text.count = count
        return text
    }

    func render(_ catalog: StringCatalog, _ language: String) -> String {
        if let count { return catalog.plural(key, count: count, in: language, values) }
        return catalog.text(key, in: language, values)
    }
}
