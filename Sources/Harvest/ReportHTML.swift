import Foundation

extension HarvestReport {
    /// The report as one standalone HTML page: inline CSS, inline SVG, no scripts, no external
    /// files, every text escaped. Prints on A4 with sections kept whole.
    public static func html(_ report: HarvestReportInput) -> String {
        let e = ReportCharts.escape
        var body = ""
        body += "<header><p class=\"kicker\">Conversation report\(report.date.isEmpty ? "" : " · " + e(report.date))</p>"
        body += "<h1>\(e(report.title))</h1>"
        if !report.question.isEmpty { body += "<p class=\"question\">\(e(report.question))</p>" }
        if !report.details.isEmpty { body += "<p class=\"details\">\(e(report.details))</p>" }
        body += "</header>"
        body += summary(report)
        for note in report.notes { body += "<p class=\"note\"><strong>Please note:</strong> \(e(note))</p>" }
        body += whoTookPart(report)
        body += themes(report)
        body += agreement(report)
        body += majority(report)
        body += counting(report)
        body += statements(
            report.divisive, report: report, id: "divisive", title: "Where groups differ",
            intro: "Statements on which the groups' agreement differs most. These are the conversations still to have.")
        body += representative(report)
        body += opinionMap(report)
        body += everyStatement(report)
        body += participation(report)
        body += ballots(report)
        body += commitments(report)
        body += "<footer><p>Consensus uses Polis's group-informed consensus and representative-statement statistics. Opinion groups come from the votes (principal components, then k-means). Charts: solid = agree, grey = pass, hatched = disagree; the line under a bar, and the range in brackets, is where the share agreeing would lie nine times in ten (a 90% Wilson interval).</p></footer>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(report.title)) – conversation report</title>
            <style>\(css)</style></head>
            <body>\(ReportCharts.definitions)<main>\(body)</main></body></html>

            """
    }

    private static func summary(_ report: HarvestReportInput) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        var facts = [count(report.participantCount, "person", "people") + " took part"]
        if !report.themes.isEmpty { facts.append(count(report.themes.count, "theme", "themes")) }
        if let kind = report.groupKind, !report.groupNames.isEmpty {
            if kind == .declared {
                facts.append(count(report.groupNames.count, "group", "groups"))
            } else {
                // Only people who voted enough are grouped; say so, or the groups seem to cover everyone.
                let placed = report.leftOutOfMap > 0 ? " among the \(report.opinionMap.count) on the map" : ""
                facts.append(count(report.groupNames.count, "opinion group", "opinion groups") + placed)
            }
        }
        if !report.commitments.isEmpty { facts.append(count(report.commitments.count, "commitment", "commitments")) }
        return "<p class=\"facts\">" + facts.map(ReportCharts.escape).joined(separator: " · ") + "</p>"
    }

    private static func whoTookPart(_ report: HarvestReportInput) -> String {
        guard !report.participation.isEmpty else { return "" }
        var out = "<section><h2>Who took part</h2>"
        out += ReportCharts.valueBars(report.participation.map { ($0.group, Double($0.people), "\($0.people) \($0.people == 1 ? "person" : "people")") })
        if !report.names.isEmpty { out += "<p class=\"small\">" + ReportCharts.escape(report.names.joined(separator: ", ")) + "</p>" }
        return out + "</section>"
    }

    private static func themes(_ report: HarvestReportInput) -> String {
        guard !report.themes.isEmpty else { return "" }
        var out = "<section><h2>Themes</h2><div class=\"themes\">"
        for theme in report.themes {
            out += "<div class=\"theme\"><h3>\(ReportCharts.escape(theme.label)) <span class=\"count\">\(theme.items.count)</span></h3><ul>"
            for item in theme.items.prefix(8) { out += "<li>\(ReportCharts.escape(item))</li>" }
            if theme.items.count > 8 { out += "<li class=\"more\">and \(theme.items.count - 8) more</li>" }
            out += "</ul></div>"
        }
        return out + "</div></section>"
    }

    private static func statements(_ rows: [HarvestReportInput.StatementRow], report: HarvestReportInput, id: String, title: String, intro: String) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "<section id=\"\(id)\"><h2>\(ReportCharts.escape(title))</h2><p class=\"intro\">\(ReportCharts.escape(intro))</p>\(ReportCharts.barLegend)"
        for row in rows { out += statementBlock(row, report: report) }
        return out + "</section>"
    }

    private static func statementBlock(_ row: HarvestReportInput.StatementRow, report: HarvestReportInput, tag: String? = nil) -> String {
        var out = "<div class=\"statement\"><p>"
        if let tag { out += "<span class=\"tag\">\(ReportCharts.escape(tag))</span> " }
        out += quoted(row) + "</p>"
        var bars = row.groups.map { (label: groupLabel($0.group, report), tally: $0.tally) }
        bars.append((label: "Everyone", tally: row.total))
        return out + ReportCharts.groupBars(bars) + "</div>"
    }

    /// Statements called agreed only when every group agrees by the stated margin, with the weakest group named,
    /// so a high share of a handful of votes is not passed off as agreement.
    private static func agreement(_ report: HarvestReportInput) -> String {
        guard !report.groupNames.isEmpty, !report.consensus.isEmpty else { return "" }
        let margin = ReportCharts.percent(report.agreementThreshold)
        var out = "<section id=\"consensus\"><h2>What people agree on across groups</h2><p class=\"intro\">"
        out += "A statement is listed when, in every group, at least \(margin) agree even allowing for the group's size: "
        out += "the lower end of a 90% range around the group's agree share is \(margin) or more. Three of three agreeing is enough; two of two is not.</p>"
        guard !report.agreed.isEmpty else {
            return out + "<p class=\"none\">No statement was agreed in every group by that margin. See where the groups differ, and the majority view.</p></section>"
        }
        out += ReportCharts.barLegend
        for row in report.agreed {
            out += statementBlock(row, report: report, tag: "agreed in every group")
            if let weakest = row.groups.min(by: { ShareInterval.ninety(successes: $0.tally.agree, of: $0.tally.votes).lower < ShareInterval.ninety(successes: $1.tally.agree, of: $1.tally.votes).lower }) {
                let low = ShareInterval.ninety(successes: weakest.tally.agree, of: weakest.tally.votes).lower
                out += "<p class=\"small\">Least sure: \(ReportCharts.escape(groupLabel(weakest.group, report))), \(weakest.tally.agree) of \(weakest.tally.votes) agree (at least \(ReportCharts.percent(low)) with 90% confidence).</p>"
            }
        }
        return out + "</section>"
    }

    private static func majority(_ report: HarvestReportInput) -> String {
        let rows = report.majorityAgree.map { ($0, true) } + report.majorityDisagree.map { ($0, false) }
        guard !rows.isEmpty else { return "" }
        var out = "<section id=\"majority\"><h2>Majority view</h2><p class=\"intro\">Statements a clear majority of everyone agreed or disagreed with, whatever their group.</p><table><thead><tr><th>Statement</th><th>Everyone</th></tr></thead><tbody>"
        for (row, agreed) in rows {
            let share = agreed ? row.total.agreeRate : row.total.disagreeRate
            let range = ShareInterval.ninety(successes: agreed ? row.total.agree : row.total.disagree, of: row.total.votes)
            out += "<tr><td>\(quoted(row))</td><td class=\"nowrap\">\(ReportCharts.percent(share)) \(agreed ? "agree" : "disagree") "
            out += "(\(ReportCharts.percent(range.lower))–\(ReportCharts.percent(range.upper)), \(row.total.votes) votes)</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    /// The statement in quotes, with its other wordings beneath, each marked with its language.
    static func quoted(_ row: HarvestReportInput.StatementRow) -> String {
        var out = "“\(ReportCharts.escape(row.text))”"
        for translation in row.translations {
            out += "<span class=\"translation\" lang=\"\(ReportCharts.escape(translation.language))\" dir=\"auto\">\(ReportCharts.escape(translation.text))</span>"
        }
        return out
    }

    /// Every statement with its one tally, phones and paper together, and the agree share's 90% range:
    /// the table a reader checks any other figure against.
    private static func everyStatement(_ report: HarvestReportInput) -> String {
        guard !report.everyStatement.isEmpty else { return "" }
        var out = "<section id=\"every-statement\"><h2>Every statement</h2><p class=\"intro\">Each statement's votes, all ways of voting together. "
        out += "The range is where the share agreeing would lie nine times in ten if the room were asked again.</p>"
        out += "<table><thead><tr><th>Statement</th><th>Agree</th><th>Disagree</th><th>Pass</th><th>Agreeing, 90% range</th></tr></thead><tbody>"
        for row in report.everyStatement {
            let tally = row.total, range = ShareInterval.ninety(successes: tally.agree, of: tally.votes)
            out += "<tr data-statement=\"\(ReportCharts.escape(row.id))\"><td>\(quoted(row))</td><td>\(tally.agree)</td><td>\(tally.disagree)</td><td>\(tally.pass)</td>"
            out += "<td class=\"nowrap\">\(ReportCharts.percent(tally.agreeRate)) (\(ReportCharts.percent(range.lower))–\(ReportCharts.percent(range.upper)))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    static func groupLabel(_ group: String, _ report: HarvestReportInput) -> String {
        report.groupKind == .opinion ? "Group \(group)" : group
    }

    private static func representative(_ report: HarvestReportInput) -> String {
        guard !report.groupNames.isEmpty, !report.consensus.isEmpty else { return "" }
        var out = "<section><h2>What sets each group apart</h2><p class=\"intro\">Statements on which a group voted differently from everyone else (Polis's representative statements).</p>"
        for group in report.groupNames {
            let rows = report.representative.filter { $0.group == group }
            out += "<h3>\(ReportCharts.escape(groupLabel(group, report)))</h3>"
            if rows.isEmpty {
                out += "<p class=\"none\">Nothing sets this group apart: no statement divided it from everyone else by enough to be sure.</p>"
            }
            for row in rows { out += statementBlock(row.statement, report: report, tag: row.side == .agree ? "agreed more" : "disagreed more") }
        }
        return out + "</section>"
    }

    private static func opinionMap(_ report: HarvestReportInput) -> String {
        guard !report.opinionMap.isEmpty else { return "" }
        let groups = Array(Set(report.opinionMap.map(\.opinionGroup))).sorted()
        let declared = Array(Set(report.opinionMap.compactMap(\.declaredGroup))).sorted()
        var out = "<section><h2>Opinion map</h2><p class=\"intro\">Each mark is a person; people who voted alike sit close together. Fill shows the opinion group found from the votes"
        out += declared.isEmpty ? ".</p>" : "; shape shows the group people said they belong to.</p>"
        out += "<div class=\"map-row\">" + ReportCharts.opinionMap(report.opinionMap, groups: groups) + ReportCharts.mapLegend(groups: groups, declared: declared) + "</div>"
        let onMap = report.opinionMap.count
        if report.leftOutOfMap > 0 {
            out += "<p class=\"small\">\(onMap) \(onMap == 1 ? "person is" : "people are") on the map. \(report.leftOutOfMap) more voted but \(report.leftOutOfMap == 1 ? "is" : "are") left out: "
            out += "they voted on too few statements to place (Polis places people with at least 7 votes, or votes on every statement when there are fewer).</p>"
        }
        if report.tentativeGroups {
            out += "<p class=\"small\">With fewer than 30 people on the map, these groups are a sketch: a few votes can move someone to another group.</p>"
        }
        if let strength = report.opinionGroupStrength {
            out += "<p class=\"small\">Group separation (silhouette): \(String(format: "%.2f", strength)) on a scale from -1 to 1; above 0.5 is clear, below 0.25 is weak.</p>"
        }
        return out + "</section>"
    }

    private static func participation(_ report: HarvestReportInput) -> String {
        guard let equity = report.equity, !equity.byPerson.isEmpty else { return "" }
        var out = "<section><h2>Who spoke and wrote</h2>"
        if equity.measure == .contributions {
            out += "<p class=\"note\">Turns were not recorded, so these figures are of the ideas people wrote, not of who spoke.</p>"
        }
        if !equity.byGroup.isEmpty {
            out += "<h3>By group, per person</h3>"
            out += ReportCharts.valueBars(equity.byGroup.map { share in
                let people = Double(max(share.people, 1))
                let ideas = Double(share.contributions) / people
                switch equity.measure {
                case .talkTime: return (share.key, share.talkSeconds / 60 / people, String(format: "%.1f min talk, %.1f ideas each", share.talkSeconds / 60 / people, ideas))
                case .turns: return (share.key, Double(share.turns) / people, String(format: "%.1f turns, %.1f ideas each", Double(share.turns) / people, ideas))
                case .contributions: return (share.key, ideas, String(format: "%.1f ideas each; turns not recorded", ideas))
                }
            })
        }
        if !equity.byTable.isEmpty {
            out += "<h3>By table</h3>"
            out += ReportCharts.valueBars(equity.byTable.map { share in
                let value: Double, amount: String
                switch equity.measure {
                case .talkTime: value = share.talkSeconds / 60; amount = String(format: "%.0f min", value)
                case .turns: value = Double(share.turns); amount = share.turns == 1 ? "1 turn" : "\(share.turns) turns"
                case .contributions: value = Double(share.contributions); amount = share.contributions == 1 ? "1 idea written" : "\(share.contributions) ideas written"
                }
                let enough = (equity.recordedByTable[share.key] ?? 0) >= ParticipationEquity.fewestToJudge
                let evenness = enough ? String(format: "evenness %.2f", 1 - (equity.giniByTable[share.key] ?? 0)) : "too little recorded to judge evenness"
                return ("Table \(share.key)", value, "\(amount), \(evenness)")
            }, fill: "#7a7a7a")
        }
        let of = equity.measure == .contributions ? "the ideas written" : "what was said"
        out += "<p class=\"small\">Evenness is 1 − Gini of \(of): 1 when everyone at a table had an equal share, near 0 when one person had it all. Whole room: \(String(format: "%.2f", 1 - equity.roomGini)).</p>"
        return out + "</section>"
    }

    private static func ballots(_ report: HarvestReportInput) -> String {
        let e = ReportCharts.escape
        var out = ""
        if !report.dotVotes.isEmpty {
            out += "<section><h2>Dot vote</h2>"
            out += ReportCharts.valueBars(report.dotVotes.map { ($0.option.text, Double($0.dots), "\($0.dots) dots from \($0.supporters) people") })
            out += "</section>"
        }
        if !report.budget.isEmpty {
            out += "<section><h2>Participatory budget</h2><p class=\"intro\">Funded from most to fewest supporters while the budget\(report.budgetTotal.map { " of \(String(format: "%.0f", $0))" } ?? "") lasts.</p><table><thead><tr><th>Proposal</th><th>Cost</th><th>Supporters</th><th>Allocated</th><th>Funded</th></tr></thead><tbody>"
            for row in report.budget {
                out += "<tr><td>\(e(row.proposal.title))</td><td>\(String(format: "%.0f", row.proposal.cost))</td><td>\(row.approvals)</td><td>\(String(format: "%.0f", row.allocated))</td><td>\(row.funded ? "✔ funded" : "–")</td></tr>"
            }
            out += "</tbody></table></section>"
        }
        return out
    }

    /// Where each count came from, when some were made on paper or by hands: one column per way
    /// of voting and one for all together, so a reader can check every figure above.
    private static func counting(_ report: HarvestReportInput) -> String {
        guard !report.counting.isEmpty else { return "" }
        let e = ReportCharts.escape
        let methods = PaperCount.Method.allCases.filter { method in report.counting.contains { $0.paper.contains { $0.method == method } } }
        func cell(_ tally: VoteTally?) -> String {
            guard let tally, tally.votes > 0 else { return "<td>–</td>" }
            return "<td>\(tally.agree) agree · \(tally.disagree) disagree · \(tally.pass) pass</td>"
        }
        var out = "<section id=\"counting\"><h2>How the votes were counted</h2><p class=\"intro\">Some votes were cast on paper or by a show of hands and typed in as totals. They are counted with the phone votes in every figure above; opinion groups use phone votes only, as they need each person's votes.</p>"
        out += "<table><thead><tr><th>Statement</th><th>Phones</th>" + methods.map { "<th>\($0.label)</th>" }.joined() + "<th>All together</th></tr></thead><tbody>"
        for row in report.counting {
            out += "<tr><td>\(e(row.text))</td>" + cell(row.phones)
            for method in methods {
                let count = row.paper.first { $0.method == method }
                var text = cell(count?.tally)
                if let groups = count?.groups, !groups.isEmpty {
                    text = text.replacingOccurrences(of: "</td>", with: "<br><span class=\"small\">counted by group: \(e(groups.joined(separator: ", ")))</span></td>")
                }
                out += text
            }
            out += cell(row.together).replacingOccurrences(of: "<td>", with: "<td><strong>").replacingOccurrences(of: "</td>", with: "</strong></td>") + "</tr>"
        }
        return out + "</tbody></table></section>"
    }

    private static func commitments(_ report: HarvestReportInput) -> String {
        guard !report.commitments.isEmpty else { return "" }
        let e = ReportCharts.escape
        var out = "<section><h2>Commitments</h2><table><thead><tr><th>What</th><th>Who</th><th>By when</th><th>Status</th></tr></thead><tbody>"
        for item in report.commitments {
            out += "<tr><td>\(e(item.text))</td><td>\(e(item.owners.joined(separator: ", ")))</td><td class=\"nowrap\">\(e(item.due ?? ""))</td><td>\(e(item.status))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    static let css = """
        :root{color-scheme:light}*{box-sizing:border-box}\
        body{margin:0;background:#f4f3ef;color:#1a1a1a;font:15px/1.5 Georgia,'Times New Roman',serif}\
        main{max-width:860px;margin:0 auto;padding:40px 48px;background:#fff}\
        h1{font-size:30px;line-height:1.2;margin:4px 0 10px}h2{font:600 19px/1.3 Helvetica,Arial,sans-serif;border-bottom:2px solid #1a1a1a;padding-bottom:4px;margin:32px 0 10px}\
        h3{font:600 15px Helvetica,Arial,sans-serif;margin:16px 0 6px}\
        .kicker{font:600 12px Helvetica,Arial,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#555;margin:0}\
        .question{font-size:20px;font-style:italic;margin:0 0 8px}.details{color:#444;white-space:pre-line}\
        .facts{font:14px Helvetica,Arial,sans-serif;background:#efeee9;padding:8px 12px;border-left:4px solid #1a1a1a}\
        .note{font:13px Helvetica,Arial,sans-serif;border:1px solid #999;padding:8px 12px;background:#fafafa}\
        .translation{display:block;font-size:.9em;color:#333;margin-top:2px}\
        .intro,.small{font:13px Helvetica,Arial,sans-serif;color:#444}\
        .statement{margin:10px 0 14px;break-inside:avoid}.statement p{margin:0 0 4px}\
        .tag,.score,.count{font:600 11px Helvetica,Arial,sans-serif;border:1px solid #555;border-radius:3px;padding:0 4px;color:#333;white-space:nowrap}\
        .themes{columns:2;column-gap:28px}.theme{break-inside:avoid;margin-bottom:10px}.theme ul{margin:0;padding-left:18px}.theme li{margin:2px 0}.more{color:#666;list-style:none}\
        svg.bars{width:100%;max-width:640px;height:auto;display:block}.chart{overflow-x:auto}@media (max-width:640px){svg.bars{width:600px;max-width:none}}svg.legend{width:330px;height:auto;display:block;margin:4px 0}\
        svg .label,svg .value{font:11px Helvetica,Arial,sans-serif;fill:#1a1a1a}svg .group-letter{font:700 13px Helvetica,Arial,sans-serif}\
        .map-row{display:flex;gap:16px;align-items:flex-start;flex-wrap:wrap}svg.map{width:360px;max-width:100%;height:auto}\
        table{border-collapse:collapse;width:100%;font:13px Helvetica,Arial,sans-serif}th,td{border-bottom:1px solid #ccc;padding:5px 6px;text-align:left;vertical-align:top}th{border-bottom:2px solid #1a1a1a}\
        section{break-inside:auto}h2,h3{break-after:avoid}\
        td.nowrap{white-space:nowrap}footer{margin-top:32px;font:12px Helvetica,Arial,sans-serif;color:#555;border-top:1px solid #ccc;padding-top:8px}\
        @page{size:A4;margin:16mm}@media print{body{background:#fff}main{max-width:none;padding:0}.facts{background:none}}
        """
}
