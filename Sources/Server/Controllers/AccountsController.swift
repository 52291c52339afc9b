import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// The administrator's accounts page (`/admin/accounts`: 404 for everyone else), and the one-time
/// links (`/invite/TOKEN`) where an invited person, or one whose password was reset, chooses a password.
struct AccountsController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/admin/accounts", use: page)
        group.post("/admin/accounts/invite", use: issuing(InviteAccount.self, section: "invite"))
        group.post("/admin/accounts/reset", use: issuing(ResetPassword.self, section: "row"))
        group.post("/admin/accounts/disable", use: changing { SetAccountDisabled(username: $0, disabled: true) })
        group.post("/admin/accounts/enable", use: changing { SetAccountDisabled(username: $0, disabled: false) })
        group.post("/admin/accounts/administrator", use: changing { MakeAdministrator(username: $0) })
    }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get("/invite/:token", use: linkPage)
        router.post("/invite/:token", use: setPassword)
    }

    @Sendable func page(request: Request, context: FacilitatorContext) async throws -> Response {
        try await render(request, context)
    }

    /// The page, with `notices` (an issued link, a form's error) and the account a row's error is about.
    func render(_ request: Request, _ context: FacilitatorContext, _ notices: [String: Any] = [:], errorFor username: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let directory = try await services.administration.directory(for: context.facilitator.username)
        let me = context.facilitator.username.lowercased()
        let rows = directory.accounts.enumerated().map { index, account -> [String: Any] in
            var row: [String: Any] = [
                "index": index, "username": account.username, "displayName": account.displayName,
                "administrator": account.administrator, "disabled": account.disabled, "invited": !account.hasPassword,
                "me": account.username.lowercased() == me,
            ]
            if let username, username.lowercased() == account.username.lowercased(), let message = notices["rowError"] { row["error"] = message }
            return row
        }
        var values: [String: Any] = ["accounts": rows, "signedIn": true, "csrf": context.facilitator.csrfToken]
        values.merge(notices) { $1 }
        return services.pages.page("accounts", values, request: request, status: status)
    }

    /// Invite and reset: the page again with the one-time link to copy (it is shown once, never stored in the clear).
    func issuing<Command: AccountCommand>(_ command: Command.Type, section: String) -> @Sendable (Request, FacilitatorContext) async throws -> Response
    where Command.Outcome == String {
        { [services] request, context in
            let input = try await request.decode(as: Command.self, context: context)
            let username = Self.username(in: input)
            let controller = AccountsController(services: services)
            do {
                let token = try await input.run(in: services.administration, by: context.facilitator.username)
                guard let issued = try await services.administration.link(token) else { throw NotFound(what: "link") }
                let link: [String: Any] = [
                    "username": issued.account.username, "url": services.publicAddress.url("/invite/\(token)", for: request),
                    "invite": issued.link.purpose == .invite, "expires": Self.time(issued.link.expiresAt),
                ]
                return try await controller.render(request, context, ["issued": link])
            } catch let violation as RuleViolation {
                return try await controller.failed(violation, section: section, username: username, request, context)
            }
        }
    }

    /// Disable, enable, make administrator: back to the page, the row showing the change.
    func changing<Command: AccountCommand>(_ make: @escaping @Sendable (String) -> Command) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let username = try await request.decode(as: UsernameField.self, context: context).username ?? ""
            do {
                _ = try await make(username).run(in: services.administration, by: context.facilitator.username)
                return .redirect(to: "/admin/accounts", type: .normal)
            } catch let violation as RuleViolation {
                return try await AccountsController(services: services).failed(violation, section: "row", username: username, request, context)
            }
        }
    }

    /// A refusal next to what caused it: the invite form's field, or the account's row.
    func failed(_ violation: RuleViolation, section: String, username: String?, _ request: Request, _ context: FacilitatorContext) async throws -> Response {
        // An administrator who lost the role meanwhile gets the same 404 as anyone else.
        _ = try await services.administration.directory(for: context.facilitator.username)
        let directory = try await services.accounts.directory()
        let named = (username ?? "").lowercased()
        let row = section == "row" ? directory.accounts.firstIndex(where: { $0.username.lowercased() == named }) : nil
        var notices = CommandRoutes.formError(violation, section: row.map { "account-\($0)" } ?? "invite")
        let sentence = ReadableViolation(violation).sentence
        if row != nil { notices["rowError"] = sentence }
        notices["typed"] = ["username": username ?? ""]
        return try await render(request, context, notices, errorFor: row == nil ? nil : username, status: .unprocessableContent)
    }

    struct UsernameField: Decodable {
        var username: String?
    }

    static func username(in command: some AccountCommand) -> String? {
        (command as? InviteAccount)?.username ?? (command as? ResetPassword)?.username
    }

    static func time(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    // MARK: The one-time link

    /// Token routes go through the guess throttle, as join codes and follow-up links do.
    func lookUp(_ request: Request, _ context: AppRequestContext) async throws -> (token: String, account: FacilitatorAccount, link: PasswordLinkIssued) {
        let token = try context.parameters.require("token")
        guard let found = try await services.guardedLookup(context.clientKey, key: "invite:" + token, { try await services.administration.link(token) }) else {
            throw HTTPError(.notFound, message: "This link has expired or was already used. Ask an administrator for a new one.")
        }
        return (token, found.account, found.link)
    }

    @Sendable func linkPage(request: Request, context: AppRequestContext) async throws -> Response {
        let (token, account, link) = try await lookUp(request, context)
        return services.pages.page("invite", Self.linkValues(token, account, link), request: request)
    }

    @Sendable func setPassword(request: Request, context: AppRequestContext) async throws -> Response {
        let (token, account, link) = try await lookUp(request, context)
        let input = try await request.decode(as: SetPasswordWithLink.self, context: context)
        do {
            let set = try await input.run(in: services.administration, token: token)
            let username = set.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return .redirect(to: "/login?passwordSet=1&username=\(username)", type: .normal)
        } catch let violation as RuleViolation {
            var values = Self.linkValues(token, account, link)
            values.merge(CommandRoutes.formError(violation, section: violation.field == "confirm" ? "confirm" : "password")) { $1 }
            return services.pages.page("invite", values, request: request, status: .unprocessableContent)
        }
    }

    static func linkValues(_ token: String, _ account: FacilitatorAccount, _ link: PasswordLinkIssued) -> [String: Any] {
        ["token": token, "username": account.username, "displayName": account.displayName, "invite": link.purpose == .invite]
    }
}
