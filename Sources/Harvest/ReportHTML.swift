import Foundation

extension HarvestReport {
    /// The report as one standalone HTML page in `words`' language: inline CSS, inline SVG, no
    /// scripts, no external files, every text escaped. Prints on A4 with sections kept whole.
    public static func html(_ report: HarvestReportInput, words: ReportWords = .english) -> String {
        ReportPage(report: report, w: words).html()
    }
}

/// One report drawn in one language: each section a method, reading the report and its words.
struct ReportPage {
    let report: HarvestReportInput
    let w: ReportWords

    func e(_ text: String) -> String { ReportCharts.escape(text) }
    func percent(_ value: Double) -> String { ReportCharts.percent(value) }
    var charts: ReportCharts.Drawing { ReportCharts.Drawing(words: w) }

    func html() -> String {
        var body = ""
        body += "<header><p class=\"kicker\">\(e(w("report.kicker")))\(report.date.isEmpty ? "" : " · " + e(report.date))</p>"
        // The conversation's own words keep their direction in a page of another language.
        body += "<h1 dir=\"auto\">\(e(report.title))</h1>"
        if !report.question.isEmpty { body += "<p class=\"question\" dir=\"auto\">\(e(report.question))</p>" }
        if !report.details.isEmpty { body += "<p class=\"details\" dir=\"auto\">\(e(report.details))</p>" }
        body += "</header>"
        body += summary()
        for note in report.notes { body += "<p class=\"note\"><strong>\(e(w("report.pleaseNote")))</strong> \(e(w(note.key, note.values)))</p>" }
        body += whoTookPart()
        body += themes()
        body += agreement()
        body += majority()
        body += counting()
        body += statements(report.divisive, id: "divisive", title: w("report.divisive"), intro: w("report.divisiveIntro"))
        body += representative()
        body += opinionMap()
        body += everyStatement()
        body += participation()
        body += ballots()
        body += commitments()
        body += "<footer><p>\(e(w("report.footer")))</p></footer>"
        return """
            <!DOCTYPE html>
            <html lang="\(e(w.language))" dir="\(e(w.direction))"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(w("report.pageTitle", ["title": report.title])))</title>
            <style>\(HarvestReport.css)</style></head>
            <body>\(ReportCharts.definitions)<main>\(body)</main></body></html>

            """
    }

    private func summary() -> String {
        var facts = [w.count("report.tookPart", report.participantCount)]
        if !report.themes.isEmpty { facts.append(w.count("report.themeCount", report.themes.count)) }
        if let kind = report.groupKind, !report.groupNames.isEmpty {
            if kind == .declared {
                facts.append(w.count("report.groupCount", report.groupNames.count))
            } else {
                // Only people who voted enough are grouped; say so, or the groups seem to cover everyone.
                let groups = w.count("report.opinionGroupCount", report.groupNames.count)
                facts.append(report.leftOutOfMap > 0 ? w("report.amongOnMap", ["groups": groups, "people": String(report.opinionMap.count)]) : groups)
            }
        }
        if !report.commitments.isEmpty { facts.append(w.count("report.commitmentCount", report.commitments.count)) }
        return "<p class=\"facts\">" + facts.map(e).joined(separator: " · ") + "</p>"
    }

    private func whoTookPart() -> String {
        guard !report.participation.isEmpty else { return "" }
        var out = "<section><h2>\(e(w("report.whoTookPart")))</h2>"
        out += charts.valueBars(report.participation.map { ($0.group.isEmpty ? w("report.notGiven") : $0.group, Double($0.people), w.count("report.people", $0.people)) })
        if !report.names.isEmpty { out += "<p class=\"small\">" + e(report.names.joined(separator: ", ")) + "</p>" }
        return out + "</section>"
    }

    private func themes() -> String {
        guard !report.themes.isEmpty else { return "" }
        var out = "<section><h2>\(e(w("report.themes")))</h2><div class=\"themes\">"
        for theme in report.themes {
            out += "<div class=\"theme\"><h3 dir=\"auto\">\(e(theme.label)) <span class=\"count\">\(theme.items.count)</span></h3><ul>"
            for item in theme.items.prefix(8) { out += "<li dir=\"auto\">\(e(item))</li>" }
            if theme.items.count > 8 { out += "<li class=\"more\">\(e(w("report.andMore", ["count": String(theme.items.count - 8)])))</li>" }
            out += "</ul></div>"
        }
        return out + "</div></section>"
    }

    private func statements(_ rows: [HarvestReportInput.StatementRow], id: String, title: String, intro: String) -> String {
        guard !rows.isEmpty else { return "" }
        var out = "<section id=\"\(id)\"><h2>\(e(title))</h2><p class=\"intro\">\(e(intro))</p>\(charts.barLegend)"
        for row in rows { out += statementBlock(row) }
        return out + "</section>"
    }

    private func statementBlock(_ row: HarvestReportInput.StatementRow, tag: String? = nil) -> String {
        var out = "<div class=\"statement\"><p>"
        if let tag { out += "<span class=\"tag\">\(e(tag))</span> " }
        out += quoted(row) + "</p>"
        var bars = row.groups.map { (label: groupLabel($0.group), tally: $0.tally) }
        bars.append((label: w("report.everyone"), tally: row.total))
        return out + charts.groupBars(bars) + "</div>"
    }

    /// Statements called agreed only when every group agrees by the stated margin, with the weakest group named,
    /// so a high share of a handful of votes is not passed off as agreement.
    private func agreement() -> String {
        guard !report.groupNames.isEmpty, !report.consensus.isEmpty else { return "" }
        var out = "<section id=\"consensus\"><h2>\(e(w("report.agreed")))</h2><p class=\"intro\">"
        out += e(w("report.agreedIntro", ["margin": percent(report.agreementThreshold)])) + "</p>"
        guard !report.agreed.isEmpty else {
            return out + "<p class=\"none\">\(e(w("report.agreedNone")))</p></section>"
        }
        out += charts.barLegend
        for row in report.agreed {
            out += statementBlock(row, tag: w("report.agreedTag"))
            let lower = { (votes: HarvestReportInput.GroupVotes) in ShareInterval.ninety(successes: votes.tally.agree, of: votes.tally.votes).lower }
            if let weakest = row.groups.min(by: { lower($0) < lower($1) }) {
                out += "<p class=\"small\">" + e(w("report.leastSure", [
                    "group": groupLabel(weakest.group), "agree": String(weakest.tally.agree), "votes": String(weakest.tally.votes),
                    "low": percent(lower(weakest)),
                ])) + "</p>"
            }
        }
        return out + "</section>"
    }

    private func majority() -> String {
        let rows = report.majorityAgree.map { ($0, true) } + report.majorityDisagree.map { ($0, false) }
        guard !rows.isEmpty else { return "" }
        var out = "<section id=\"majority\"><h2>\(e(w("report.majority")))</h2><p class=\"intro\">\(e(w("report.majorityIntro")))</p>"
        out += "<table><thead><tr><th>\(e(w("report.statement")))</th><th>\(e(w("report.everyone")))</th></tr></thead><tbody>"
        for (row, agreed) in rows {
            let share = agreed ? row.total.agreeRate : row.total.disagreeRate
            let range = ShareInterval.ninety(successes: agreed ? row.total.agree : row.total.disagree, of: row.total.votes)
            let figure = w(agreed ? "report.majorityAgree" : "report.majorityDisagree", [
                "share": percent(share), "low": percent(range.lower), "high": percent(range.upper), "votes": String(row.total.votes),
            ])
            out += "<tr><td>\(quoted(row))</td><td class=\"nowrap\">\(e(figure))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    /// The statement in quotes, with its other wordings beneath, each marked with its language.
    func quoted(_ row: HarvestReportInput.StatementRow) -> String {
        var out = "<bdi>\(e(w("report.quoted", ["text": row.text])))</bdi>"
        for translation in row.translations {
            out += "<span class=\"translation\" lang=\"\(e(translation.language))\" dir=\"auto\">\(e(translation.text))</span>"
        }
        return out
    }

    /// Every statement with its one tally, phones and paper together, and the agree share's 90% range:
    /// the table a reader checks any other figure against.
    private func everyStatement() -> String {
        guard !report.everyStatement.isEmpty else { return "" }
        var out = "<section id=\"every-statement\"><h2>\(e(w("report.every")))</h2><p class=\"intro\">\(e(w("report.everyIntro")))</p>"
        let headings = ["report.statement", "report.agree", "report.disagree", "report.pass", "report.agreeingRange"]
        out += "<table><thead><tr>" + headings.map { "<th>\(e(w($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for row in report.everyStatement {
            let tally = row.total, range = ShareInterval.ninety(successes: tally.agree, of: tally.votes)
            out += "<tr data-statement=\"\(e(row.id))\"><td>\(quoted(row))</td><td>\(tally.agree)</td><td>\(tally.disagree)</td><td>\(tally.pass)</td>"
            out += "<td class=\"nowrap\">\(e(w("report.shareRange", ["share": percent(tally.agreeRate), "low": percent(range.lower), "high": percent(range.upper)])))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    func groupLabel(_ group: String) -> String {
        report.groupKind == .opinion ? w("report.opinionGroup", ["group": group]) : group
    }

    private func representative() -> String {
        guard !report.groupNames.isEmpty, !report.consensus.isEmpty else { return "" }
        var out = "<section><h2>\(e(w("report.apart")))</h2><p class=\"intro\">\(e(w("report.apartIntro")))</p>"
        for group in report.groupNames {
            let rows = report.representative.filter { $0.group == group }
            out += "<h3>\(e(groupLabel(group)))</h3>"
            if rows.isEmpty { out += "<p class=\"none\">\(e(w("report.apartNone")))</p>" }
            for row in rows { out += statementBlock(row.statement, tag: w(row.side == .agree ? "report.agreedMore" : "report.disagreedMore")) }
        }
        return out + "</section>"
    }

    private func opinionMap() -> String {
        guard !report.opinionMap.isEmpty else { return "" }
        let groups = Array(Set(report.opinionMap.map(\.opinionGroup))).sorted()
        let declared = Array(Set(report.opinionMap.compactMap(\.declaredGroup))).sorted()
        var out = "<section><h2>\(e(w("report.map")))</h2><p class=\"intro\">\(e(w(declared.isEmpty ? "report.mapIntro" : "report.mapIntroDeclared")))</p>"
        out += "<div class=\"map-row\">" + charts.opinionMap(report.opinionMap, groups: groups) + charts.mapLegend(groups: groups, declared: declared) + "</div>"
        if report.leftOutOfMap > 0 {
            out += "<p class=\"small\">\(e(w.count("report.onMap", report.opinionMap.count))) \(e(w.count("report.leftOut", report.leftOutOfMap)))</p>"
        }
        if report.tentativeGroups { out += "<p class=\"small\">\(e(w("report.sketch")))</p>" }
        if let strength = report.opinionGroupStrength {
            out += "<p class=\"small\">\(e(w("report.silhouette", ["value": String(format: "%.2f", strength)])))</p>"
        }
        return out + "</section>"
    }

    private func participation() -> String {
        guard let equity = report.equity, !equity.byPerson.isEmpty else { return "" }
        func one(_ value: Double, _ format: String = "%.1f") -> String { String(format: format, value) }
        var out = "<section><h2>\(e(w("report.spoke")))</h2>"
        if equity.measure == .contributions { out += "<p class=\"note\">\(e(w("report.turnsNotRecorded")))</p>" }
        if !equity.byGroup.isEmpty {
            out += "<h3>\(e(w("report.byGroup")))</h3>"
            out += charts.valueBars(equity.byGroup.map { share in
                let people = Double(max(share.people, 1))
                let ideas = one(Double(share.contributions) / people)
                switch equity.measure {
                case .talkTime: return (share.key, share.talkSeconds / 60 / people, w("report.eachTalk", ["minutes": one(share.talkSeconds / 60 / people), "ideas": ideas]))
                case .turns: return (share.key, Double(share.turns) / people, w("report.eachTurns", ["turns": one(Double(share.turns) / people), "ideas": ideas]))
                case .contributions: return (share.key, Double(share.contributions) / people, w("report.eachIdeas", ["ideas": ideas]))
                }
            })
        }
        if !equity.byTable.isEmpty {
            out += "<h3>\(e(w("report.byTable")))</h3>"
            out += charts.valueBars(equity.byTable.map { share in
                let value: Double, amount: String
                switch equity.measure {
                case .talkTime: value = share.talkSeconds / 60; amount = w("report.minutes", ["minutes": one(value, "%.0f")])
                case .turns: value = Double(share.turns); amount = w.count("report.turns", share.turns)
                case .contributions: value = Double(share.contributions); amount = w.count("report.ideasWritten", share.contributions)
                }
                let enough = (equity.recordedByTable[share.key] ?? 0) >= ParticipationEquity.fewestToJudge
                let evenness = enough ? w("report.evenness", ["value": one(1 - (equity.giniByTable[share.key] ?? 0), "%.2f")]) : w("report.tooLittle")
                return (w("report.table", ["table": share.key]), value, w("report.tableFigure", ["amount": amount, "evenness": evenness]))
            }, fill: "#7a7a7a")
        }
        let explained = w(equity.measure == .contributions ? "report.evennessOfIdeas" : "report.evennessOfTalk", ["value": one(1 - equity.roomGini, "%.2f")])
        return out + "<p class=\"small\">\(e(explained))</p></section>"
    }

    private func ballots() -> String {
        var out = ""
        if !report.dotVotes.isEmpty {
            out += "<section><h2>\(e(w("report.dotVote")))</h2>"
            out += charts.valueBars(report.dotVotes.map {
                ($0.option.text, Double($0.dots), w("report.dotsFrom", ["dots": String($0.dots), "people": String($0.supporters)]))
            })
            out += "</section>"
        }
        if !report.budget.isEmpty {
            let intro = report.budgetTotal.map { w("report.budgetIntroOf", ["budget": String(format: "%.0f", $0)]) } ?? w("report.budgetIntro")
            let headings = ["report.proposal", "report.cost", "report.supporters", "report.allocated", "report.funded"]
            out += "<section><h2>\(e(w("report.budget")))</h2><p class=\"intro\">\(e(intro))</p><table><thead><tr>"
            out += headings.map { "<th>\(e(w($0)))</th>" }.joined() + "</tr></thead><tbody>"
            for row in report.budget {
                out += "<tr><td dir=\"auto\">\(e(row.proposal.title))</td><td>\(String(format: "%.0f", row.proposal.cost))</td><td>\(row.approvals)</td>"
                out += "<td>\(String(format: "%.0f", row.allocated))</td><td>\(row.funded ? e(w("report.fundedMark")) : "–")</td></tr>"
            }
            out += "</tbody></table></section>"
        }
        return out
    }

    /// Where each count came from, when some were made on paper or by hands: one column per way
    /// of voting and one for all together, so a reader can check every figure above.
    private func counting() -> String {
        guard !report.counting.isEmpty else { return "" }
        let methods = PaperCount.Method.allCases.filter { method in report.counting.contains { $0.paper.contains { $0.method == method } } }
        func tally(_ tally: VoteTally?) -> String? {
            guard let tally, tally.votes > 0 else { return nil }
            return e(w("report.tally", ["agree": String(tally.agree), "disagree": String(tally.disagree), "pass": String(tally.pass)]))
        }
        var out = "<section id=\"counting\"><h2>\(e(w("report.counting")))</h2><p class=\"intro\">\(e(w("report.countingIntro")))</p>"
        out += "<table><thead><tr><th>\(e(w("report.statement")))</th><th>\(e(w("report.phones")))</th>"
        out += methods.map { "<th>\(e(w("report.method.\($0.rawValue)")))</th>" }.joined() + "<th>\(e(w("report.allTogether")))</th></tr></thead><tbody>"
        for row in report.counting {
            out += "<tr><td dir=\"auto\">\(e(row.text))</td><td>\(tally(row.phones) ?? "–")</td>"
            for method in methods {
                let count = row.paper.first { $0.method == method }
                var cell = tally(count?.tally) ?? "–"
                if let groups = count?.groups, !groups.isEmpty {
                    cell += "<br><span class=\"small\">\(e(w("report.countedByGroup", ["groups": groups.joined(separator: ", ")])))</span>"
                }
                out += "<td>\(cell)</td>"
            }
            out += "<td>" + (tally(row.together).map { "<strong>\($0)</strong>" } ?? "–") + "</td></tr>"
        }
        return out + "</tbody></table></section>"
    }

    private func commitments() -> String {
        guard !report.commitments.isEmpty else { return "" }
        let headings = ["report.what", "report.who", "report.byWhen", "report.status"]
        var out = "<section><h2>\(e(w("report.commitments")))</h2><table><thead><tr>" + headings.map { "<th>\(e(w($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for item in report.commitments {
            out += "<tr><td dir=\"auto\">\(e(item.text))</td><td>\(e(item.owners.joined(separator: ", ")))</td><td class=\"nowrap\">\(e(item.due ?? ""))</td><td>\(e(item.status))</td></tr>"
        }
        return out + "</tbody></table></section>"
    }
}

extension HarvestReport {
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
        svg,.chart{direction:ltr}\
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
