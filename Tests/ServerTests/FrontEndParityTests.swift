import Foundation
import Testing
@testable import Server

/// Every console form and its API twin run the same command: the same input through either front
/// end writes the same event.
@Suite("The console and the API call the same commands")
struct FrontEndParityTests {
    struct Action: Sendable {
        var name: String
        /// The route under /conversations/ID (console) and /api/v1/conversations/ID (API); `{contribution}`,
        /// `{statement}`, `{theme}` and `{theme2}` stand for what `prepare` made.
        var path: String
        var fields: [String: String]
        var event: String
        /// Console forms posted first, in a fresh conversation of four people (p1 to p4).
        var prepare: [(String, [String: String])] = []
    }

    static let withStatement: [(String, [String: String])] = [("/statements", ["text": "More trees"])]
    static let withContribution: [(String, [String: String])] = [("/contributions", ["text": "Night buses to the station", "table": "1"])]
    static let withThemes: [(String, [String: String])] = [
        ("/contributions", ["text": "Night buses to the station", "table": "1"]), ("/contributions", ["text": "More night buses to the station", "table": "1"]),
        ("/contributions", ["text": "A library open on Sundays", "table": "2"]), ("/contributions", ["text": "Sunday hours for the library", "table": "2"]),
    ]

    /// Every console form with its twin in the API. Left out, with the reason: importing people (the console
    /// takes a CSV file, the API a JSON list; `test_cli_and_console_give_same_ids` checks they give the same
    /// people) and creating a conversation (not a conversation's action).
    static let actions: [Action] = [
        Action(name: "mark present", path: "/arrivals", fields: ["participantID": "p1", "present": "false"], event: "participantLeft"),
        Action(name: "everyone is here", path: "/arrivals/everyone", fields: [:], event: "participantArrived"),
        Action(name: "release a name", path: "/names/release", fields: ["participantID": "p1"], event: "nameReleased",
               prepare: [("/c/{code}/join", ["participantID": "p1"])]),
        Action(name: "seat", path: "/seating", fields: ["seed": "5"], event: "seatingPublished"),
        Action(name: "move a seat", path: "/seating/move", fields: ["participantID": "p1", "table": "1"], event: "seatingPublished",
               prepare: [("/seating", ["seed": "5"])]),
        Action(name: "lock a table", path: "/seating/lock", fields: ["table": "1", "locked": "true"], event: "tableLocked",
               prepare: [("/seating", ["seed": "5"])]),
        Action(name: "agenda", path: "/agenda", fields: ["action": "start"], event: "phaseStarted"),
        Action(name: "type in", path: "/contributions", fields: ["text": "From table 2's sheet", "table": "2"], event: "contributionAdded"),
        Action(name: "hide", path: "/contributions/{contribution}/hide", fields: ["reason": "off topic"], event: "contributionHidden",
               prepare: withContribution),
        Action(name: "show again", path: "/contributions/{contribution}/show", fields: [:], event: "contributionShown",
               prepare: withContribution + [("/contributions/{contribution}/hide", [:])]),
        Action(name: "statement", path: "/statements", fields: ["text": "More trees"], event: "statementAdded"),
        Action(name: "reword a statement", path: "/statements/edit", fields: ["statementID": "{statement}", "text": "Many more trees"], event: "statementAdded",
               prepare: withStatement),
        Action(name: "word a statement in Welsh", path: "/statements/translate", fields: ["statementID": "{statement}", "language": "cy", "text": "Llawer mwy o goed"],
               event: "statementTranslated", prepare: withStatement),
        Action(name: "word the question in Arabic", path: "/questions/translate", fields: ["language": "ar", "text": "كيف نجعل الملاحظات موضع ثقة؟"],
               event: "questionTranslated"),
        Action(name: "withdraw a statement", path: "/statements/withdraw", fields: ["statementID": "{statement}"], event: "statementWithdrawn",
               prepare: withStatement),
        Action(name: "paper tally", path: "/paper/tally", fields: ["statementID": "{statement}", "method": "show-of-hands", "agree": "3", "disagree": "1", "pass": "0"],
               event: "paperTallyRecorded", prepare: withStatement),
        Action(name: "paper commitment", path: "/paper/commitment", fields: ["text": "Write to the council", "outsideOwners": "the PTA", "due": "2027-01-31"],
               event: "commitmentMade"),
        Action(name: "name the conversation", path: "/name", fields: ["name": "Year 9, spring", "place": "The hall"], event: "conversationNamed"),
        Action(name: "learning", path: "/learnings", fields: ["phase": "1", "worked": "Round Robin", "change": "Longer rounds"], event: "learningRecorded"),
        Action(name: "results visibility", path: "/results-visibility", fields: ["visibility": "public"], event: "resultsVisibilitySet"),
        Action(name: "rename a theme", path: "/themes/rename", fields: ["theme": "{theme}", "label": "Buses"], event: "themeNamed", prepare: withThemes),
        Action(name: "move to a theme", path: "/themes/move", fields: ["item": "{contribution}", "toTheme": "{theme2}"], event: "themeNamed", prepare: withThemes),
        Action(name: "merge themes", path: "/themes/merge", fields: ["from": "{theme}", "into": "{theme2}"], event: "themeNamed", prepare: withThemes),
        Action(name: "team", path: "/team", fields: ["username": "sam", "role": "observer"], event: "accessGranted"),
        Action(name: "team removal", path: "/team/remove", fields: ["username": "sam"], event: "accessRevoked",
               prepare: [("/team", ["username": "sam", "role": "observer"])]),
    ]

    /// `{contribution}`, `{statement}`, `{theme}`, `{theme2}` and `{code}` as they are now in conversation `id`.
    func placeholders(_ browser: Browser, _ id: String, code: String) async throws -> [String: String] {
        let log = try await browser.get("/conversations/\(id)/export.jsonl").text
        var found = ["{code}": code]
        for line in log.split(separator: "\n") {
            guard let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let event = entry["event"] as? [String: Any] else { continue }
            if let contribution = event["contributionID"] as? String, entry["type"] as? String == "contributionAdded", found["{contribution}"] == nil {
                found["{contribution}"] = contribution
            }
            if let statement = event["statementID"] as? String, entry["type"] as? String == "statementAdded" { found["{statement}"] = statement }
        }
        let themes = try await browser.get("/conversations/\(id)/themes").text
        let ids = themes.matches(of: /name="theme" value="([^"]+)"/).map { String($0.output.1) }
        var distinct: [String] = []
        for theme in ids where !distinct.contains(theme) { distinct.append(theme) }
        found["{theme}"] = distinct.first
        found["{theme2}"] = distinct.dropFirst().first { $0 != distinct.first }
        return found
    }

    static func filled(_ text: String, _ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    /// The last event of a conversation's log, without what differs by nature (ids, times).
    func lastEvent(_ browser: Browser, _ id: String) async throws -> (type: String, payload: [String: Any]) {
        let log = try await browser.get("/conversations/\(id)/export.jsonl").text
        let last = try #require(log.split(separator: "\n").last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        var payload = (last["event"] ?? last["payload"]) as? [String: Any] ?? [:]
        // A theme's id is made from its contributions' ids, which are made afresh in each conversation.
        for derived in ["contributionID", "statementID", "commitmentID", "themeID", "at"] { payload[derived] = nil }
        // Ids made afresh in each conversation are compared by how many there are.
        if let items = payload["contributionIDs"] as? [Any] { payload["contributionIDs"] = items.count }
        return (last["type"] as? String ?? "", payload)
    }

    @Test(arguments: actions.map(\.name))
    func bothFrontEndsWriteTheSameEvent(_ name: String) async throws {
        let action = try #require(Self.actions.first { $0.name == name })
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { browser in
            let csrf = try await browser.signIn()
            var written: [(type: String, payload: [String: Any])] = []
            for viaAPI in [false, true] {
                let (id, code) = try await browser.createConversation(csrf: csrf)
                _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "id,name\np1,Ada\np2,Bayo\np3,Chen\np4,Dee\n"], json: true)
                for (path, fields) in action.prepare {
                    let values = try await placeholders(browser, id, code: code)
                    let target = path.hasPrefix("/c/") ? Self.filled(path, values) : "/conversations/\(id)\(Self.filled(path, values))"
                    let form = fields.mapValues { Self.filled($0, values) }.merging(["_csrf": csrf]) { $1 }
                    let prepared = try await (path.hasPrefix("/c/") ? browser.stranger() : browser).post(target, form: form)
                    #expect(prepared.status.code < 400, "preparing \(name): \(target) answered \(prepared.status) \(prepared.text.prefix(200))")
                }
                let values = try await placeholders(browser, id, code: code)
                let path = Self.filled(action.path, values)
                let fields = action.fields.mapValues { Self.filled($0, values) }
                let answer: Browser.Page
                if viaAPI {
                    var body: [String: Any] = fields
                    for (key, value) in fields {
                        if let number = Int(value), !key.hasSuffix("ID") { body[key] = number } else if value == "false" || value == "true" { body[key] = value == "true" }
                    }
                    answer = try await browser.postJSON("/api/v1/conversations/\(id)\(path)", body, headers: [.init("X-CSRF-Token")!: csrf])
                } else {
                    answer = try await browser.post("/conversations/\(id)\(path)", form: fields.merging(["_csrf": csrf]) { $1 })
                }
                #expect(answer.status.code < 400, "\(name) via \(viaAPI ? "API" : "console"): \(answer.status) \(answer.text.prefix(200))")
                written.append(try await lastEvent(browser, id))
            }
            #expect(written[0].type == action.event && written[1].type == action.event, "\(written.map(\.type))")
            let canonical = try written.map { String(decoding: try JSONSerialization.data(withJSONObject: $0.payload, options: [.sortedKeys]), as: UTF8.self) }
            #expect(canonical[0] == canonical[1])
        }
    }
}
