import CoCreateCore
import Foundation
import Seating
import Memberwise

/// A people file as registrations, read by the same reader as `cocreate plan` (`PeopleList`), so a
/// file gives the same ids in the console, the API and the CLI: the `id` column, else the name.
///
/// A column named `group`, `stakeholder`, `role` or `type` (or one whose values are all the
/// design's stakeholder groups) gives the declared group; every other column is kept as an attribute.
public enum PeopleFile {
    static let groupColumns = ["group", "stakeholder", "stakeholder-group", "stakeholder group", "role", "type"]

    public static func parse(_ text: String, fileName: String, groups: [String]) throws -> [ParticipantRegistered] {
        let list: PeopleList
        do {
            list = try PeopleList.parse(csv: text)
        } catch {
            throw RuleViolation(field: "people", message: "\(fileName): \(error.description)")
        }
        let known = Set(groups.map { $0.lowercased() })
        let groupColumn = list.attributeColumns.first { groupColumns.contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }
            ?? list.attributeColumns.first { column in
                !known.isEmpty && list.people.allSatisfy { known.contains(($0.attributes[column] ?? "").lowercased()) }
            }
        return list.people.map { person in
            var attributes = person.attributes.filter { !$0.value.isEmpty }
            let group = groupColumn.flatMap { attributes.removeValue(forKey: $0) }
            return ParticipantRegistered(participantID: person.id, name: person.name, group: group, attributes: attributes)
        }
    }
}

/// How an import changed the room: people new to it, and people already in it whose details were updated.
public struct PeopleImportOutcome: Codable, Sendable, Equatable {
    public var added: Int
    public var updated: Int

    init(importing people: [ParticipantRegistered], into state: ConversationState) {
        updated = people.filter { state.participant($0.participantID) != nil }.count
        added = people.count - updated
    }
}

/// Imports a people file: new people are added, people already in the room (same id, or same
/// name where the file has no id column) are updated. A file with a problem writes nothing.
@PublicMemberwiseInit
public struct ImportPeople: ConversationCommand {
    public var csv: String
    public var fileName: String?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await importing(in: space, conversation: conversation, by: actor).state
    }

    public func importing(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> (state: ConversationState, outcome: PeopleImportOutcome) {
        guard !csv.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RuleViolation(field: "people", message: "choose a CSV file to import")
        }
        let state = try await space.latest(conversation)
        let people = try PeopleFile.parse(csv, fileName: fileName ?? "people.csv", groups: state.design?.stakeholderGroups ?? [])
        let outcome = PeopleImportOutcome(importing: people, into: state)
        return (try await space.append(people.map { .participantRegistered($0) }, to: conversation, ids: nil, by: actor), outcome)
    }
}

/// People given one by one (the JSON API): the people file's rule applies, so without an id the name identifies a person.
public struct RegisterPeople: ConversationCommand {
    public struct Person: Decodable, Sendable {
        public var id: String?
        public var name: String
        public var group: String?
        public var attributes: [String: String]?
    }

    public var people: [Person]

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        guard !people.isEmpty else { throw RuleViolation(field: "people", message: "the list is empty") }
        let registrations = people.map { person in
            let name = person.name.trimmingCharacters(in: .whitespacesAndNewlines)
            return ParticipantRegistered(participantID: person.id.flatMap { $0.isEmpty ? nil : $0 } ?? name,
                                         name: name, group: person.group, attributes: person.attributes ?? [:])
        }
        return try await space.append(registrations.map { .participantRegistered($0) }, to: conversation, ids: nil, by: actor)
    }
}

/// The facilitator ticks someone as here, or marks them absent (absent people are not seated).
public struct MarkPresence: ConversationCommand {
    public var participantID: String
    public var present: FormFlag?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let ref = ParticipantRef(participantID: participantID)
        return try await space.append([present?.value == false ? .participantLeft(ref) : .participantArrived(ref)], to: conversation, ids: nil, by: actor)
    }
}

/// "Everyone is here": everyone not yet ticked and not marked absent is marked as arrived.
public struct MarkEveryoneArrived: ConversationCommand {
    public init() {}

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.latest(conversation)
        let arrivals = state.participants.filter { $0.presence == .expected }.map { ConversationEvent.participantArrived(ParticipantRef(participantID: $0.id)) }
        return arrivals.isEmpty ? state : try await space.append(arrivals, to: conversation, ids: nil, by: actor)
    }
}
