import CoCreateCore
import Foundation
import Hummingbird

/// Errors as pages people can read, or as JSON `{"error": …}` for scripts and the API; a refused
/// action also says which `field` it is about and a `message` for people.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return try render(status: error.status, message: error.body ?? error.status.reasonPhrase, request: request, context: context, headers: error.headers)
        } catch let violation as RuleViolation {
            let readable = ReadableViolation(violation)
            guard wantsJSON(request) else {
                return pages.page("error", ["message": readable.sentence], request: request, status: .unprocessableContent)
            }
            // `error` keeps the field's code name for API clients; pages show `message` by `field`.
            return try EditedResponse(status: .unprocessableContent, response: ErrorAnswer(error: violation.description, field: readable.field, message: readable.sentence))
                .response(from: request, context: context)
        } catch is NotFound {
            return try render(status: .notFound, message: "There is nothing here. Check the address or the code.", request: request, context: context, headers: [:])
        }
    }

    func wantsJSON(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || CommandRoutes.wantsJSON(request)
    }

    func render(status: HTTPResponse.Status, message: String, request: Request, context: Context, headers: HTTPFields) throws -> Response {
        let wantsJSON = wantsJSON(request)
        // A facilitator's page opened without signing in goes to the sign-in page, not a bare 401.
        if status == .unauthorized, !wantsJSON, request.method == .get, !request.uri.path.hasPrefix("/c/") {
            return .redirect(to: "/login", type: .found)
        }
        var response = wantsJSON
            ? try EditedResponse(status: status, response: ErrorAnswer(error: message)).response(from: request, context: context)
            : pages.page("error", ["message": message], request: request, status: status)
        for field in headers where field.name != .contentType && field.name != .contentLength { response.headers.append(field) }
        return response
    }
}

/// The body of every JSON error; `field` and `message` only for a refused action.
struct ErrorAnswer: ResponseEncodable {
    var error: String
    var field: String?
    var message: String?
}
