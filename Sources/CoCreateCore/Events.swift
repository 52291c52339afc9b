import Foundation
import Memberwise

/// Everything that can happen in a conversation. The log of these is the only source of truth;
/// `ConversationState` is a fold over it.
public enum ConversationEvent: Sendable, Equatable {
    case conversationCreated(ConversationCreated)
    case participantRegistered(ParticipantRegistered)
    case participantArrived(ParticipantRef)
    case participantLeft(ParticipantRef)
    case seatingPublished(SeatingPublished)
    case phaseStarted(PhaseStarted)
    case phasePaused(PhaseRef)
    case phaseResumed(PhaseRef)
    case phaseExtended(PhaseExtended)
    case phaseEnded(PhaseEnded)
    case contributionAdded(ContributionAdded)
    case contributionEdited(ContributionEdited)
    case contributionHidden(ContributionHidden)
    case statementAdded(StatementAdded)
    case voteCast(VoteCast)
    case dotsPlaced(DotsPlaced)
    case budgetAllocated(BudgetAllocated)
    case turnTaken(TurnTaken)
    case themeNamed(ThemeNamed)
    case commitmentMade(CommitmentMade)
    case commitmentUpdated(CommitmentUpdated)
    case learningRecorded(LearningRecorded)
    case resultsVisibilitySet(ResultsVisibilitySet)
    case tableLocked(TableLocked)
    case accessGranted(AccessGranted)
    case conversationReopened(ConversationReopened)
    case paperTallyRecorded(PaperTallyRecorded)
    case conversationNamed(ConversationNamed)
    /// A device joined as this person; nobody else can join under the name until it is released.
    case nameClaimed(ParticipantRef)
    /// The facilitator freed a claimed name (a lost phone, someone who joined as the wrong person).
    case nameReleased(ParticipantRef)
    case contributionShown(ContributionShown)
    case statementWithdrawn(StatementWithdrawn)
    case accessRevoked(AccessRevoked)
    case conversationClosed(ConversationClosed)
    case capacitySet(CapacitySet)
    case statementTranslated(StatementTranslated)
    case questionTranslated(QuestionTranslated)
}

/// An event with the facts every event carries: its id (chosen by the writer, so retries are
/// recognised) and when it happened (from the injected clock), in milliseconds since 1970.
@PublicMemberwiseInit
public struct EventEnvelope: Sendable, Equatable {
    public var id: UUID
    public var at: Int64
    public var event: ConversationEvent
}

@PublicMemberwiseInit
public struct ConversationCreated: Codable, Sendable, Equatable {
    /// The short code people type to join, e.g. `KQ7-M2D`.
    public var joinCode: String
    public var design: ConversationDesign
    /// The facilitator who created it.
    public var facilitator: String
    /// The conversation this one follows up, if any.
    public var followsUp: String?
}

@PublicMemberwiseInit
public struct ParticipantRegistered: Codable, Sendable, Equatable {
    public var participantID: String
    public var name: String
    /// The declared stakeholder group (student, staff, ...), if any.
    public var group: String?
    /// Every other column of the people file.
    public var attributes: [String: String] = [:]
    /// Registered on the day rather than in advance.
    public var walkIn: Bool = false
}

@PublicMemberwiseInit
public struct ParticipantRef: Codable, Sendable, Equatable {
    public var participantID: String
}

/// A seat: who sits at a table in a round, and their role.
@PublicMemberwiseInit
public struct Seat: Codable, Sendable, Equatable {
    public var participantID: String
    public var role: TableRole?
}

@PublicMemberwiseInit
public struct SeatedTable: Codable, Sendable, Equatable {
    public var table: Int
    public var seats: [Seat]
}

@PublicMemberwiseInit
public struct SeatedRound: Codable, Sendable, Equatable {
    public var round: Int
    public var tables: [SeatedTable]
}

/// A seating plan published for rounds `fromRound` onwards; earlier rounds stay as they were.
@PublicMemberwiseInit
public struct SeatingPublished: Codable, Sendable, Equatable {
    public var fromRound: Int
    public var rounds: [SeatedRound]
}

@PublicMemberwiseInit
public struct PhaseStarted: Codable, Sendable, Equatable {
    public var phaseIndex: Int
    public var seconds: Int
}

@PublicMemberwiseInit
public struct PhaseRef: Codable, Sendable, Equatable {
    public var phaseIndex: Int
}

@PublicMemberwiseInit
public struct PhaseExtended: Codable, Sendable, Equatable {
    public var phaseIndex: Int
    public var seconds: Int
}

@PublicMemberwiseInit
public struct PhaseEnded: Codable, Sendable, Equatable {
    public var phaseIndex: Int
    /// Ended before it began, by the facilitator's choice.
    public var skipped: Bool = false
}

public enum ContributionKind: String, Codable, Sendable, CaseIterable {
    case idea, question, concern, proposal, note
}

@PublicMemberwiseInit
public struct ContributionAdded: Codable, Sendable, Equatable {
    public var contributionID: String
    /// The participant who said it; nil when typed in by the facilitator for the room.
    public var authorID: String?
    /// Who typed it, when not the author (a scribe or the facilitator copying a paper sheet).
    public var enteredBy: String?
    public var round: Int?
    public var table: Int?
    public var kind: ContributionKind
    public var text: String
}

@PublicMemberwiseInit
public struct ContributionEdited: Codable, Sendable, Equatable {
    public var contributionID: String
    public var text: String
}

@PublicMemberwiseInit
public struct ContributionHidden: Codable, Sendable, Equatable {
    public var contributionID: String
    public var reason: String
}

@PublicMemberwiseInit
public struct StatementAdded: Codable, Sendable, Equatable {
    public var statementID: String
    public var text: String
    /// The contribution promoted to a statement, if any.
    public var fromContribution: String?
    /// For a budget vote: what the proposal costs.
    public var cost: Int?
}

/// The statement's wording in another language, for a room that speaks more than one. Votes stay on
/// the statement, whichever wording a person read: one statement, one tally. Empty text removes it.
@PublicMemberwiseInit
public struct StatementTranslated: Codable, Sendable, Equatable {
    public var statementID: String
    /// A language tag such as `cy` or `ar`.
    public var language: String
    public var text: String
}

/// A question's wording in another language: the conversation's question (no phase), or the one a
/// phase asks. Empty text removes it.
@PublicMemberwiseInit
public struct QuestionTranslated: Codable, Sendable, Equatable {
    /// The phase whose own question this words; nil for the conversation's question.
    public var phaseIndex: Int?
    public var language: String
    public var text: String
}

public enum Vote: String, Codable, Sendable, CaseIterable {
    case agree, disagree, pass
}

@PublicMemberwiseInit
public struct VoteCast: Codable, Sendable, Equatable {
    public var participantID: String
    public var statementID: String
    public var vote: Vote
}

/// A person's dots, replacing any earlier placement.
@PublicMemberwiseInit
public struct DotsPlaced: Codable, Sendable, Equatable {
    public var participantID: String
    public var dots: [String: Int]
}

/// The proposals a person would fund, replacing any earlier choice.
@PublicMemberwiseInit
public struct BudgetAllocated: Codable, Sendable, Equatable {
    public var participantID: String
    public var statementIDs: [String]
}

/// One speaking turn at a table, recorded by its timekeeper: the raw data of participation equity.
@PublicMemberwiseInit
public struct TurnTaken: Codable, Sendable, Equatable {
    public var round: Int
    public var table: Int
    public var participantID: String
    public var seconds: Int
}

/// The facilitator's naming of a theme and its items; replaces any earlier theme with this id.
@PublicMemberwiseInit
public struct ThemeNamed: Codable, Sendable, Equatable {
    public var themeID: String
    public var label: String
    public var contributionIDs: [String]
}

@PublicMemberwiseInit
public struct CommitmentMade: Codable, Sendable, Equatable {
    public var commitmentID: String
    public var text: String
    /// Participants who own it.
    public var ownerIDs: [String]
    /// Owners who were not in the room, by name.
    public var outsideOwners: [String] = []
    /// Due date, `YYYY-MM-DD`.
    public var due: String?
    /// The statements or themes it answers.
    public var answers: [String] = []
    /// A personal pledge ("the one thing I will do") rather than a shared action.
    public var pledge: Bool = false
    public var madeBy: String?
}

public enum CommitmentStatus: String, Codable, Sendable, CaseIterable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
    case dropped

    /// In words, for pages: never the raw value.
    public var displayName: String {
        switch self {
        case .notStarted: "not started yet"
        case .inProgress: "under way"
        case .done: "done"
        case .dropped: "dropped"
        }
    }
}

@PublicMemberwiseInit
public struct CommitmentUpdated: Codable, Sendable, Equatable {
    public var commitmentID: String
    public var status: CommitmentStatus
    public var note: String?
    public var evidence: String?
}

@PublicMemberwiseInit
public struct LearningRecorded: Codable, Sendable, Equatable {
    public var learning: Learning
}

/// Who may see the results page (commitments and their progress): anyone with the link, or
/// only the people who took part and the facilitator.
public enum ResultsVisibility: String, Codable, Sendable, CaseIterable {
    case `public`
    case participants
}

/// The facilitator keeps a table as it is (or releases it) when the seating is generated again.
@PublicMemberwiseInit
public struct TableLocked: Codable, Sendable, Equatable {
    public var round: Int
    public var table: Int
    public var locked: Bool
}

@PublicMemberwiseInit
public struct ResultsVisibilitySet: Codable, Sendable, Equatable {
    public var visibility: ResultsVisibility
}

public struct ConversationClosed: Codable, Sendable, Equatable {
    public init() {}
}

/// The facilitator changes how many people may join (registered in advance or walking in).
@PublicMemberwiseInit
public struct CapacitySet: Codable, Sendable, Equatable {
    public var maximumParticipants: Int
}
