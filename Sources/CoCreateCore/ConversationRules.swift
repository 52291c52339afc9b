import Foundation

/// Why an event may not be written, in words a facilitator or participant can act on.
public struct RuleViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field at fault, e.g. `text` or `statementID`.
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}

/// The checks an event must pass before it is appended. `apply` can then trust the log.
public enum ConversationRules {
    /// Longest contribution, statement or commitment text, in characters.
    public static let maximumTextLength = 2_000
    /// Longest name.
    public static let maximumNameLength = 120
    /// Every text field is bounded twice: in characters (what a person sees) and in UTF-8 bytes (what the
    /// server stores and sends). A character is a grapheme cluster, which has no size bound: "e" followed by
    /// 420 combining accents is one character of 841 bytes, so a character limit alone let a 1 MB
    /// "contribution" of 1,190 characters in. Four bytes a character is room for any script, emoji included.
    public static let bytesPerCharacter = 4
    /// Longest stakeholder group, label-like fields and attribute values.
    public static let maximumLabelLength = 200
    /// Longest id of a participant, contribution or other item, and an account name.
    public static let maximumIDLength = 64
    /// Extra columns of a people file that may be kept with a participant.
    public static let maximumAttributes = 32
    /// People a conversation takes unless its facilitator raises it: the largest room the project supports
    /// (Knowledge Café rooms of a few hundred; a school assembly of 1,000).
    public static let defaultMaximumParticipants = 1_000
    /// The most a facilitator may raise it to. Seating has its own, smaller bound (`SeatingBridge`).
    public static let largestCapacity = 20_000

    public static func check(_ event: ConversationEvent, against state: ConversationState) throws(RuleViolation) {
        if case .conversationCreated(let created) = event {
            guard !state.exists else { throw RuleViolation(field: "conversation", message: "already exists") }
            let issues = created.design.validate()
            if let first = issues.first { throw RuleViolation(field: "design.\(first.path)", message: first.message) }
            return
        }
        guard let design = state.design else {
            throw RuleViolation(field: "conversation", message: "does not exist; create it from a design first")
        }
        if state.closed, !event.isAllowedAfterClosing {
            throw RuleViolation(field: "conversation", message: "is closed")
        }
        switch event {
        case .conversationCreated:
            break
        case .participantRegistered(let registered):
            try requireText(registered.name, field: "name", limit: maximumNameLength)
            try requireText(registered.participantID, field: "participantID", limit: maximumIDLength)
            if let group = registered.group { try requireText(group, field: "group", limit: maximumLabelLength, allowEmpty: true) }
            guard registered.attributes.count <= maximumAttributes else {
                throw RuleViolation(field: "attributes", message: "\(registered.attributes.count) extra columns; at most \(maximumAttributes) are kept")
            }
            for (key, value) in registered.attributes {
                try requireText(key, field: "attributes", limit: maximumLabelLength)
                try requireText(value, field: "attributes.\(key.prefix(40))", limit: maximumLabelLength, allowEmpty: true)
            }
            guard state.participant(registered.participantID) != nil || state.participants.count < state.maximumParticipants else {
                throw RuleViolation(field: "participants", message: "the room is full: \(state.participants.count) people have joined, "
                    + "the most this conversation takes; the facilitator can raise the limit")
            }
        case .participantArrived(let ref), .participantLeft(let ref):
            try requireParticipant(ref.participantID, in: state)
        case .seatingPublished(let published):
            guard published.fromRound >= 1 else { throw RuleViolation(field: "fromRound", message: "starts at 1") }
            var seen: [Int: Set<String>] = [:]
            for round in published.rounds {
                for table in round.tables {
                    for seat in table.seats {
                        try requireParticipant(seat.participantID, in: state)
                        guard seen[round.round, default: []].insert(seat.participantID).inserted else {
                            throw RuleViolation(field: "rounds", message: "\(seat.participantID) is seated twice in round \(round.round)")
                        }
                    }
                }
            }
        case .phaseStarted(let started):
            guard design.phases.indices.contains(started.phaseIndex) else {
                throw RuleViolation(field: "phaseIndex", message: "must be 0 to \(design.phases.count - 1)")
            }
            guard (1...(8 * 3600)).contains(started.seconds) else {
                throw RuleViolation(field: "seconds", message: "must be 1 second to 8 hours")
            }
        case .phasePaused(let ref), .phaseResumed(let ref):
            try requireCurrentPhase(ref.phaseIndex, in: state)
        case .phaseExtended(let extended):
            try requireCurrentPhase(extended.phaseIndex, in: state)
            guard (-3600...3600).contains(extended.seconds) else {
                throw RuleViolation(field: "seconds", message: "an extension must be within an hour either way")
            }
        case .phaseEnded(let ended):
            guard design.phases.indices.contains(ended.phaseIndex) else {
                throw RuleViolation(field: "phaseIndex", message: "must be 0 to \(design.phases.count - 1)")
            }
        case .contributionAdded(let added):
            try requireText(added.text, field: "text", limit: maximumTextLength)
            try requireText(added.contributionID, field: "contributionID", limit: maximumIDLength)
            if let author = added.authorID { try requireParticipant(author, in: state) }
            guard state.contribution(added.contributionID) == nil else {
                throw RuleViolation(field: "contributionID", message: "is already used")
            }
        case .contributionEdited(let edited):
            try requireText(edited.text, field: "text", limit: maximumTextLength)
            try requireContribution(edited.contributionID, in: state)
        case .contributionHidden(let hidden):
            try requireContribution(hidden.contributionID, in: state)
            try requireText(hidden.reason, field: "reason", limit: maximumLabelLength, allowEmpty: true)
        case .statementAdded(let added):
            try requireText(added.text, field: "text", limit: maximumTextLength)
            try requireText(added.statementID, field: "statementID", limit: maximumIDLength)
            if state.statement(added.statementID) != nil {
                // The same id again is an edit of the wording: fair only before anyone has voted on it.
                try requireNoVotes(on: added.statementID, in: state, doing: "reworded")
            } else if let source = added.fromContribution, let earlier = state.statements.first(where: { $0.fromContribution == source }) {
                throw RuleViolation(field: "fromContribution", message: "is already the statement \"\(earlier.text)\"")
            }
            if let cost = added.cost, cost < 0 { throw RuleViolation(field: "cost", message: "cannot be negative") }
        case .questionTranslated(let translated):
            if let index = translated.phaseIndex {
                guard design.phases.indices.contains(index), design.phases[index].question != nil else {
                    throw RuleViolation(field: "phaseIndex", message: "phase \(index + 1) asks no question of its own")
                }
            } else if design.questions.isEmpty {
                throw RuleViolation(field: "phaseIndex", message: "the conversation has no question to word")
            }
            try requireWording(language: translated.language, text: translated.text)
        case .statementTranslated(let translated):
            guard state.statement(translated.statementID) != nil else {
                throw RuleViolation(field: "statementID", message: "is not on this conversation's list (\(translated.statementID))")
            }
            try requireWording(language: translated.language, text: translated.text)
        case .voteCast(let cast):
            try requireParticipant(cast.participantID, in: state)
            guard state.statement(cast.statementID) != nil else {
                throw RuleViolation(field: "statementID", message: "is not on this conversation's list (\(cast.statementID)); it may have been withdrawn, so reload the page to see the statements")
            }
        case .dotsPlaced(let placed):
            try requireParticipant(placed.participantID, in: state)
            let allowed = design.phases.compactMap(\.dots).max() ?? 0
            let spent = placed.dots.values.reduce(0, +)
            guard placed.dots.values.allSatisfy({ $0 >= 0 }), spent <= allowed else {
                throw RuleViolation(field: "dots", message: "\(spent) dots placed; each person has \(allowed)")
            }
            for id in placed.dots.keys where state.statement(id) == nil {
                throw RuleViolation(field: "dots", message: "\(id) is not a statement of this conversation")
            }
        case .budgetAllocated(let allocated):
            try requireParticipant(allocated.participantID, in: state)
            let budget = design.phases.compactMap(\.budget).max() ?? 0
            var total = 0
            for id in allocated.statementIDs {
                guard let statement = state.statement(id) else {
                    throw RuleViolation(field: "statementIDs", message: "\(id) is not a proposal of this conversation")
                }
                total += statement.cost ?? 0
            }
            guard total <= budget else {
                throw RuleViolation(field: "statementIDs", message: "cost \(total) in all, over the budget of \(budget)")
            }
        case .turnTaken(let turn):
            try requireParticipant(turn.participantID, in: state)
            guard (0...3600).contains(turn.seconds) else { throw RuleViolation(field: "seconds", message: "must be 0 to 3600") }
        case .themeNamed(let named):
            try requireText(named.label, field: "label", limit: maximumLabelLength)
            try requireText(named.themeID, field: "themeID", limit: maximumIDLength)
            for id in named.contributionIDs { try requireContribution(id, in: state) }
        case .commitmentMade(let made):
            try requireText(made.text, field: "text", limit: maximumTextLength)
            try requireText(made.commitmentID, field: "commitmentID", limit: maximumIDLength)
            for owner in made.ownerIDs { try requireParticipant(owner, in: state) }
            for owner in made.outsideOwners { try requireText(owner, field: "outsideOwners", limit: maximumNameLength) }
            guard !made.ownerIDs.isEmpty || !made.outsideOwners.isEmpty else {
                throw RuleViolation(field: "owners", message: "a commitment needs at least one owner")
            }
            if let due = made.due, !CalendarDate.isValid(due) {
                throw RuleViolation(field: "due", message: "\(due) is not a date; write YYYY-MM-DD")
            }
        case .commitmentUpdated(let update):
            guard state.commitment(update.commitmentID) != nil else {
                throw RuleViolation(field: "commitmentID", message: "\(update.commitmentID) is not a commitment of this conversation")
            }
            if let note = update.note { try requireText(note, field: "note", limit: maximumTextLength, allowEmpty: true) }
            if let evidence = update.evidence { try requireText(evidence, field: "evidence", limit: maximumTextLength, allowEmpty: true) }
        case .learningRecorded(let recorded):
            try requireText(recorded.learning.worked + recorded.learning.change, field: "learning", limit: maximumTextLength * 2)
        case .tableLocked(let lock):
            guard state.seating.first(where: { $0.round == lock.round })?.tables.contains(where: { $0.table == lock.table }) == true else {
                throw RuleViolation(field: "table", message: "there is no table \(lock.table) in round \(lock.round) to lock")
            }
        case .nameClaimed(let ref):
            guard let person = state.participant(ref.participantID) else {
                throw RuleViolation(field: "participantID", message: "choose your name from the list")
            }
            guard !person.claimed else {
                throw RuleViolation(field: "participantID", message: "\(person.name) has already joined on another device. If that was not you, ask the facilitator to release the name")
            }
        case .nameReleased(let ref):
            guard state.participant(ref.participantID)?.claimed == true else {
                throw RuleViolation(field: "participantID", message: "\(ref.participantID) has not joined on a device")
            }
        case .conversationNamed(let named):
            try requireText(named.name, field: "name", limit: maximumNameLength)
            if let place = named.place { try requireText(place, field: "place", limit: maximumNameLength, allowEmpty: true) }
            if let date = named.date, !date.isEmpty, !Self.isCalendarDate(date) {
                throw RuleViolation(field: "date", message: "\"\(date)\" is not a date; use the form YYYY-MM-DD")
            }
        case .paperTallyRecorded(let tally):
            guard state.statement(tally.statementID) != nil else {
                throw RuleViolation(field: "statementID", message: "\(tally.statementID) is not a statement of this conversation")
            }
            for (field, count) in [("agree", tally.agree), ("disagree", tally.disagree), ("pass", tally.pass)] where !(0...100_000).contains(count) {
                throw RuleViolation(field: field, message: "must be a count from 0 to 100000, not \(count)")
            }
            if let group = tally.group { try requireText(group, field: "group", limit: maximumNameLength) }
        case .conversationReopened:
            guard state.closed else { throw RuleViolation(field: "conversation", message: "is not closed") }
        case .contributionShown(let shown):
            try requireContribution(shown.contributionID, in: state)
        case .statementWithdrawn(let withdrawn):
            guard state.statement(withdrawn.statementID) != nil else {
                throw RuleViolation(field: "statementID", message: "\(withdrawn.statementID) is not a statement of this conversation")
            }
            try requireNoVotes(on: withdrawn.statementID, in: state, doing: "withdrawn")
        case .accessGranted(let granted):
            try requireText(granted.username, field: "username", limit: maximumIDLength)
            guard granted.username != state.facilitator else {
                throw RuleViolation(field: "username", message: "\(granted.username) owns this conversation already")
            }
            guard granted.role != .owner else {
                throw RuleViolation(field: "role", message: "a conversation has one owner; choose co-facilitator or observer")
            }
        case .accessRevoked(let revoked):
            guard state.team[revoked.username] != nil else {
                throw RuleViolation(field: "username", message: "\(revoked.username) has no role on this conversation")
            }
        case .resultsVisibilitySet:
            break
        case .conversationClosed:
            break
        case .capacitySet(let set):
            guard (1...largestCapacity).contains(set.maximumParticipants) else {
                throw RuleViolation(field: "maximumParticipants", message: "must be 1 to \(largestCapacity)")
            }
            guard set.maximumParticipants >= state.participants.count else {
                throw RuleViolation(field: "maximumParticipants", message: "\(state.participants.count) people have joined already; the limit cannot be lower")
            }
        }
    }

    /// A wording in another language: a language tag, and text (empty removes the wording).
    private static func requireWording(language: String, text: String) throws(RuleViolation) {
        guard isLanguageTag(language) else {
            throw RuleViolation(field: "language", message: "\"\(language)\" is not a language tag such as cy or ar")
        }
        try requireText(text, field: "text", limit: maximumTextLength, allowEmpty: true)
    }

    private static func requireText(_ text: String, field: String, limit: Int, allowEmpty: Bool = false) throws(RuleViolation) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !allowEmpty, trimmed.isEmpty { throw RuleViolation(field: field, message: "must not be empty") }
        // Bytes first: counting the characters of a megabyte of combining marks is itself the slow part.
        let byteLimit = limit * bytesPerCharacter
        if text.utf8.count > byteLimit {
            throw RuleViolation(field: field, message: "is \(text.utf8.count) bytes; at most \(byteLimit) bytes (\(limit) characters) are allowed")
        }
        if text.count > limit { throw RuleViolation(field: field, message: "is \(text.count) characters; at most \(limit) are allowed") }
    }

    /// A BCP 47 language tag of the everyday shape: a 2-3 letter language, then optional subtags
    /// (`cy`, `ar`, `pt-BR`, `zh-Hant`). Written out, where a regular expression would be slower to read.
    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLowercase && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else { return false }
        return (1900...2200).contains(year) && (1...12).contains(month) && (1...31).contains(day) && text.count == 10
    }

    private static func requireNoVotes(on statementID: String, in state: ConversationState, doing change: String) throws(RuleViolation) {
        let votes = state.votes.values.filter { $0[statementID] != nil }.count
        guard votes == 0 else {
            throw RuleViolation(field: "statementID", message: "has \(votes) vote\(votes == 1 ? "" : "s") already; a statement can be \(change) only before anyone votes on it")
        }
    }

    private static func requireParticipant(_ id: String, in state: ConversationState) throws(RuleViolation) {
        guard state.participant(id) != nil else {
            throw RuleViolation(field: "participantID", message: "\(id) is not a participant of this conversation")
        }
    }

    private static func requireContribution(_ id: String, in state: ConversationState) throws(RuleViolation) {
        guard state.contribution(id) != nil else {
            throw RuleViolation(field: "contributionID", message: "\(id) is not a contribution of this conversation")
        }
    }

    private static func requireCurrentPhase(_ index: Int, in state: ConversationState) throws(RuleViolation) {
        guard state.agenda.currentIndex == index else {
            throw RuleViolation(field: "phaseIndex", message: "phase \(index) is not the one under way")
        }
    }
}

extension ConversationEvent {
    /// Follow-up happens after the room has gone home.
    var isAllowedAfterClosing: Bool {
        switch self {
        case .commitmentUpdated, .learningRecorded, .themeNamed, .contributionHidden, .contributionShown, .statementAdded, .statementWithdrawn,
             .statementTranslated, .questionTranslated,
             .resultsVisibilitySet, .conversationReopened, .accessGranted, .accessRevoked, .paperTallyRecorded, .conversationNamed: true
        // Scribes' paper sheets are typed in after the room has gone home.
        case .contributionAdded(let added): added.authorID == nil && added.enteredBy != nil
        // ...and so are the commitments on action-planning sheets.
        case .commitmentMade(let made): made.madeBy == nil
        default: false
        }
    }
}

/// Calendar dates as written in designs and commitments: `YYYY-MM-DD`.
public enum CalendarDate {
    public static func isValid(_ text: String) -> Bool { components(text) != nil }

    public static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1] ? (year, month, day) : nil
    }
}
