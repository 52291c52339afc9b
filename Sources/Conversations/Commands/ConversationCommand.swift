import CoCreateCore
import Foundation

/// Where commands read and write conversations. The server's live rooms are one (a write wakes
/// every screen that shows it); the event log itself is another, for the command line and tests.
public protocol ConversationSpace: Sendable {
    var effects: Effects { get }
    /// The state as this process holds it: enough for a command that only checks its input.
    /// Throws ``ConversationNotFound`` when there is no such conversation.
    func current(_ conversation: String) async throws -> ConversationState
    /// Everything the store holds, for a command that derives its events from the room (seating
    /// people who joined through another instance a moment ago).
    func latest(_ conversation: String) async throws -> ConversationState
    /// Appends `events` as one write, rules checked; `ids` make a retry recognisable. The log
    /// records `actor` with each event, for the conversation's audit ("who did what").
    func append(_ events: [ConversationEvent], to conversation: String, ids: [UUID]?, by actor: Actor?) async throws -> ConversationState
    /// Starts a new conversation's log with `created` and makes its join code findable; returns its id.
    func start(_ created: ConversationCreated) async throws -> String
}

/// There is no conversation with that id (or it is reserved, or the caller may not know of it).
public struct ConversationNotFound: Error, Equatable, Sendable {
    public var conversation: String
    public init(_ conversation: String) { self.conversation = conversation }
}

/// Who is acting: the audit trail and some rules (a phone writes as its own person) depend on it.
public enum Actor: Sendable, Equatable {
    /// A signed-in account: the owner, a co-facilitator (an observer never gets this far).
    case facilitator(String)
    /// A participant's phone, by participant id.
    case participant(String)
    /// A commitment owner's private follow-up link, by the commitment it opens.
    case followUpLink(String)

    var participantID: String? { if case .participant(let id) = self { id } else { nil } }
    var username: String? { if case .facilitator(let name) = self { name } else { nil } }
}

/// One thing a facilitator or participant does to a conversation, with its input.
///
/// The value is what a front end decodes (an HTML form, a JSON body, command-line arguments);
/// `run` checks it and appends its events. The console, the API and the CLI all call the same
/// `run`, so an action is written once.
public protocol ConversationCommand: Decodable, Sendable {
    func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState
}

extension ConversationCommand {
    /// The participant a command must come from: the phone's own person.
    func requireParticipant(_ actor: Actor) throws -> String {
        guard let id = actor.participantID else {
            throw RuleViolation(field: "participant", message: "only a participant's phone can do this")
        }
        return id
    }
}

// MARK: Values as forms and JSON both send them

/// A whole number from a JSON number or a form field ("" is no value): one input type serves both.
public struct FormNumber: Decodable, Sendable, Equatable {
    public var value: Int?
    public init(_ value: Int?) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
            return
        }
        let text = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
        guard text.isEmpty || Int(text) != nil else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not a whole number")
        }
        value = Int(text)
    }
}

/// A write id from a form (possibly empty before a script filled it in) or from JSON.
public struct WriteID: Decodable, Sendable, Equatable {
    public var value: UUID?
    public init(_ value: UUID?) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        value = UUID(uuidString: text)
        if value == nil, !text.isEmpty {
            throw DecodingError.dataCorruptedError(in: try decoder.singleValueContainer(), debugDescription: "\"\(text)\" is not a write id (a UUID)")
        }
    }
}

/// A yes/no from a checkbox ("true", "on") or a JSON boolean.
public struct FormFlag: Decodable, Sendable, Equatable {
    public var value: Bool
    public init(_ value: Bool) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else {
            value = ["true", "on", "yes", "1"].contains(try container.decode(String.self).lowercased())
        }
    }
}

extension Optional where Wrapped == WriteID {
    /// The write's ids: the client's, or a fresh one (no retry to recognise).
    func ids() -> [UUID]? { self?.value.map { [$0] } }
}
