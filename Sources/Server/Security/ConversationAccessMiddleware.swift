import CoCreateCore
import Conversations
import Hummingbird

/// Every facilitator route that names a conversation (`:id`) passes here: an account without a
/// role on it gets 404, as if it did not exist (its id says nothing of its owner); an observer
/// may read but not change (403). Reserved streams such as `_accounts` are never conversations.
struct ConversationAccessMiddleware: RouterMiddleware {
    let services: AppServices

    func handle(_ request: Request, context: FacilitatorContext, next: (Request, FacilitatorContext) async throws -> Response) async throws -> Response {
        guard let id = context.parameters.get("id") else { return try await next(request, context) }
        let role = try await services.role(of: context.facilitator.username, in: id)
        guard let role else { throw NotFound(what: "conversation") }
        if ![.get, .head].contains(request.method), !role.canChange {
            throw HTTPError(.forbidden, message: "You observe this conversation: you can read it, but only its facilitators can change it.")
        }
        return try await next(request, context)
    }
}

extension AppServices {
    /// The role `username` holds on conversation `id`; nil for a reserved stream, a conversation
    /// that does not exist, or one the account has no part in.
    /// The conversations `username` has a role on, oldest first: nobody sees another account's rooms.
    func conversations(visibleTo username: String) async throws -> [ConversationState] {
        var visible: [ConversationState] = []
        for id in try await log.conversations() {
            let state = try await rooms.hub(for: id).current()
            if state.role(of: username) != nil { visible.append(state) }
        }
        return visible
    }

    func role(of username: String, in id: String) async throws -> TeamRole? {
        guard !ConversationLog.isReserved(id), try await store.version(of: id) > 0 else { return nil }
        return try await hub(id).current().role(of: username)
    }
}
