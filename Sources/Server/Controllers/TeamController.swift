import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// Who runs and who reads a conversation: its owner adds co-facilitators and observers by
/// account name, or removes them. Every change is an event in the conversation's log.
struct TeamController {
    let services: AppServices
    var actions: CommandRoutes { CommandRoutes(services: services) }

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.post("/conversations/:id/team", use: grant)
        group.post("/conversations/:id/team/remove", use: actions.console(RevokeAccess.self, anchor: "team-h"))
    }

    /// Only accounts that exist can be given a role: a typo would otherwise grant a stranger who signs up later.
    @Sendable func grant(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let input = try await request.decode(as: GrantAccess.self, context: context)
        let username = input.username.trimmingCharacters(in: .whitespacesAndNewlines)
        guard try await services.accounts.account(named: username) != nil else {
            throw RuleViolation(field: "username", message: "there is no account named \(username); ask an administrator to create it first")
        }
        let state = try await input.run(in: services, conversation: id, by: .facilitator(context.facilitator.username))
        return CommandRoutes.consoleAnswer(request, state: state, redirect: "/conversations/\(id)#team-h", services: services)
    }
}
