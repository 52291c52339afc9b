import CoCreateCore
import Foundation

/// The owner gives an account a role on the conversation: co-facilitator (runs it) or observer (reads it).
public struct GrantAccess: ConversationCommand {
    public var username: String
    public var role: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let owner = try await requireOwner(actor, space, conversation)
        guard let role = TeamRole(rawValue: role), role != .owner else {
            throw RuleViolation(field: "role", message: "choose co-facilitator or observer")
        }
        let name = username.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await space.append([.accessGranted(AccessGranted(username: name, role: role, by: owner))], to: conversation, ids: nil, by: actor)
    }
}

/// The owner takes an account's role away.
public struct RevokeAccess: ConversationCommand {
    public var username: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let owner = try await requireOwner(actor, space, conversation)
        return try await space.append([.accessRevoked(AccessRevoked(username: username, by: owner))], to: conversation, ids: nil, by: actor)
    }
}

/// Only the owner changes the team.
public struct NotTheOwner: Error, Equatable, Sendable {}

extension ConversationCommand {
    func requireOwner(_ actor: Actor, _ space: any ConversationSpace, _ conversation: String) async throws -> String {
        guard let name = actor.username, try await space.current(conversation).role(of: name)?.canManageTeam == true else { throw NotTheOwner() }
        return name
    }
}
