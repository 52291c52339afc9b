import Conversations
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Sign-in, sign-out, and the first-run page that creates the first facilitator account.
struct AuthController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: loginPage)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/setup", use: setupPage)
        router.post("/setup", use: setup)
        router.post("/api/v1/session", use: apiLogin)
    }

    @Sendable func loginPage(request: Request, context: AppRequestContext) async throws -> Response {
        if try await services.accounts.count() == 0, Self.isLocal(request, context) {
            return .redirect(to: "/setup", type: .found)
        }
        // Why the sign-in page shows: a session that ended because its account was disabled, or a password just set.
        let query = request.uri.queryParameters
        return services.pages.page("login", [
            "ended": query["ended"] != nil, "passwordSet": query["passwordSet"] != nil,
            "username": query["username"].map(String.init) ?? "",
        ], request: request)
    }

    @Sendable func login(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decode(as: SignInForm.self, context: context)
        let username = form.username ?? ""
        guard await services.signInLimiter.allow("login:" + Self.client(request, context), now: services.effects.now()) else {
            throw HTTPError(.tooManyRequests, message: "Too many sign-in attempts. Wait a minute, then try again.")
        }
        let verified: FacilitatorAccount?
        do {
            verified = try await services.accounts.verify(username: username, password: form.password ?? "")
        } catch AccountError.disabled {
            return services.pages.page("login", ["disabled": true, "username": username], request: request, status: .forbidden)
        }
        guard let account = verified else {
            return services.pages.page("login", ["failed": true, "username": username], request: request, status: .unauthorized)
        }
        context.sessions.createSession(FacilitatorSession(username: account.username, csrfToken: services.effects.secretToken()), expiresIn: .seconds(12 * 3600))
        return .redirect(to: "/", type: .normal)
    }

    /// The sign-in page's form; a missing field is a failed sign-in, not a malformed request.
    struct SignInForm: Decodable {
        var username: String?
        var password: String?
    }

    struct SetupForm: Decodable {
        var username: String?
        var displayName: String?
        var password: String?
    }

    struct Credentials: Decodable {
        var username: String
        var password: String
    }

    /// JSON sign-in for API clients: sets the session cookie and returns the CSRF token to send
    /// as `X-CSRF-Token` with every write.
    @Sendable func apiLogin(request: Request, context: AppRequestContext) async throws -> Response {
        let credentials = try await request.decode(as: Credentials.self, context: context)
        guard await services.signInLimiter.allow("login:" + Self.client(request, context), now: services.effects.now()) else {
            throw HTTPError(.tooManyRequests, message: "Too many sign-in attempts. Wait a minute, then try again.")
        }
        guard let account = try await services.accounts.verify(username: credentials.username, password: credentials.password) else {
            throw HTTPError(.unauthorized, message: "That username and password do not match.")
        }
        let csrf = services.effects.secretToken()
        context.sessions.createSession(FacilitatorSession(username: account.username, csrfToken: csrf), expiresIn: .seconds(12 * 3600))
        return try ["csrfToken": csrf, "username": account.username].response(from: request, context: context)
    }

    @Sendable func logout(request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decode(as: CSRFField.self, context: context)
        if let session = context.sessions.session, constantTimeEquals(form._csrf ?? "", session.csrfToken) {
            context.sessions.clearSession()
        }
        return .redirect(to: "/login", type: .normal)
    }

    @Sendable func setupPage(request: Request, context: AppRequestContext) async throws -> Response {
        guard try await services.accounts.count() == 0, Self.isLocal(request, context) else {
            throw HTTPError(.notFound, message: "Setup is only available on this computer, before the first account exists. Use `cocreate user add`.")
        }
        return services.pages.page("setup", [:], request: request)
    }

    @Sendable func setup(request: Request, context: AppRequestContext) async throws -> Response {
        guard try await services.accounts.count() == 0, Self.isLocal(request, context) else {
            throw HTTPError(.notFound, message: "Setup is only available on this computer, before the first account exists.")
        }
        let form = try await request.decode(as: SetupForm.self, context: context)
        do {
            try await services.accounts.create(username: form.username ?? "", displayName: form.displayName ?? "", password: form.password ?? "")
        } catch let error as AccountError {
            return services.pages.page("setup", ["error": error.description], request: request, status: .unprocessableContent)
        }
        context.sessions.createSession(FacilitatorSession(username: form.username ?? "", csrfToken: services.effects.secretToken()), expiresIn: .seconds(12 * 3600))
        return .redirect(to: "/", type: .normal)
    }

    /// True for a request from this machine, with no proxy header claiming otherwise.
    static func isLocal(_ request: Request, _ context: AppRequestContext) -> Bool {
        guard request.headers[HTTPField.Name("X-Forwarded-For")!] == nil else { return false }
        let remote = context.remoteAddressText
        return remote.hasPrefix("127.") || remote == "::1" || remote.hasPrefix("::ffff:127.")
    }

    static func client(_ request: Request, _ context: AppRequestContext) -> String { context.remoteAddressText }
}

extension RequestContext {
    /// The peer's IP address as text, "" when unknown (tests without a socket).
    var remoteAddressText: String {
        (self as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress ?? ""
    }

    /// Who a guess or connection limit counts: the IPv4 address or IPv6 /64 (`ClientKey`), "" when unknown.
    var clientKey: String {
        (self as? any RemoteAddressRequestContext)?.remoteAddress.map { ClientKey.of($0) } ?? ""
    }
}
