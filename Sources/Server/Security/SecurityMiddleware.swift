import CoCreateCore
import Conversations
import EventStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Headers every response carries: no third-party content, no framing, no MIME sniffing, and
/// no referrer to other sites (join codes travel in URLs). `same-origin` rather than
/// `no-referrer`, because under `no-referrer` browsers send `Origin: null` on a page's own form
/// posts, which the same-origin check must refuse.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}

/// Refuses state-changing requests sent from another site's pages (a second line behind
/// SameSite cookies and CSRF tokens).
struct SameOriginMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if ![.get, .head, .options].contains(request.method), !Self.isSameOriginOrUnstated(request) {
            throw HTTPError(.forbidden, message: "Requests must come from this site's own pages.")
        }
        return try await next(request, context)
    }

    /// True when the request states no `Origin` (not a browser, or a same-origin GET) or states this host.
    /// WebSocket upgrades are checked the same way: a browser always sends `Origin` with one, and another
    /// site's page must not open a console's socket with the facilitator's cookie.
    static func isSameOriginOrUnstated(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        let host = request.head.authority ?? ""
        let originHost = URL(string: origin)?.host.map { host in URL(string: origin)?.port.map { "\(host):\($0)" } ?? host } ?? ""
        return origin != "null" && originHost == host
    }

    /// The same for a WebSocket upgrade, where an `Origin` without a port also passes when its host is this
    /// one: WebSocket clients outside browsers (swift-websocket's, the load test's) send `ws://host` without
    /// the port. Another site's page still differs in its host, which is what the check is for.
    static func isSameHostOrUnstated(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard origin != "null", let url = URL(string: origin), let originHost = url.host else { return false }
        let authority = request.head.authority ?? ""
        if let port = url.port { return "\(originHost):\(port)" == authority }
        return authority == originHost || authority.hasPrefix(originHost + ":")
    }
}

/// Checks the CSRF token of a facilitator's state-changing request: header `X-CSRF-Token` for
/// scripts and the API, form field `_csrf` for plain HTML forms.
struct CSRFMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: FacilitatorContext, next: (Request, FacilitatorContext) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        let expected = context.facilitator.csrfToken
        if let header = request.headers[HTTPField.Name("X-CSRF-Token")!] {
            guard constantTimeEquals(header, expected) else { throw HTTPError(.forbidden, message: "The form has expired; reload the page and try again.") }
            return try await next(request, context)
        }
        // The body stays readable for the handler: collectBody keeps what it read.
        var request = request
        _ = try await request.collectBody(upTo: context.maxUploadSize)
        let token = (try? await AppRequestDecoder().decode(CSRFField.self, from: request, context: context))?._csrf
        guard let token, constantTimeEquals(token, expected) else {
            throw HTTPError(.forbidden, message: "The form has expired; reload the page and try again.")
        }
        return try await next(request, context)
    }
}

func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// Turns errors into responses a person can read (rule violations pass on to `ErrorPageMiddleware`,
/// which answers 422 with the field),
/// anything unexpected as a plain 500, logged, never with a stack trace or internals.
struct FriendlyErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            throw error
        } catch let error as NotFound {
            throw error
        } catch is ConversationNotFound {
            throw NotFound(what: "conversation")
        } catch is NotAnAdministrator {
            // As for a conversation without a role: the page's existence says nothing to others.
            throw NotFound(what: "page")
        } catch is NotTheOwner {
            throw HTTPError(.forbidden, message: "Only the conversation's owner can change who runs or reads it.")
        } catch let violation as RuleViolation {
            throw violation
        } catch let error as AccountError {
            throw HTTPError(error == .disabled ? .forbidden : .unprocessableContent, message: error.description)
        } catch let conflict as WriteConflict {
            throw HTTPError(.conflict, message: conflict.description)
        } catch EventStoreError.wrongExpectedVersion {
            throw HTTPError(.conflict, message: "Someone else changed this at the same moment; try again.")
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "The request body is not what this endpoint expects: \(Self.describe(error))")
        } catch let error as CancellationError {
            throw error
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "The request body is larger than this address accepts.")
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw HTTPError(.internalServerError, message: "Something went wrong on the server; the facilitator can find details in its log.")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "field \"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is not valid"
        @unknown default: "it cannot be read"
        }
    }
}

/// Counts attempts per key in a sliding window: join codes and links are rate-limited against guessing.
///
/// Callers count only failed attempts (`recordFailure`): a whole venue often shares one public address,
/// so 300 people joining with the right code must never lock each other out.
actor RateLimiter {
    private var attempts: [String: [Int64]] = [:]
    let limit: Int
    let windowMilliseconds: Int64

    init(limit: Int, windowMilliseconds: Int64) {
        self.limit = limit
        self.windowMilliseconds = windowMilliseconds
    }

    /// Records an attempt for `key` at `now`; false when the key is over its limit.
    func allow(_ key: String, now: Int64) -> Bool {
        guard !isBlocked(key, now: now) else { return false }
        recordFailure(key, now: now)
        return true
    }

    /// Whether `key` has used up its attempts in the window ending at `now`.
    func isBlocked(_ key: String, now: Int64) -> Bool {
        let recent = (attempts[key] ?? []).filter { now - $0 < windowMilliseconds }
        attempts[key] = recent.isEmpty ? nil : recent
        return recent.count >= limit
    }

    /// Counts one failed attempt for `key` at `now`.
    func recordFailure(_ key: String, now: Int64) {
        attempts[key, default: []].append(now)
        if attempts.count > 10_000 { attempts = attempts.filter { !$0.value.isEmpty && now - ($0.value.last ?? 0) < windowMilliseconds } }
    }
}
