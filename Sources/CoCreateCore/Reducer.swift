/// The fold: `state` after `envelope`. Pure and total.
///
/// Events are checked before they are written (`ConversationRules`), so `apply` trusts them; an
/// event that no longer fits (say, an edit of a contribution that is unknown) changes nothing,
/// which keeps replays of old logs working as the rules evolve.
extension ConversationState {
    public func applying(_ envelope: EventEnvelope) -> ConversationState {
        var next = self
        next.apply(envelope)
        return next
    }

    public mutating func apply(_ envelope: EventEnvelope) {
        version += 1
        let at = envelope.at
        switch envelope.event {
        case .conversationCreated(let created):
            joinCode = created.joinCode
            design = created.design
            facilitator = created.facilitator
            followsUp = created.followsUp
            createdAt = at
            statements = created.design.phases.enumerated().flatMap { phaseIndex, phase in
                phase.statements.enumerated().map { index, text in
                    Statement(id: "p\(phaseIndex)s\(index + 1)", text: text, fromContribution: nil, cost: phase.costs.flatMap { index < $0.count ? $0[index] : nil })
                }
            }
        case .participantRegistered(let registered):
            var participant = Participant(
                id: registered.participantID, name: registered.name, group: registered.group,
                attributes: registered.attributes, walkIn: registered.walkIn,
                presence: registered.walkIn ? .arrived : .expected)
            if let known = self.participant(registered.participantID) {
                // A second import updates the details; who is here and who joined on a phone stay as they were.
                participant.presence = known.presence
                participant.claimed = known.claimed
                participant.claims = known.claims
            }
            register(participant)
        case .participantArrived(let ref):
            setPresence(.arrived, of: ref.participantID)
        case .participantLeft(let ref):
            setPresence(.left, of: ref.participantID)
        case .nameClaimed(let ref):
            updateParticipant(ref.participantID) { participant in
                participant.claimed = true
                participant.claims += 1
            }
        case .nameReleased(let ref):
            updateParticipant(ref.participantID) { $0.claimed = false }
        case .seatingPublished(let published):
            seating = (seating.filter { $0.round < published.fromRound } + published.rounds.filter { $0.round >= published.fromRound })
                .sorted { $0.round < $1.round }
        case .phaseStarted(let started):
            if let current = agenda.currentIndex { endPhase(current, skipped: false) }
            agenda.currentIndex = started.phaseIndex
            agenda.durationSeconds = started.seconds
            agenda.elapsedBeforePause = 0
            agenda.runningSince = at
        case .phasePaused(let ref):
            guard agenda.currentIndex == ref.phaseIndex, let since = agenda.runningSince else { break }
            agenda.elapsedBeforePause += at - since
            agenda.runningSince = nil
        case .phaseResumed(let ref):
            guard agenda.currentIndex == ref.phaseIndex, agenda.runningSince == nil else { break }
            agenda.runningSince = at
        case .phaseExtended(let extended):
            guard agenda.currentIndex == extended.phaseIndex else { break }
            agenda.durationSeconds += extended.seconds
        case .phaseEnded(let ended):
            endPhase(ended.phaseIndex, skipped: ended.skipped)
        case .contributionAdded(let added):
            contributions.append(Contribution(
                id: added.contributionID, authorID: added.authorID, enteredBy: added.enteredBy,
                round: added.round, table: added.table, kind: added.kind, text: added.text,
                at: at, edited: false, hiddenReason: nil))
        case .contributionEdited(let edited):
            guard let index = contributions.firstIndex(where: { $0.id == edited.contributionID }) else { break }
            contributions[index].text = edited.text
            contributions[index].edited = true
        case .contributionHidden(let hidden):
            guard let index = contributions.firstIndex(where: { $0.id == hidden.contributionID }) else { break }
            contributions[index].hiddenReason = hidden.reason
        case .statementAdded(let added):
            // Rewording keeps the translations: it is the same statement, and they are reworded on their own.
            let translations = statement(added.statementID)?.translations ?? [:]
            statements.removeAll { $0.id == added.statementID }
            statements.append(Statement(id: added.statementID, text: added.text, fromContribution: added.fromContribution, cost: added.cost,
                                        translations: translations))
        case .statementTranslated(let translated):
            guard let index = statements.firstIndex(where: { $0.id == translated.statementID }) else { break }
            statements[index].translations[translated.language] = translated.text.isEmpty ? nil : translated.text
        case .questionTranslated(let translated):
            questionTranslations[translated.phaseIndex ?? Self.conversationQuestion, default: [:]][translated.language] = translated.text.isEmpty ? nil : translated.text
        case .voteCast(let cast):
            votes[cast.participantID, default: [:]][cast.statementID] = cast.vote
        case .dotsPlaced(let placed):
            dots[placed.participantID] = placed.dots
        case .budgetAllocated(let allocated):
            budgetChoices[allocated.participantID] = allocated.statementIDs
        case .turnTaken(let turn):
            turns.append(turn)
        case .themeNamed(let named):
            // A contribution belongs to one theme: naming it elsewhere moves it.
            for index in themes.indices {
                themes[index].contributionIDs.removeAll { named.contributionIDs.contains($0) }
            }
            themes.removeAll { $0.id == named.themeID }
            if !named.contributionIDs.isEmpty {
                themes.append(Theme(id: named.themeID, label: named.label, contributionIDs: named.contributionIDs))
            }
        case .commitmentMade(let made):
            commitments.removeAll { $0.id == made.commitmentID }
            commitments.append(Commitment(
                id: made.commitmentID, text: made.text, ownerIDs: made.ownerIDs, outsideOwners: made.outsideOwners,
                due: made.due, answers: made.answers, pledge: made.pledge, madeBy: made.madeBy, madeAt: at,
                status: .notStarted, history: []))
        case .commitmentUpdated(let update):
            guard let index = commitments.firstIndex(where: { $0.id == update.commitmentID }) else { break }
            commitments[index].status = update.status
            commitments[index].history.append(.init(at: at, status: update.status, note: update.note, evidence: update.evidence))
        case .learningRecorded(let recorded):
            learnings.append(recorded.learning)
        case .tableLocked(let lock):
            if lock.locked {
                lockedTables[lock.round, default: []].insert(lock.table)
            } else {
                lockedTables[lock.round]?.remove(lock.table)
            }
        case .conversationReopened:
            closed = false
        case .conversationNamed(let named):
            details = named
        case .paperTallyRecorded(let tally):
            paperTallies[tally.key] = tally
        case .contributionShown(let shown):
            guard let index = contributions.firstIndex(where: { $0.id == shown.contributionID }) else { break }
            contributions[index].hiddenReason = nil
        case .statementWithdrawn(let withdrawn):
            statements.removeAll { $0.id == withdrawn.statementID }
        case .accessGranted(let granted):
            team[granted.username] = granted.role
        case .accessRevoked(let revoked):
            team[revoked.username] = nil
        case .resultsVisibilitySet(let set):
            resultsVisibility = set.visibility
        case .conversationClosed:
            if let current = agenda.currentIndex { endPhase(current, skipped: false) }
            closed = true
        case .capacitySet(let set):
            maximumParticipants = set.maximumParticipants
        }
    }

    /// Folds a whole log, oldest first.
    public static func fold(id: String, _ envelopes: some Sequence<EventEnvelope>) -> ConversationState {
        envelopes.reduce(into: ConversationState(id: id)) { $0.apply($1) }
    }

    private mutating func setPresence(_ presence: Participant.Presence, of id: String) {
        updateParticipant(id) { $0.presence = presence }
    }

    private mutating func endPhase(_ index: Int, skipped: Bool) {
        agenda.ended[index] = skipped
        agenda.lastEndedIndex = max(agenda.lastEndedIndex ?? index, index)
        if agenda.currentIndex == index {
            agenda.currentIndex = nil
            agenda.runningSince = nil
            agenda.elapsedBeforePause = 0
        }
    }
}
