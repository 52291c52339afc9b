import Foundation

/// Builds and renders the one-page harvest report.
public enum HarvestReport {
    /// Runs every analysis the conversation has data for and gathers the report's content.
    /// Never throws: a conversation without votes gets a report without the vote sections and a note.
    public static func build(_ conversation: HarvestConversation, options: VoteAnalysisOptions = VoteAnalysisOptions()) -> HarvestReportInput {
        let analysis = try? VoteAnalysis.analyze(conversation.voting, declaredGroups: conversation.declaredGroups, options: options)
        return HarvestReportInput(conversation: conversation, analysis: analysis)
    }
}

extension HarvestReportInput {
    /// Gathers the report from a conversation and its vote analysis (nil when nobody voted).
    public init(conversation: HarvestConversation, analysis: VoteAnalysis?, statementsPerSection: Int = 6) {
        title = conversation.title
        question = conversation.question
        details = conversation.details
        date = conversation.date
        var notes: [ReportNote] = []

        // Who took part: everyone registered, or else everyone who voted or wrote.
        var people = Set(conversation.participants.map(\.id))
        if people.isEmpty {
            people.formUnion(analysis?.participants ?? [])
            people.formUnion(conversation.contributions.compactMap(\.author))
        }
        participantCount = people.count
        var byGroup: [String: Int] = [:]
        for person in conversation.participants { byGroup[person.group ?? "", default: 0] += 1 }
        participation = byGroup.map { GroupCount(group: $0.key, people: $0.value) }.sorted { $0.people != $1.people ? $0.people > $1.people : $0.group < $1.group }
        names = conversation.showNames ? conversation.participants.compactMap(\.name).sorted() : []

        let suggested = Themes.suggest(conversation.contributions)
        let themes = Themes.apply(conversation.themeEdits, to: suggested, contributions: conversation.contributions)
        let contributionText = Dictionary(conversation.contributions.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        self.themes = themes.map { ThemeSection(label: $0.label, items: $0.items.compactMap { contributionText[$0] }) }

        let comparison = analysis?.primary
        groupKind = comparison?.kind
        groupNames = comparison?.groupNames ?? []
        let statementsByID = Dictionary(conversation.voting.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let across = Dictionary((comparison?.statements ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let overall = VoteCounting.phoneTallies(conversation.voting)
        let names = groupNames
        // Paper counts join the phone votes in every figure that is a count: totals, and per group
        // when the room was counted by declared group. Opinion groups need each person's votes,
        // so counts of a crowd cannot join those.
        var paperTotal: [String: VoteTally] = [:], paperByGroup: [String: [String: VoteTally]] = [:]
        for count in conversation.paperCounts {
            paperTotal[count.statement, default: VoteTally()] = paperTotal[count.statement, default: VoteTally()] + count.tally
            if let group = count.group, comparison?.kind == .declared {
                paperByGroup[count.statement, default: [:]][group, default: VoteTally()] = paperByGroup[count.statement, default: [:]][group, default: VoteTally()] + count.tally
            }
        }
        func row(_ id: String) -> StatementRow {
            let statement = across[id]
            let groups = names.map { GroupVotes(group: $0, tally: (statement?.byGroup[$0] ?? VoteTally()) + (paperByGroup[id]?[$0] ?? VoteTally())) }
            let consensus = paperByGroup[id] == nil ? statement?.groupInformedConsensus : GroupInformedConsensus.value(groups.map(\.tally))
            return StatementRow(
                id: id, text: statementsByID[id]?.text ?? "", total: (statement?.total ?? overall[id] ?? VoteTally()) + (paperTotal[id] ?? VoteTally()),
                groups: groups, consensus: consensus, translations: statementsByID[id]?.translations ?? [])
        }
        let ranked = (comparison?.rankedByConsensus ?? []).map(row).sorted { ($0.consensus ?? 0) > ($1.consensus ?? 0) }
        consensus = Array(ranked.prefix(statementsPerSection))
        // Agreed means every group agrees by the stated margin, paper counts included; the analysis has already
        // left out meta statements ("I am a parent"), which say who people are, not what they think.
        let threshold = GroupComparison.agreedThreshold
        let candidates = Set(comparison?.agreedAcrossGroups ?? []).union(paperByGroup.keys)
        agreementThreshold = threshold
        agreed = Array(ranked.filter { statement in
            candidates.contains(statement.id) && !statement.groups.isEmpty
                && statement.groups.allSatisfy { ShareInterval.ninety(successes: $0.tally.agree, of: $0.tally.votes).lower >= threshold }
        }.prefix(statementsPerSection))
        leftOutOfMap = analysis?.polis?.leftOutForFewVotes ?? 0
        tentativeGroups = comparison?.kind == .opinion && analysis?.opinionGroups?.tentative == true
        majorityAgree = (analysis?.majorityConsensus.agree ?? []).map { row($0.id) }
        majorityDisagree = (analysis?.majorityConsensus.disagree ?? []).map { row($0.id) }
        divisive = (comparison?.divisive ?? []).prefix(statementsPerSection).map { row($0.id) }
        everyStatement = conversation.voting.statements.filter { !$0.moderatedOut }.map { row($0.id) }.filter { $0.total.votes > 0 }
        representative = names.flatMap { group in
            (comparison?.representative[group] ?? []).prefix(3).map { RepresentativeRow(group: group, side: $0.side, statement: row($0.id)) }
        }

        let declared = conversation.declaredGroups ?? [:]
        opinionMap = (analysis?.opinionGroups?.map ?? []).map { MapPoint(x: $0.x, y: $0.y, opinionGroup: $0.group, declaredGroup: declared[$0.participant]) }
        opinionGroupCount = analysis?.opinionGroups?.groupNames.count ?? 0
        opinionGroupStrength = analysis?.opinionGroups?.silhouette

        if analysis == nil {
            notes.append(ReportNote("report.note.noVotes"))
        } else if let groups = analysis?.opinionGroups {
            if groups.membership.count < 40 {
                notes.append(ReportNote("report.note.unstable", ["count": String(groups.membership.count)]))
            }
            if groups.silhouette < 0.25 {
                notes.append(ReportNote("report.note.overlap", ["value": String(format: "%.2f", groups.silhouette)]))
            }
        } else {
            notes.append(ReportNote("report.note.tooFew"))
        }

        let hasTalk = !conversation.turns.isEmpty || !conversation.contributions.isEmpty
        equity = hasTalk ? ParticipationEquity.measure(participants: conversation.participants, contributions: conversation.contributions, turns: conversation.turns) : nil
        dotVotes = conversation.dotVoting?.results() ?? []
        budget = conversation.budget?.results() ?? []
        budgetTotal = conversation.budget?.budget
        commitments = conversation.commitments
        counting = conversation.paperCounts.isEmpty ? [] : VoteCounting.counted(conversation.voting, paper: conversation.paperCounts)
        if analysis == nil, !counting.isEmpty {
            notes.removeAll { $0.key == "report.note.noVotes" }
            notes.append(ReportNote("report.note.paperOnly"))
        }
        self.notes = notes
    }
}
