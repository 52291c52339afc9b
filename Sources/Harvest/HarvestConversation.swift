import Foundation
import Memberwise

/// A free-text contribution (an idea, question or story written at a table).
@PublicMemberwiseInit
public struct ContributionRecord: Sendable, Codable, Hashable {
    public var id: String
    public var text: String
    public var author: String?
    public var table: String?
    /// The author's declared group, when known.
    public var group: String?
}

/// One spoken turn in the live room.
@PublicMemberwiseInit
public struct TurnRecord: Sendable, Codable, Hashable {
    public var participant: String
    public var table: String?
    /// Talk time of the turn in seconds (0 when only turns were counted).
    public var seconds: Double = 0
}

/// A person in the conversation, as the harvest sees them.
@PublicMemberwiseInit
public struct ParticipantRecord: Sendable, Codable, Hashable {
    public var id: String
    /// Shown only when the facilitator chooses to show names.
    public var name: String?
    /// Declared group (stakeholder), e.g. students, staff, parents.
    public var group: String?
    public var table: String?
}

/// A commitment made at the end, as the report lists it.
@PublicMemberwiseInit
public struct CommitmentSummary: Sendable, Codable, Hashable {
    public var text: String
    /// Who owns it (names or roles, as the facilitator recorded them).
    public var owners: [String] = []
    /// Due date as written, e.g. 2026-03-01.
    public var due: String?
    /// e.g. open, in progress, done.
    public var status: String = "open"
}

/// Everything the harvest works from, for one conversation. The server builds it from the
/// event log; `cocreate analyze` also reads it from a JSON file.
public struct HarvestConversation: Sendable, Codable, Hashable {
    public var title: String
    /// The conversation's question.
    public var question: String = ""
    /// Longer description shown under the question.
    public var details: String = ""
    /// Date as it should be printed, e.g. 12 March 2026.
    public var date: String = ""
    public var voting: VotingData
    public var participants: [ParticipantRecord] = []
    public var contributions: [ContributionRecord] = []
    /// The facilitator's edits to the suggested themes, in the order made.
    public var themeEdits: [ThemeEdit] = []
    public var turns: [TurnRecord] = []
    public var dotVoting: DotVoting?
    public var budget: ParticipatoryBudget?
    public var commitments: [CommitmentSummary] = []
    /// Votes counted on paper or by a show of hands, as totals.
    public var paperCounts: [PaperCount] = []
    /// Print participants' names in the report (off unless the facilitator chooses).
    public var showNames = false

    public init(title: String, voting: VotingData) {
        self.title = title
        self.voting = voting
    }

    /// Declared groups from the participants' groups, or nil when nobody declared one.
    public var declaredGroups: DeclaredGroups? {
        var groups: DeclaredGroups = [:]
        for person in participants { if let group = person.group, !group.isEmpty { groups[person.id] = group } }
        return groups.isEmpty ? nil : groups
    }

    private enum CodingKeys: String, CodingKey {
        case title, question, details, date, voting, participants, contributions, themeEdits, turns, dotVoting, budget, commitments, paperCounts, showNames
    }

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        title = try values.decodeIfPresent(String.self, forKey: .title) ?? "Conversation"
        question = try values.decodeIfPresent(String.self, forKey: .question) ?? ""
        details = try values.decodeIfPresent(String.self, forKey: .details) ?? ""
        date = try values.decodeIfPresent(String.self, forKey: .date) ?? ""
        voting = try values.decodeIfPresent(VotingData.self, forKey: .voting) ?? VotingData(statements: [], votes: [])
        participants = try values.decodeIfPresent([ParticipantRecord].self, forKey: .participants) ?? []
        contributions = try values.decodeIfPresent([ContributionRecord].self, forKey: .contributions) ?? []
        themeEdits = try values.decodeIfPresent([ThemeEdit].self, forKey: .themeEdits) ?? []
        turns = try values.decodeIfPresent([TurnRecord].self, forKey: .turns) ?? []
        dotVoting = try values.decodeIfPresent(DotVoting.self, forKey: .dotVoting)
        budget = try values.decodeIfPresent(ParticipatoryBudget.self, forKey: .budget)
        commitments = try values.decodeIfPresent([CommitmentSummary].self, forKey: .commitments) ?? []
        paperCounts = try values.decodeIfPresent([PaperCount].self, forKey: .paperCounts) ?? []
        showNames = try values.decodeIfPresent(Bool.self, forKey: .showNames) ?? false
    }

    /// Decodes a conversation JSON, turning decoding failures into a message naming the field.
    public static func decode(json data: Data) throws(HarvestError) -> HarvestConversation {
        do {
            return try JSONDecoder().decode(HarvestConversation.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw HarvestError(file: "conversation JSON", column: path(context.codingPath + [key]), problem: "the required field \"\(key.stringValue)\" is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw HarvestError(file: "conversation JSON", column: path(context.codingPath), problem: context.debugDescription)
        } catch let DecodingError.dataCorrupted(context) {
            throw HarvestError(file: "conversation JSON", column: path(context.codingPath), problem: "not valid JSON: \(context.debugDescription)")
        } catch {
            throw HarvestError(file: "conversation JSON", problem: "cannot read it: \(error)")
        }
    }

    /// Encodes as pretty JSON with sorted keys.
    public func encodedJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
