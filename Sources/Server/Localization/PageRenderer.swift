import Foundation
import Hummingbird
import Mustache

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

    /// An HTML response from `template`, with `values` and the interface strings as `t`.
    func page(_ template: String, _ values: [String: Any], request: Request, status: HTTPResponse.Status = .ok) -> Response {
        let language = catalog.language(preferred: request.uri.queryParameters["lang"].map(String.init), acceptLanguage: request.headers[.acceptLanguage])
        var context = values
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

    /// JSON safe to put in an HTML attribute (Mustache escapes it; the browser unescapes it).
    static func json<T: Encodable>(_ value: T) -> String {
        // One cast per response, not per field: views that write themselves (a vote's answer is a phone view) skip `Encodable`.
        if let writable = value as? any JSONWritable { return JSONOutput.text(of: writable) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}
