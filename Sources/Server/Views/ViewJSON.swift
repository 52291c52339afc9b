/// A view that writes its own JSON, straight into a `JSONOutput`.
///
/// Live pages re-render after every change, and under a vote burst the console and projector views were
/// the server's largest cost: even the streaming `Encoder` pays for existential containers, a generic
/// metadata lookup and a dynamic cast per value. A view written by hand costs a byte copy per field.
/// The views stay `Codable` (the JSON API and the tests decode them); `ViewJSONTests` checks that both
/// encodings agree, so a field added to a view and forgotten here fails a test.
protocol JSONWritable {
    func writeJSON(to out: JSONOutput)
}

extension JSONOutput {
    /// Writes `{…}`, with the fields `body` adds in order.
    @inline(__always)
    func object(_ body: (inout JSONObjectWriter) -> Void) {
        bytes.append(0x7B)
        var writer = JSONObjectWriter(out: self)
        body(&writer)
        bytes.append(0x7D)
    }

    /// `value` as a complete JSON text.
    static func text(of value: some JSONWritable) -> String {
        let output = JSONOutput()
        value.writeJSON(to: output)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// `{"view": value}`: what a live page receives.
    static func liveMessage(_ view: some JSONWritable) -> String {
        text(of: ["view": view])
    }
}

/// Adds the fields of one object; an optional that is nil is left out, as synthesized `Encodable` does.
struct JSONObjectWriter {
    let out: JSONOutput
    private var isFirst = true

    init(out: JSONOutput) { self.out = out }

    private mutating func key(_ name: StaticString) {
        if !isFirst { out.bytes.append(0x2C) }
        isFirst = false
        out.bytes.append(0x22)
        // Keys are ASCII identifiers written in this module, so they need no escaping.
        name.withUTF8Buffer { out.bytes.append(contentsOf: $0) }
        out.bytes.append(0x22)
        out.bytes.append(0x3A)
    }

    mutating func callAsFunction<Value: JSONWritable>(_ name: StaticString, _ value: Value) {
        key(name)
        value.writeJSON(to: out)
    }

    mutating func callAsFunction<Value: JSONWritable>(_ name: StaticString, _ value: Value?) {
        guard let value else { return }
        key(name)
        value.writeJSON(to: out)
    }
}

extension String: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.writeString(self) }
}

extension Int: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.writeInteger(self) }
}

extension Int64: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.writeInteger(self) }
}

extension Bool: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.writeBool(self) }
}

extension Double: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.writeDouble(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.bytes.append(0x5B)
        for (index, element) in enumerated() {
            if index > 0 { out.bytes.append(0x2C) }
            element.writeJSON(to: out)
        }
        out.bytes.append(0x5D)
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.bytes.append(0x7B)
        for (index, (key, value)) in enumerated() {
            if index > 0 { out.bytes.append(0x2C) }
            out.writeString(key)
            out.bytes.append(0x3A)
            value.writeJSON(to: out)
        }
        out.bytes.append(0x7D)
    }
}

// MARK: - The views

extension PhaseView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("index", index); field("number", number); field("kind", kind); field("title", title)
            field("question", question); field("questionTranslations", questionTranslations)
            field("structure", structure); field("structureID", structureID); field("turnRule", turnRule)
            field("turnSeconds", turnSeconds); field("thinkSeconds", thinkSeconds); field("minutes", minutes)
            field("remainingMs", remainingMs); field("paused", paused); field("running", running); field("round", round)
            field("isVote", isVote); field("isActionPlanning", isActionPlanning); field("voteMethod", voteMethod)
            field("dots", dots); field("budget", budget)
        }
    }
}

extension VoteTally: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("agree", agree); field("disagree", disagree); field("pass", pass); field("byGroup", byGroup)
            field("onPaper", onPaper)
        }
    }
}

extension ScreenView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("version", version); field("serverNow", serverNow); field("title", title)
            field("mainQuestion", mainQuestion); field("mainQuestionTranslations", mainQuestionTranslations)
            field("joinCode", joinCode); field("phase", phase); field("nextPhaseTitle", nextPhaseTitle); field("closed", closed)
            field("arrived", arrived); field("registered", registered); field("seating", seating); field("results", results)
            field("showResults", showResults); field("commitments", commitments); field("contributionCount", contributionCount)
        }
    }
}

extension ScreenView.SeatingBoard: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("round", round); field("tables", tables)
        }
    }
}

extension ScreenView.TableList: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("table", table); field("people", people)
        }
    }
}

extension ScreenView.Seated: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("name", name); field("role", role); field("roleID", roleID)
        }
    }
}

extension ScreenView.StatementResult: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("text", text); field("tally", tally); field("dots", dots)
            field("cost", cost); field("supporters", supporters); field("funded", funded); field("translations", translations)
        }
    }
}

extension ScreenView.CommitmentCard: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("text", text); field("owners", owners); field("due", due)
        }
    }
}

extension ConsoleView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("version", version); field("serverNow", serverNow); field("id", id); field("title", title)
            field("joinCode", joinCode)
            field("phase", phase); field("agenda", agenda); field("actions", actions); field("closed", closed)
            field("participants", participants); field("arrived", arrived); field("seatedRound", seatedRound)
            field("roundsPlanned", roundsPlanned); field("seatFromRound", seatFromRound); field("absent", absent); field("waiting", waiting)
            field("seatedCount", seatedCount); field("tables", tables); field("contributions", contributions)
            field("statements", statements); field("commitments", commitments); field("roomGini", roomGini)
            field("runSheet", runSheet)
        }
    }
}

extension ConsoleView.RunSheet: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("now", now); field("next", next); field("nextMinutes", nextMinutes); field("tables", tables); field("contributions", contributions); field("votes", votes)
            field("commitments", commitments)
        }
    }
}

extension ConsoleView.AgendaItem: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("index", index); field("number", number); field("title", title); field("kind", kind); field("minutes", minutes)
            field("status", status); field("isCurrent", isCurrent); field("isNext", isNext)
        }
    }
}

extension ConsoleView.AgendaAction: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("action", action); field("label", label); field("style", style); field("confirm", confirm); field("phaseTitle", phaseTitle)
        }
    }
}

extension ConsoleView.PersonRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("name", name); field("group", group); field("presence", presence)
            field("arrived", arrived); field("absent", absent); field("claimed", claimed); field("table", table)
        }
    }
}

extension ConsoleView.TableCard: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("table", table); field("members", members); field("contributions", contributions)
            field("topSharePercent", topSharePercent)
            field("gini", gini); field("balance", balance); field("locked", locked)
        }
    }
}

extension ConsoleView.TableCard.Member: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("name", name); field("role", role); field("turns", turns); field("seconds", seconds)
            field("contributions", contributions)
        }
    }
}

extension ConsoleView.ContributionRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("kind", kind); field("text", text); field("author", author); field("table", table)
            field("round", round); field("hidden", hidden)
        }
    }
}

extension ConsoleView.CommitmentRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in field("id", id); field("text", text); field("owners", owners); field("due", due)
        field("status", status) }
    }
}

extension ParticipantView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("version", version); field("serverNow", serverNow); field("title", title); field("joinCode", joinCode)
            field("me", me)
            field("phase", phase); field("closed", closed); field("seat", seat); field("upcoming", upcoming)
            field("statements", statements)
            field("tableContributions", tableContributions); field("myContributions", myContributions)
            field("myCommitments", myCommitments); field("turns", turns); field("asks", asks)
        }
    }
}

extension ParticipantView.Asks: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("contribute", contribute); field("vote", vote); field("commit", commit); field("seat", seat)
        }
    }
}

extension ParticipantView.Person: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("name", name)
        }
    }
}

extension ParticipantView.SeatView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("round", round); field("table", table); field("role", role); field("roleName", roleName)
            field("roleDuty", roleDuty)
            field("tablemates", tablemates)
        }
    }
}

extension ParticipantView.UpcomingSeat: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("round", round); field("table", table); field("role", role)
        }
    }
}

extension ParticipantView.StatementChoice: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("text", text); field("cost", cost); field("myVote", myVote); field("agreed", agreed)
            field("disagreed", disagreed)
            field("passed", passed); field("myDots", myDots); field("chosen", chosen); field("translations", translations)
        }
    }
}

extension ParticipantView.ContributionLine: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("kind", kind); field("text", text)
        }
    }
}

extension ParticipantView.CommitmentLine: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("text", text); field("due", due); field("status", status)
        }
    }
}

extension ParticipantView.TurnPanel: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("round", round); field("table", table); field("turnSeconds", turnSeconds); field("chips", chips)
            field("speakers", speakers)
        }
    }
}

extension ParticipantView.TurnPanel.Speaker: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { field in
            field("id", id); field("name", name); field("turns", turns); field("seconds", seconds)
        }
    }
}
