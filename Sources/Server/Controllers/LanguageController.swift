import Foundation
import Hummingbird

/// The language switcher on every page: a plain GET form (it works without JavaScript) that keeps
/// the choice on this device in the `lang` cookie and goes back to the page it came from.
struct LanguageController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/language", use: choose)
    }

    @Sendable func choose(request: Request, context: AppRequestContext) async throws -> Response {
        let chosen = request.uri.queryParameters["lang"].map(String.init) ?? ""
        guard services.pages.catalog.languages.contains(chosen) else {
            throw HTTPError(.badRequest, message: "Choose one of the languages offered.")
        }
        var response = Response.redirect(to: Self.localPath(request.uri.queryParameters["back"].map(String.init)), type: .normal)
        response.setCookie(Cookie(name: StringCatalog.cookieName, value: chosen, maxAge: 365 * 24 * 3600,
                                  path: "/", secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    /// `back` if it is a path on this site; anything else (another site, `//host`) goes home, so
    /// the switcher cannot be used to send someone elsewhere.
    static func localPath(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.contains("\\"),
              !back.contains(where: { $0.isNewline }) else { return "/" }
        return back
    }
}
