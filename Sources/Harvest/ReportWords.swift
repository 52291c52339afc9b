/// The words the report is written in. The harvest owns the report's English (``english``); the
/// server's string catalog holds the same keys in Welsh and Arabic and hands the report a
/// `ReportWords` for the reader's language, so a report is read in the language of the room.
///
/// A text is a key with `{placeholders}`; a count is a plural key whose forms are `KEY.one`,
/// `KEY.other` (and `.zero`, `.two`, `.few`, `.many` where the language has them), chosen by the
/// language's rule. Values are plain text: the report escapes what the words return.
public struct ReportWords: Sendable {
    /// The `lang` of the page.
    public var language: String
    /// `ltr` or `rtl`, for the page's `dir`.
    public var direction: String
    private let lookup: @Sendable (_ key: String, _ values: [String: String]) -> String
    private let pluralLookup: @Sendable (_ key: String, _ count: Int, _ values: [String: String]) -> String

    public init(language: String, direction: String,
                text: @escaping @Sendable (_ key: String, _ values: [String: String]) -> String,
                plural: @escaping @Sendable (_ key: String, _ count: Int, _ values: [String: String]) -> String) {
        self.language = language
        self.direction = direction
        lookup = text
        pluralLookup = plural
    }

    /// The text of `key` with its placeholders filled.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { lookup(key, values) }

    /// The form of `key` for `count` (which fills `{count}`), with the other placeholders filled.
    public func count(_ key: String, _ count: Int, _ values: [String: String] = [:]) -> String {
        pluralLookup(key, count, values.merging(["count": String(count)]) { $1 })
    }

    /// The report in English, from ``englishTable``.
    public static let english = ReportWords(
        language: "en", direction: "ltr",
        text: { key, values in fill(englishTable[key] ?? key, values) },
        plural: { key, count, values in fill(englishTable["\(key).\(count == 1 ? "one" : "other")"] ?? key, values) })

    /// `{name}` in `template` replaced by `values[name]`.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every English text of the report, by key. The server's catalog reads these as its English
    /// (so they are written once) and keeps their Welsh and Arabic.
    public static let englishTable: [String: String] = [
        "report.kicker": "Conversation report",
        "report.pageTitle": "{title} – conversation report",
        "report.pleaseNote": "Please note:",
        "report.tookPart.one": "{count} person took part",
        "report.tookPart.other": "{count} people took part",
        "report.themeCount.one": "{count} theme",
        "report.themeCount.other": "{count} themes",
        "report.groupCount.one": "{count} group",
        "report.groupCount.other": "{count} groups",
        "report.opinionGroupCount.one": "{count} opinion group",
        "report.opinionGroupCount.other": "{count} opinion groups",
        "report.amongOnMap": "{groups} among the {people} on the map",
        "report.commitmentCount.one": "{count} commitment",
        "report.commitmentCount.other": "{count} commitments",
        "report.whoTookPart": "Who took part",
        "report.people.one": "{count} person",
        "report.people.other": "{count} people",
        "report.notGiven": "Not given",
        "report.themes": "Themes",
        "report.andMore": "and {count} more",
        "report.divisive": "Where groups differ",
        "report.divisiveIntro": "Statements on which the groups' agreement differs most. These are the conversations still to have.",
        "report.everyone": "Everyone",
        "report.opinionGroup": "Group {group}",
        "report.agreed": "What people agree on across groups",
        "report.agreedIntro": "A statement is listed when, in every group, at least {margin} agree even allowing for the group's size: the lower end of a 90% range around the group's agree share is {margin} or more. Three of three agreeing is enough; two of two is not.",
        "report.agreedNone": "No statement was agreed in every group by that margin. See where the groups differ, and the majority view.",
        "report.agreedTag": "agreed in every group",
        "report.leastSure": "Least sure: {group}, {agree} of {votes} agree (at least {low} with 90% confidence).",
        "report.majority": "Majority view",
        "report.majorityIntro": "Statements a clear majority of everyone agreed or disagreed with, whatever their group.",
        "report.statement": "Statement",
        "report.majorityAgree": "{share} agree ({low}–{high}, {votes} votes)",
        "report.majorityDisagree": "{share} disagree ({low}–{high}, {votes} votes)",
        "report.quoted": "“{text}”",
        "report.every": "Every statement",
        "report.everyIntro": "Each statement's votes, all ways of voting together. The range is where the share agreeing would lie nine times in ten if the room were asked again.",
        "report.agree": "Agree",
        "report.disagree": "Disagree",
        "report.pass": "Pass",
        "report.agreeingRange": "Agreeing, 90% range",
        "report.shareRange": "{share} ({low}–{high})",
        "report.apart": "What sets each group apart",
        "report.apartIntro": "Statements on which a group voted differently from everyone else (Polis's representative statements).",
        "report.apartNone": "Nothing sets this group apart: no statement divided it from everyone else by enough to be sure.",
        "report.agreedMore": "agreed more",
        "report.disagreedMore": "disagreed more",
        "report.map": "Opinion map",
        "report.mapIntro": "Each mark is a person; people who voted alike sit close together. Fill shows the opinion group found from the votes.",
        "report.mapIntroDeclared": "Each mark is a person; people who voted alike sit close together. Fill shows the opinion group found from the votes; shape shows the group people said they belong to.",
        "report.onMap.one": "{count} person is on the map.",
        "report.onMap.other": "{count} people are on the map.",
        "report.leftOut.one": "{count} more voted but is left out: they voted on too few statements to place (Polis places people with at least 7 votes, or votes on every statement when there are fewer).",
        "report.leftOut.other": "{count} more voted but are left out: they voted on too few statements to place (Polis places people with at least 7 votes, or votes on every statement when there are fewer).",
        "report.sketch": "With fewer than 30 people on the map, these groups are a sketch: a few votes can move someone to another group.",
        "report.silhouette": "Group separation (silhouette): {value} on a scale from -1 to 1; above 0.5 is clear, below 0.25 is weak.",
        "report.mapLegend": "Map legend",
        "report.mapGroup": "Opinion group {group}",
        "report.spoke": "Who spoke and wrote",
        "report.turnsNotRecorded": "Turns were not recorded, so these figures are of the ideas people wrote, not of who spoke.",
        "report.byGroup": "By group, per person",
        "report.byTable": "By table",
        "report.eachTalk": "{minutes} min talk, {ideas} ideas each",
        "report.eachTurns": "{turns} turns, {ideas} ideas each",
        "report.eachIdeas": "{ideas} ideas each; turns not recorded",
        "report.table": "Table {table}",
        "report.minutes": "{minutes} min",
        "report.turns.one": "{count} turn",
        "report.turns.other": "{count} turns",
        "report.ideasWritten.one": "{count} idea written",
        "report.ideasWritten.other": "{count} ideas written",
        "report.evenness": "evenness {value}",
        "report.tooLittle": "too little recorded to judge evenness",
        "report.tableFigure": "{amount}, {evenness}",
        "report.evennessOfIdeas": "Evenness is 1 − Gini of the ideas written: 1 when everyone at a table had an equal share, near 0 when one person had it all. Whole room: {value}.",
        "report.evennessOfTalk": "Evenness is 1 − Gini of what was said: 1 when everyone at a table had an equal share, near 0 when one person had it all. Whole room: {value}.",
        "report.dotVote": "Dot vote",
        "report.dotsFrom": "{dots} dots from {people} people",
        "report.budget": "Participatory budget",
        "report.budgetIntro": "Funded from most to fewest supporters while the budget lasts.",
        "report.budgetIntroOf": "Funded from most to fewest supporters while the budget of {budget} lasts.",
        "report.proposal": "Proposal",
        "report.cost": "Cost",
        "report.supporters": "Supporters",
        "report.allocated": "Allocated",
        "report.funded": "Funded",
        "report.fundedMark": "✔ funded",
        "report.counting": "How the votes were counted",
        "report.countingIntro": "Some votes were cast on paper or by a show of hands and typed in as totals. They are counted with the phone votes in every figure above; opinion groups use phone votes only, as they need each person's votes.",
        "report.phones": "Phones",
        "report.allTogether": "All together",
        "report.tally": "{agree} agree · {disagree} disagree · {pass} pass",
        "report.countedByGroup": "counted by group: {groups}",
        "report.method.paper-ballots": "Paper ballots",
        "report.method.show-of-hands": "Show of hands",
        "report.commitments": "Commitments",
        "report.what": "What",
        "report.who": "Who",
        "report.byWhen": "By when",
        "report.status": "Status",
        "report.footer": "Consensus uses Polis's group-informed consensus and representative-statement statistics. Opinion groups come from the votes (principal components, then k-means). Charts: solid = agree, grey = pass, hatched = disagree; the line under a bar, and the range in brackets, is where the share agreeing would lie nine times in ten (a 90% Wilson interval).",
        "report.votesByGroup": "Votes by group",
        "report.legend": "Legend",
        "report.legendAgree": "agree",
        "report.legendPass": "pass",
        "report.legendDisagree": "disagree",
        "report.noVotes": "no votes",
        "report.barCaption": "{agree} agree ({low}–{high}) · {disagree} disagree ({votes})",
        "report.note.noVotes": "Nobody voted on statements, so there are no consensus figures.",
        "report.note.unstable": "With {count} people voting, opinion groups are unstable: a few votes can move someone to another group. Read each group's agreement alongside the consensus score.",
        "report.note.overlap": "The opinion groups overlap a lot (silhouette {value}): treat them as a rough sketch, not camps.",
        "report.note.tooFew": "Too few people voted on enough statements to find opinion groups.",
        "report.note.paperOnly": "Every vote was counted on paper or by hands, as totals, so there are no opinion groups or consensus figures: see how the votes were counted.",
    ]
}
