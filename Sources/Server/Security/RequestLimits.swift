import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Bodies are bounded by route before any handler reads them: a phone's form or a JSON command fits in
/// 64 KiB (the longest text field is 8,000 bytes); only uploads of a people CSV, a design file or an archive
/// may reach 1 MiB. Past the bound the answer is 413 with the limit, not the 500 a decoder's error gave.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    static var formLimit: Int { 64 * 1024 }
    static var uploadLimit: Int { 1_048_576 }

    /// Paths whose bodies are files: creating a conversation from a design, importing people.
    static func limit(forPath path: String) -> Int {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        switch parts.count {
        case 1 where parts[0] == "conversations": return uploadLimit
        case 3 where parts[0] == "api" && parts[2] == "conversations": return uploadLimit
        case 3 where parts[0] == "conversations" && parts[2] == "people": return uploadLimit
        case 5 where parts[0] == "api" && parts[2] == "conversations" && parts[4] == "participants": return uploadLimit
        default: return formLimit
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        let limit = Self.limit(forPath: request.uri.path)
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Self.tooLarge(limit)
        }
        // Read now, up to the bound: a chunked body declares no length. Handlers read the same bytes again.
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(limit)
        }
        return try await next(request, context)
    }

    static func tooLarge(_ limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, message: "The request body is larger than the \(limit / 1024) KiB this address accepts.")
    }
}

/// Only the files that ship in `Public`, each by its exact name, reach the file middleware. It decoded
/// `/public/app.css%00.html` to a name that opened `app.css` and was typed by its `.html` ending, so a
/// script could be served as a page; any other path under `/public/` is 404 here.
struct PublicFilesByExactName<Context: RequestContext>: RouterMiddleware {
    let names: Set<String>

    init(folder: String) {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        names = Set(listed.filter { name in name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") } })
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The raw path, before any percent-decoding: an encoded byte is never part of a shipped name.
        let raw = request.head.path.map { $0.split(separator: "?", maxSplits: 1).first.map(String.init) ?? $0 } ?? ""
        if raw.hasPrefix("/public/") || raw == "/public" {
            guard names.contains(String(raw.dropFirst("/public/".count))) else { throw HTTPError(.notFound) }
        }
        return try await next(request, context)
    }
}
