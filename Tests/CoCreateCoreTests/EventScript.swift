import CoCreateCore
import Foundation

/// Turns a list of numbers into a valid event sequence: each number picks the next action among
/// those the current state allows. Property tests generate the numbers, so shrinking a failing
/// case shrinks the conversation.
enum EventScript {
    static let design = ConversationDesign(
        name: "script", title: "Script", purpose: "Test", whenToUse: "", questions: ["Q?"],
        stakeholderGroups: ["students", "staff"], tableSize: 4,
        phases: [
            Phase(kind: .input, title: "Talk", minutes: 5, speaker: "Ana"),
            Phase(kind: .round, title: "R1", minutes: 10, question: "Why?", structure: .roundRobin, movement: .allMove, roles: [.host, .scribe]),
            Phase(kind: .vote, title: "Vote", minutes: 5, voteMethod: .agreeDisagree, statements: ["A", "B"]),
            Phase(kind: .actionPlanning, title: "Act", minutes: 5),
        ])

    static func events(from choices: [Int]) -> [EventEnvelope] {
        var state = ConversationState(id: "c")
        var envelopes: [EventEnvelope] = []
        var clock: Int64 = 1_700_000_000_000
        var serial = 0
        func emit(_ event: ConversationEvent) {
            guard (try? ConversationRules.check(event, against: state)) != nil else { return }
            serial += 1
            clock += Int64(1 + serial % 7) * 1000
            let id = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", serial))!
            let envelope = EventEnvelope(id: id, at: clock, event: event)
            state.apply(envelope)
            envelopes.append(envelope)
        }
        emit(.conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "f")))
        for choice in choices {
            let people = state.participants
            let person = people.isEmpty ? nil : people[abs(choice) % people.count].id
            switch abs(choice) % 11 {
            case 0, 1:
                let n = state.participants.count
                emit(.participantRegistered(ParticipantRegistered(participantID: "p\(n)", name: "Person \(n) \u{1F600} \"q\"", group: n % 2 == 0 ? "students" : "staff", attributes: ["year": "\(choice % 5)"])))
            case 2:
                if let person { emit(.participantArrived(ParticipantRef(participantID: person))) }
            case 3:
                if let person {
                    emit(.contributionAdded(ContributionAdded(contributionID: "k\(state.contributions.count)", authorID: person, round: 1, table: choice % 3, kind: ContributionKind.allCases[abs(choice) % 5], text: "Idea <b>\(choice)</b> & more")))
                }
            case 4:
                if let person, !state.statements.isEmpty {
                    let statement = state.statements[abs(choice / 11) % state.statements.count].id
                    emit(.voteCast(VoteCast(participantID: person, statementID: statement, vote: Vote.allCases[abs(choice) % 3])))
                }
            case 5:
                let next = state.agenda.nextIndex(phaseCount: design.phases.count) ?? 0
                emit(.phaseStarted(PhaseStarted(phaseIndex: next, seconds: 60 * (1 + choice % 9))))
            case 6:
                if let current = state.agenda.currentIndex {
                    emit(state.agenda.isPaused ? .phaseResumed(PhaseRef(phaseIndex: current)) : .phasePaused(PhaseRef(phaseIndex: current)))
                }
            case 7:
                if let current = state.agenda.currentIndex { emit(.phaseExtended(PhaseExtended(phaseIndex: current, seconds: 60))) }
            case 8:
                if let contribution = state.contributions.first {
                    emit(choice % 2 == 0
                         ? .contributionHidden(ContributionHidden(contributionID: contribution.id, reason: "off topic"))
                         : .contributionEdited(ContributionEdited(contributionID: contribution.id, text: "edited \(choice)")))
                }
            case 9:
                if let person {
                    emit(.commitmentMade(CommitmentMade(commitmentID: "m\(state.commitments.count)", text: "Do \(choice)", ownerIDs: [person], due: "2027-01-\(String(format: "%02d", 1 + abs(choice) % 28))")))
                }
            default:
                if let commitment = state.commitments.last {
                    emit(.commitmentUpdated(CommitmentUpdated(commitmentID: commitment.id, status: CommitmentStatus.allCases[abs(choice) % 4], note: "n")))
                }
                if state.participants.count >= 2 {
                    let ids = state.participants.map(\.id)
                    emit(.seatingPublished(SeatingPublished(fromRound: 1, rounds: [SeatedRound(round: 1, tables: [
                        SeatedTable(table: 1, seats: ids.enumerated().map { Seat(participantID: $1, role: $0 == 0 ? .host : nil) }),
                    ])])))
                }
            }
        }
        return envelopes
    }
}
