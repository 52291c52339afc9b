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
        text(of: LiveMessage(view: view))
    }
}

private struct LiveMessage<View: JSONWritable>: JSONWritable {
    let view: View
    func writeJSON(to out: JSONOutput) { out.object { $0("view", view) } }
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
        out.object { o in
            o("index", index); o("number", number); o("kind", kind); o("title", title)
            o("question", question); o("structure", structure); o("turnRule", turnRule)
            o("turnSeconds", turnSeconds); o("thinkSeconds", thinkSeconds); o("minutes", minutes)
            o("remainingMs", remainingMs); o("paused", paused); o("running", running); o("round", round)
            o("isVote", isVote); o("isActionPlanning", isActionPlanning); o("voteMethod", voteMethod)
            o("dots", dots); o("budget", budget)
        }
    }
}

extension VoteTally: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in o("agree", agree); o("disagree", disagree); o("pass", pass); o("byGroup", byGroup) }
    }
}

extension ScreenView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("version", version); o("serverNow", serverNow); o("title", title); o("mainQuestion", mainQuestion)
            o("joinCode", joinCode); o("phase", phase); o("nextPhaseTitle", nextPhaseTitle); o("closed", closed)
            o("arrived", arrived); o("registered", registered); o("seating", seating); o("results", results)
            o("showResults", showResults); o("commitments", commitments); o("contributionCount", contributionCount)
        }
    }
}

extension ScreenView.SeatingBoard: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("round", round); o("tables", tables) } }
}

extension ScreenView.TableList: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("table", table); o("people", people) } }
}

extension ScreenView.Seated: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("name", name); o("role", role) } }
}

extension ScreenView.StatementResult: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("id", id); o("text", text); o("tally", tally); o("dots", dots) } }
}

extension ScreenView.CommitmentCard: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("text", text); o("owners", owners); o("due", due) } }
}

extension ConsoleView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("version", version); o("serverNow", serverNow); o("id", id); o("title", title); o("joinCode", joinCode)
            o("phase", phase); o("agenda", agenda); o("actions", actions); o("closed", closed)
            o("participants", participants); o("arrived", arrived); o("seatedRound", seatedRound)
            o("roundsPlanned", roundsPlanned); o("tables", tables); o("contributions", contributions)
            o("statements", statements); o("commitments", commitments); o("roomGini", roomGini)
        }
    }
}

extension ConsoleView.AgendaItem: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("index", index); o("number", number); o("title", title); o("kind", kind); o("minutes", minutes)
            o("status", status); o("isCurrent", isCurrent); o("isNext", isNext)
        }
    }
}

extension ConsoleView.AgendaAction: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("action", action); o("label", label); o("style", style) } }
}

extension ConsoleView.PersonRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("id", id); o("name", name); o("group", group); o("presence", presence); o("arrived", arrived); o("table", table)
        }
    }
}

extension ConsoleView.TableCard: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("table", table); o("members", members); o("contributions", contributions); o("topSharePercent", topSharePercent)
            o("gini", gini); o("balance", balance); o("locked", locked)
        }
    }
}

extension ConsoleView.TableCard.Member: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("id", id); o("name", name); o("role", role); o("turns", turns); o("seconds", seconds); o("contributions", contributions)
        }
    }
}

extension ConsoleView.ContributionRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("id", id); o("kind", kind); o("text", text); o("author", author); o("table", table); o("round", round); o("hidden", hidden)
        }
    }
}

extension ConsoleView.CommitmentRow: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in o("id", id); o("text", text); o("owners", owners); o("due", due); o("status", status) }
    }
}

extension ParticipantView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("version", version); o("serverNow", serverNow); o("title", title); o("joinCode", joinCode); o("me", me)
            o("phase", phase); o("closed", closed); o("seat", seat); o("upcoming", upcoming); o("statements", statements)
            o("tableContributions", tableContributions); o("myContributions", myContributions)
            o("myCommitments", myCommitments); o("turns", turns)
        }
    }
}

extension ParticipantView.Person: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("id", id); o("name", name) } }
}

extension ParticipantView.SeatView: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("round", round); o("table", table); o("role", role); o("roleName", roleName); o("roleDuty", roleDuty)
            o("tablemates", tablemates)
        }
    }
}

extension ParticipantView.UpcomingSeat: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("round", round); o("table", table); o("role", role) } }
}

extension ParticipantView.StatementChoice: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("id", id); o("text", text); o("cost", cost); o("myVote", myVote); o("agreed", agreed); o("disagreed", disagreed)
            o("passed", passed); o("myDots", myDots); o("chosen", chosen)
        }
    }
}

extension ParticipantView.ContributionLine: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("id", id); o("kind", kind); o("text", text) } }
}

extension ParticipantView.CommitmentLine: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("id", id); o("text", text); o("due", due); o("status", status) } }
}

extension ParticipantView.TurnPanel: JSONWritable {
    func writeJSON(to out: JSONOutput) {
        out.object { o in
            o("round", round); o("table", table); o("turnSeconds", turnSeconds); o("chips", chips); o("speakers", speakers)
        }
    }
}

extension ParticipantView.TurnPanel.Speaker: JSONWritable {
    func writeJSON(to out: JSONOutput) { out.object { o in o("id", id); o("name", name); o("turns", turns); o("seconds", seconds) } }
}
