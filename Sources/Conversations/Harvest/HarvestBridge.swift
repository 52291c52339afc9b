import CoCreateCore
import Foundation
import Harvest

/// A conversation's state as the harvest analysis reads it: statements and votes, declared
/// groups, contributions, turns, ballots and commitments; the facilitator's themes as edits
/// that win over the suggested ones.
public enum HarvestBridge {
    public static func conversation(_ state: ConversationState, showNames: Bool = false) -> HarvestConversation {
        let design = state.design
        var voting = VotingData(
            statements: state.statements.map { statement in
                StatementRecord(id: statement.id, text: statement.text, authorID: statement.fromContribution.flatMap { state.contribution($0)?.authorID },
                                translations: statement.sortedTranslations.map { TranslatedText(language: $0.language, text: $0.text) })
            },
            votes: [])
        for (participant, ballot) in state.votes.sorted(by: { $0.key < $1.key }) {
            for (statement, vote) in ballot.sorted(by: { $0.key < $1.key }) {
                let choice: VoteChoice = switch vote {
                case .agree: .agree
                case .disagree: .disagree
                case .pass: .pass
                }
                voting.votes.append(VoteRecord(participant: participant, statement: statement, choice: choice, time: 0))
            }
        }
        var harvest = HarvestConversation(title: design?.title ?? state.id, voting: voting)
        harvest.question = design?.questions.first ?? ""
        harvest.details = design?.purpose ?? ""
        harvest.date = isoDate(state.createdAt)
        harvest.showNames = showNames
        let tookPart = whoTookPart(state)
        harvest.participants = state.participants.filter { tookPart.contains($0.id) }.map { person in
            ParticipantRecord(id: person.id, name: person.name, group: person.group,
                              table: state.seating.first.flatMap { round in state.seat(of: person.id, inRound: round.round).map { "\($0.table)" } })
        }
        harvest.contributions = state.contributions.filter { !$0.isHidden }.map { contribution in
            ContributionRecord(id: contribution.id, text: contribution.text, author: contribution.authorID,
                               table: contribution.table.map { "R\(contribution.round ?? 0)-T\($0)" },
                               group: contribution.authorID.flatMap { state.participant($0)?.group })
        }
        harvest.themeEdits = state.themes.flatMap { theme in
            theme.contributionIDs.map { ThemeEdit.move(item: $0, toTheme: theme.id) } + [.rename(theme: theme.id, label: theme.label)]
        }
        harvest.turns = state.turns.map { TurnRecord(participant: $0.participantID, table: "R\($0.round)-T\($0.table)", seconds: Double($0.seconds)) }
        if let dots = design?.phases.compactMap(\.dots).max(), !state.dots.isEmpty {
            harvest.dotVoting = DotVoting(
                dotsPerPerson: dots, options: state.statements.map { .init(id: $0.id, text: $0.text) },
                placements: state.dots.sorted { $0.key < $1.key }.flatMap { participant, ballot in
                    ballot.sorted { $0.key < $1.key }.map { DotVoting.Placement(participant: participant, option: $0.key, dots: $0.value) }
                })
        }
        harvest.budget = budget(state)
        harvest.paperCounts = state.paperTallies.values.sorted { $0.key < $1.key }.map { paper in
            PaperCount(statement: paper.statementID, group: paper.group, method: paper.method == .ballots ? .ballots : .hands,
                       tally: VoteTally(agree: paper.agree, disagree: paper.disagree, pass: paper.pass))
        }
        harvest.commitments = state.commitments.map { commitment in
            CommitmentSummary(
                text: commitment.text,
                owners: commitment.ownerIDs.map { id in showNames ? (state.participant(id)?.name ?? id) : (state.participant(id)?.group ?? "participant") } + commitment.outsideOwners,
                due: commitment.due, status: commitment.status.rawValue)
        }
        return harvest
    }

    /// Who took part: everyone who joined on a device, was marked as here, walked in, or left a
    /// trace (wrote, voted, took a turn, owns a commitment). Imported names alone are not people in
    /// the room: a list of 25 with 7 phones must not read "25 people took part". Before anything
    /// has happened, or in a paper room where nobody was marked, it is everyone not marked away.
    public static func whoTookPart(_ state: ConversationState) -> Set<String> {
        var traced = Set(state.contributions.compactMap(\.authorID))
        traced.formUnion(state.votes.keys)
        traced.formUnion(state.dots.keys)
        traced.formUnion(state.budgetChoices.keys)
        traced.formUnion(state.turns.map(\.participantID))
        traced.formUnion(state.commitments.flatMap(\.ownerIDs))
        let present = state.participants.filter { $0.claimed || $0.claims > 0 || $0.walkIn || $0.presence != .expected || traced.contains($0.id) }
        guard present.isEmpty else { return Set(present.map(\.id)) }
        return Set(state.participants.map(\.id))
    }

    static func isoDate(_ milliseconds: Int64) -> String {
        guard milliseconds > 0 else { return "" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The participatory budget of a conversation with a budget vote and choices made; the projector
    /// shows its live totals, the report its result.
    public static func budget(_ state: ConversationState) -> ParticipatoryBudget? {
        guard let budget = state.design?.phases.compactMap(\.budget).max(), !state.budgetChoices.isEmpty else { return nil }
        let proposals = state.statements.filter { $0.cost != nil }
        return ParticipatoryBudget(
            budget: Double(budget), proposals: proposals.map { .init(id: $0.id, title: $0.text, cost: Double($0.cost ?? 0)) },
            allocations: state.budgetChoices.sorted { $0.key < $1.key }.flatMap { participant, chosen in
                chosen.compactMap { id in state.statement(id).map { .init(participant: participant, proposal: id, amount: Double($0.cost ?? 0)) } }
            })
    }
}
