import Foundation
import Testing
@testable import Harvest

/// The report's "Every statement" table: each statement once, with its one tally and the agree
/// share's 90% range, and its other wordings beside it, marked with their language.
@Suite struct EveryStatementTests {
    static func conversation() -> HarvestConversation {
        let statements = [
            StatementRecord(id: "s1", text: "The school should have a community garden",
                            translations: [TranslatedText(language: "ar", text: "ينبغي أن يكون للمدرسة حديقة مجتمعية"),
                                           TranslatedText(language: "cy", text: "Dylai'r ysgol gael gardd gymunedol")]),
            StatementRecord(id: "s2", text: "Nobody voted on this one"),
        ]
        let votes = [VoteRecord(participant: "gwen", statement: "s1", choice: .agree, time: 1),
                     VoteRecord(participant: "nasrin", statement: "s1", choice: .agree, time: 2),
                     VoteRecord(participant: "sam", statement: "s1", choice: .disagree, time: 3)]
        return HarvestConversation(title: "Garden", voting: VotingData(statements: statements, votes: votes))
    }

    @Test func eachStatementHasOneRowWithItsTallyAndWordings() throws {
        let report = HarvestReport.build(Self.conversation())
        #expect(report.everyStatement.map(\.id) == ["s1"], "a statement nobody voted on has no row")
        let row = try #require(report.everyStatement.first)
        #expect((row.total.agree, row.total.disagree, row.total.pass) == (2, 1, 0))
        #expect(row.translations.map(\.language) == ["ar", "cy"])

        let html = HarvestReport.html(report)
        let table = try #require(html.range(of: "<section id=\"every-statement\">").map { String(html[$0.lowerBound...]) })
        #expect(table.contains("<span class=\"translation\" lang=\"cy\" dir=\"auto\">Dylai&#39;r ysgol gael gardd gymunedol</span>"))
        #expect(table.contains("<span class=\"translation\" lang=\"ar\" dir=\"auto\">ينبغي أن يكون للمدرسة حديقة مجتمعية</span>"))
        // 2 of 3 agree: 67%, and Wilson's 90% range for 2 of 3 is 25% to 92%.
        let range = ShareInterval.ninety(successes: 2, of: 3)
        #expect(Int((range.lower * 100).rounded()) == 25 && Int((range.upper * 100).rounded()) == 92)
        #expect(table.contains("<td>2</td><td>1</td><td>0</td><td class=\"nowrap\">67% (25%–92%)</td>"))
    }

    @Test func oldSavedConversationsWithoutTranslationsStillRead() throws {
        let json = #"{"id":"s1","text":"Keep the library open","moderatedOut":false}"#
        let statement = try JSONDecoder().decode(StatementRecord.self, from: Data(json.utf8))
        #expect(statement.translations.isEmpty)
    }

    @Test func everyBarWritesItsAgreeShareWithTheRange() {
        let svg = ReportCharts.Drawing(words: .english).groupBars([(label: "Everyone", tally: VoteTally(agree: 2, disagree: 1)), (label: "Nobody", tally: VoteTally())])
        #expect(svg.contains(">67% agree (25%–92%) · 33% disagree (3)</text>"))
        #expect(svg.contains(">no votes</text>"))
        // The range is drawn under the bar: from 25% to 92% of its 240 units, after the 110 of the label.
        #expect(svg.contains("<path d=\"M170.8 17.5H331.2"), "\(svg)")
    }
}
