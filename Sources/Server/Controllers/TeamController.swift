import CoCreateCore
import Conversations
import Foundation
import Hummingbird

/// Who runs and who reads a conversation: its owner adds co-facilitators and observers by
/// account name, or removes them. Every change is an event in the conversation's log.
struct TeamController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.post("/conversations/:id/team", use: grant)
        group.post("/api/v1/conversations/:id/team", use: grantAPI)
    }

    /// Only accounts that exist can be given a role: a typo would otherwise grant a stranger who signs up later.
    @Sendable func grant(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await granting(request, context, id: id)
        return try CommandRoutes.consoleAnswer(request, context, state: state, redirect: "/conversations/\(id)#team-h", services: services)
    }

    @Sendable func grantAPI(request: Request, context: FacilitatorContext) async throws -> Response {
        let state = try await granting(request, context, id: try context.parameters.require("id"))
        return try ConsoleView(state: state, now: services.effects.now()).response(from: request, context: context)
    }

    private func granting(_ request: Request, _ context: FacilitatorContext, id: String) async throws -> ConversationState {
        let input = try await request.decode(as: GrantAccess.self, context: context)
        let username = input.username.trimmingCharacters(in: .whitespacesAndNewlines)
        guard try await services.accounts.account(named: username) != nil else {
            throw RuleViolation(field: "username", message: "there is no account named \(username); ask an administrator to create it first")
        }
        return try await input.run(in: services, conversation: id, by: .facilitator(context.facilitator.username))
    }
}
