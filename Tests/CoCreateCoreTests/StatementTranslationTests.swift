import CoCreateCore
import Foundation
import Testing

/// A statement worded in Welsh and Arabic stays one statement: one id, one tally, its wordings
/// beside it. The rules refuse a wording of no statement and a language that is not a tag.
@Suite("A statement in more than one language")
struct StatementTranslationTests {
    var state: ConversationState {
        var state = ConversationState(id: "c")
        let created = ConversationEvent.conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: EventScript.design, facilitator: "f"))
        for (index, event) in [created,
                               .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Gwen")),
                               .participantRegistered(ParticipantRegistered(participantID: "p2", name: "Nasrin"))].enumerated() {
            state.apply(EventEnvelope(id: UUID(), at: Int64(index), event: event))
        }
        return state
    }

    func applying(_ events: [ConversationEvent], to start: ConversationState) throws -> ConversationState {
        var state = start
        for event in events {
            try ConversationRules.check(event, against: state)
            state.apply(EventEnvelope(id: UUID(), at: state.version, event: event))
        }
        return state
    }

    @Test func bothWordingsAreKeptAndVotesStayOnOneStatement() throws {
        let state = try applying([
            .statementTranslated(StatementTranslated(statementID: "p2s1", language: "cy", text: "Gardd gymunedol")),
            .statementTranslated(StatementTranslated(statementID: "p2s1", language: "ar", text: "حديقة مجتمعية")),
            .voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .agree)),
            .voteCast(VoteCast(participantID: "p2", statementID: "p2s1", vote: .agree)),
        ], to: state)
        let statement = try #require(state.statement("p2s1"))
        #expect(statement.text(in: "cy") == "Gardd gymunedol")
        #expect(statement.text(in: "ar") == "حديقة مجتمعية")
        #expect(statement.text(in: "fr") == "A", "a language without a wording reads the original")
        #expect(statement.sortedTranslations.map(\.language) == ["ar", "cy"])
        #expect(state.votes.values.compactMap { $0["p2s1"] } == [.agree, .agree])
        #expect(state.statements.count == 2, "a translation is not a new statement")
    }

    @Test func rewordingKeepsTheTranslationsAndEmptyTextRemovesOne() throws {
        let state = try applying([
            .statementTranslated(StatementTranslated(statementID: "p2s1", language: "cy", text: "Gardd")),
            .statementTranslated(StatementTranslated(statementID: "p2s1", language: "ar", text: "حديقة")),
            .statementAdded(StatementAdded(statementID: "p2s1", text: "A, reworded")),
            .statementTranslated(StatementTranslated(statementID: "p2s1", language: "ar", text: "")),
        ], to: state)
        let statement = try #require(state.statement("p2s1"))
        #expect(statement.text == "A, reworded")
        #expect(statement.translations == ["cy": "Gardd"])
    }

    @Test func aWordingOfNoStatementOrInNoLanguageIsRefusedByField() {
        #expect(throws: RuleViolation.self) {
            try ConversationRules.check(.statementTranslated(StatementTranslated(statementID: "nope", language: "cy", text: "x")), against: state)
        }
        for bad in ["", "Welsh", "c", "cy_GB", "cy-", "CY"] {
            do {
                try ConversationRules.check(.statementTranslated(StatementTranslated(statementID: "p2s1", language: bad, text: "x")), against: state)
                Issue.record("\"\(bad)\" was taken as a language tag")
            } catch {
                #expect(error.field == "language", "\(bad): \(error)")
            }
        }
        for good in ["cy", "ar", "pt-BR", "zh-Hant", "es-419"] {
            #expect(ConversationRules.isLanguageTag(good), "\(good)")
        }
    }

    @Test func aRoundShowsItsOwnQuestionsWordingsOrElseTheConversations() throws {
        // EventScript's design: the conversation asks "Q?"; phase 1 (a round) asks "Why?" of its own; phase 0 asks none.
        let state = try applying([
            .questionTranslated(QuestionTranslated(phaseIndex: nil, language: "cy", text: "C?")),
            .questionTranslated(QuestionTranslated(phaseIndex: 1, language: "cy", text: "Pam?")),
        ], to: state)
        #expect(state.questionTranslations(phase: 1) == ["cy": "Pam?"])
        #expect(state.questionTranslations(phase: 0) == ["cy": "C?"], "a phase without its own question shows the conversation's")
        #expect(state.questionTranslations(phase: nil) == ["cy": "C?"])
        #expect(state.question(phase: 1, in: "cy") == "Pam?" && state.question(phase: 0, in: "cy") == "C?")
        #expect(state.question(phase: 1, in: "fr") == "Why?", "a language without a wording reads the original")
        let removed = try applying([.questionTranslated(QuestionTranslated(phaseIndex: 1, language: "cy", text: ""))], to: state)
        #expect(removed.questionTranslations(phase: 1).isEmpty)
        do {
            try ConversationRules.check(.questionTranslated(QuestionTranslated(phaseIndex: 0, language: "cy", text: "x")), against: state)
            Issue.record("phase 0 asks no question of its own, yet its wording was taken")
        } catch {
            #expect(error.field == "phaseIndex")
        }
    }
}
