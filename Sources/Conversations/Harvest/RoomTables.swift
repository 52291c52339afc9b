import CoCreateCore
import CSVFiles

/// The room's raw material as spreadsheets for the facilitator: every contribution with who, where and when,
/// and every vote with how it was cast. Organisers "have so much data to process"; these are the files
/// they process it in.
public enum RoomTables {
    public static let contributionsHeader = ["id", "text", "kind", "participant id", "name", "group", "round", "table", "typed in by", "hidden", "edited", "at"]

    public static func contributionsCSV(_ state: ConversationState) -> String {
        let rows = state.contributions.map { contribution -> [String] in
            let person = contribution.authorID.flatMap(state.participant)
            return [contribution.id, contribution.text, contribution.kind.rawValue, contribution.authorID ?? "", person?.name ?? "", person?.group ?? "",
                    contribution.round.map(String.init) ?? "", contribution.table.map(String.init) ?? "", contribution.enteredBy ?? "",
                    contribution.hiddenReason.map { "hidden: \($0)" } ?? "", contribution.edited ? "edited" : "", String(contribution.at)]
        }
        return CSVWriter.document(header: contributionsHeader, rows: rows)
    }

    /// One row per vote on a phone, and per answer of a paper count (its number in `count`). Table is where the
    /// person sat in the last round seated; dots and budget choices are listed as what they were.
    public static let votesHeader = ["statement id", "statement", "vote", "count", "cast", "participant id", "name", "group", "table"]

    public static func votesCSV(_ state: ConversationState) -> String {
        let lastRound = state.seating.last?.round
        func person(_ id: String) -> [String] {
            let participant = state.participant(id)
            let table = lastRound.flatMap { state.seat(of: id, inRound: $0)?.table }.map(String.init) ?? ""
            return [id, participant?.name ?? "", participant?.group ?? "", table]
        }
        var rows: [[String]] = []
        for statement in state.statements {
            for participant in state.votes.keys.sorted() {
                guard let vote = state.votes[participant]?[statement.id] else { continue }
                rows.append([statement.id, statement.text, vote.rawValue, "1", "phone"] + person(participant))
            }
            for participant in state.dots.keys.sorted() {
                guard let dots = state.dots[participant]?[statement.id], dots > 0 else { continue }
                rows.append([statement.id, statement.text, "dots", String(dots), "phone"] + person(participant))
            }
            for participant in state.budgetChoices.keys.sorted() where state.budgetChoices[participant]?.contains(statement.id) == true {
                rows.append([statement.id, statement.text, "would fund", "1", "phone"] + person(participant))
            }
            let counts = state.paperTallies.values.filter { $0.statementID == statement.id }
                .sorted { ($0.method.rawValue, $0.group ?? "") < ($1.method.rawValue, $1.group ?? "") }
            for count in counts {
                for (vote, number) in [("agree", count.agree), ("disagree", count.disagree), ("pass", count.pass)] where number > 0 {
                    rows.append([statement.id, statement.text, vote, String(number), count.method.rawValue, "", "", count.group ?? "", ""])
                }
            }
        }
        return CSVWriter.document(header: votesHeader, rows: rows)
    }
}
