import Foundation

/// Turns events into a type name and canonical JSON, and back.
///
/// Canonical means sorted keys and no floating point, so the same event always encodes to the
/// same bytes: an export, imported and exported again, is identical.
public enum EventCodec {
    public static func encode(_ event: ConversationEvent) throws -> (type: String, payload: Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func payload<T: Encodable>(_ value: T) throws -> Data { try encoder.encode(value) }
        switch event {
        case .conversationCreated(let value): return ("conversationCreated", try payload(value))
        case .participantRegistered(let value): return ("participantRegistered", try payload(value))
        case .participantArrived(let value): return ("participantArrived", try payload(value))
        case .participantLeft(let value): return ("participantLeft", try payload(value))
        case .seatingPublished(let value): return ("seatingPublished", try payload(value))
        case .phaseStarted(let value): return ("phaseStarted", try payload(value))
        case .phasePaused(let value): return ("phasePaused", try payload(value))
        case .phaseResumed(let value): return ("phaseResumed", try payload(value))
        case .phaseExtended(let value): return ("phaseExtended", try payload(value))
        case .phaseEnded(let value): return ("phaseEnded", try payload(value))
        case .contributionAdded(let value): return ("contributionAdded", try payload(value))
        case .contributionEdited(let value): return ("contributionEdited", try payload(value))
        case .contributionHidden(let value): return ("contributionHidden", try payload(value))
        case .statementAdded(let value): return ("statementAdded", try payload(value))
        case .voteCast(let value): return ("voteCast", try payload(value))
        case .dotsPlaced(let value): return ("dotsPlaced", try payload(value))
        case .budgetAllocated(let value): return ("budgetAllocated", try payload(value))
        case .turnTaken(let value): return ("turnTaken", try payload(value))
        case .themeNamed(let value): return ("themeNamed", try payload(value))
        case .commitmentMade(let value): return ("commitmentMade", try payload(value))
        case .commitmentUpdated(let value): return ("commitmentUpdated", try payload(value))
        case .learningRecorded(let value): return ("learningRecorded", try payload(value))
        case .resultsVisibilitySet(let value): return ("resultsVisibilitySet", try payload(value))
        case .tableLocked(let value): return ("tableLocked", try payload(value))
        case .accessGranted(let value): return ("accessGranted", try payload(value))
        case .conversationReopened(let value): return ("conversationReopened", try payload(value))
        case .paperTallyRecorded(let value): return ("paperTallyRecorded", try payload(value))
        case .conversationNamed(let value): return ("conversationNamed", try payload(value))
        case .nameClaimed(let value): return ("nameClaimed", try payload(value))
        case .nameReleased(let value): return ("nameReleased", try payload(value))
        case .contributionShown(let value): return ("contributionShown", try payload(value))
        case .statementWithdrawn(let value): return ("statementWithdrawn", try payload(value))
        case .accessRevoked(let value): return ("accessRevoked", try payload(value))
        case .conversationClosed(let value): return ("conversationClosed", try payload(value))
        case .capacitySet(let value): return ("capacitySet", try payload(value))
        case .statementTranslated(let value): return ("statementTranslated", try payload(value))
        case .questionTranslated(let value): return ("questionTranslated", try payload(value))
        }
    }

    public struct UnknownEventType: Error, CustomStringConvertible {
        public var type: String
        public var description: String { "unknown event type \"\(type)\"" }
    }

    public static func decode(type: String, payload: Data) throws -> ConversationEvent {
        let decoder = JSONDecoder()
        func value<T: Decodable>(_: T.Type = T.self) throws -> T { try decoder.decode(T.self, from: payload) }
        switch type {
        case "conversationCreated": return .conversationCreated(try value())
        case "participantRegistered": return .participantRegistered(try value())
        case "participantArrived": return .participantArrived(try value())
        case "participantLeft": return .participantLeft(try value())
        case "seatingPublished": return .seatingPublished(try value())
        case "phaseStarted": return .phaseStarted(try value())
        case "phasePaused": return .phasePaused(try value())
        case "phaseResumed": return .phaseResumed(try value())
        case "phaseExtended": return .phaseExtended(try value())
        case "phaseEnded": return .phaseEnded(try value())
        case "contributionAdded": return .contributionAdded(try value())
        case "contributionEdited": return .contributionEdited(try value())
        case "contributionHidden": return .contributionHidden(try value())
        case "statementAdded": return .statementAdded(try value())
        case "voteCast": return .voteCast(try value())
        case "dotsPlaced": return .dotsPlaced(try value())
        case "budgetAllocated": return .budgetAllocated(try value())
        case "turnTaken": return .turnTaken(try value())
        case "themeNamed": return .themeNamed(try value())
        case "commitmentMade": return .commitmentMade(try value())
        case "commitmentUpdated": return .commitmentUpdated(try value())
        case "learningRecorded": return .learningRecorded(try value())
        case "resultsVisibilitySet": return .resultsVisibilitySet(try value())
        case "tableLocked": return .tableLocked(try value())
        case "accessGranted": return .accessGranted(try value())
        case "conversationReopened": return .conversationReopened(try value())
        case "paperTallyRecorded": return .paperTallyRecorded(try value())
        case "conversationNamed": return .conversationNamed(try value())
        case "nameClaimed": return .nameClaimed(try value())
        case "nameReleased": return .nameReleased(try value())
        case "contributionShown": return .contributionShown(try value())
        case "statementWithdrawn": return .statementWithdrawn(try value())
        case "accessRevoked": return .accessRevoked(try value())
        case "conversationClosed": return .conversationClosed(try value())
        case "capacitySet": return .capacitySet(try value())
        case "statementTranslated": return .statementTranslated(try value())
        case "questionTranslated": return .questionTranslated(try value())
        default: throw UnknownEventType(type: type)
        }
    }
}
