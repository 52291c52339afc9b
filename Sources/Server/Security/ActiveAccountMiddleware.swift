import Conversations
import Hummingbird

/// Every signed-in request passes here: a session whose account an administrator has disabled
/// (or that no longer exists) ends on its next request, not when it would have expired.
struct ActiveAccountMiddleware: RouterMiddleware {
    let services: AppServices

    func handle(_ request: Request, context: FacilitatorContext, next: (Request, FacilitatorContext) async throws -> Response) async throws -> Response {
        guard let account = try await services.activeAccount(context.facilitator.username) else {
            // A response, not a thrown error: only then does the session middleware delete the session and its cookie.
            context.sessions.clearSession()
            // A page or a plain form goes to the sign-in page, which says why; scripts and the API get JSON.
            if !request.uri.path.hasPrefix("/api/"), !CommandRoutes.wantsJSON(request) {
                return .redirect(to: "/login?ended=1", type: request.method == .get ? .found : .normal)
            }
            return try EditedResponse(status: .unauthorized, response: ErrorAnswer(error: AccountError.disabled.description))
                .response(from: request, context: context)
        }
        // Every page this request renders shows the administrator's "Accounts" link, without each handler passing it.
        return try await PageRenderer.$signedInAdministrator.withValue(account.administrator) {
            try await next(request, context)
        }
    }
}

extension AppServices {
    /// The account behind a session, if it may still use it.
    func activeAccount(_ username: String) async throws -> FacilitatorAccount? {
        guard let account = try await accounts.account(named: username), !account.disabled, account.hasPassword else { return nil }
        return account
    }

    var administration: AccountAdministration {
        AccountAdministration(accounts: accounts, links: store, effects: effects)
    }
}
