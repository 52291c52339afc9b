import Foundation
import Testing
@testable import Server

/// Every console form and its API twin run the same command: the same input through either front
/// end writes the same event.
@Suite("The console and the API call the same commands")
struct FrontEndParityTests {
    struct Action: Sendable {
        var name: String
        var console: String
        var api: String
        var fields: [String: String]
        var event: String
    }

    static let actions: [Action] = [
        Action(name: "mark present", console: "/arrivals", api: "/arrivals", fields: ["participantID": "p1", "present": "false"], event: "participantLeft"),
        Action(name: "seat", console: "/seating", api: "/seating", fields: ["seed": "5"], event: "seatingPublished"),
        Action(name: "agenda", console: "/agenda", api: "/agenda", fields: ["action": "start"], event: "phaseStarted"),
        Action(name: "type in", console: "/contributions", api: "/contributions", fields: ["text": "From table 2's sheet", "table": "2"], event: "contributionAdded"),
        Action(name: "statement", console: "/statements", api: "/statements", fields: ["text": "More trees"], event: "statementAdded"),
        Action(name: "team", console: "/team", api: "/team", fields: ["username": "sam", "role": "observer"], event: "accessGranted"),
    ]

    /// The last event of a conversation's log, without what differs by nature (ids, times).
    func lastEvent(_ browser: Browser, _ id: String) async throws -> (type: String, payload: [String: Any]) {
        let log = try await browser.get("/conversations/\(id)/export.jsonl").text
        let last = try #require(log.split(separator: "\n").last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        var payload = (last["event"] ?? last["payload"]) as? [String: Any] ?? [:]
        for derived in ["contributionID", "statementID"] { payload[derived] = nil }
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
                let (id, _) = try await browser.createConversation(csrf: csrf)
                _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "id,name\np1,Ada\np2,Bayo\np3,Chen\np4,Dee\n"], json: true)
                let answer: Browser.Page
                if viaAPI {
                    var body: [String: Any] = action.fields
                    for (key, value) in action.fields { if let number = Int(value) { body[key] = number } else if value == "false" { body[key] = false } }
                    answer = try await browser.postJSON("/api/v1/conversations/\(id)\(action.api)", body, headers: [.init("X-CSRF-Token")!: csrf])
                } else {
                    answer = try await browser.post("/conversations/\(id)\(action.console)", form: action.fields.merging(["_csrf": csrf]) { $1 })
                }
                #expect(answer.status.code < 400, "\(name) via \(viaAPI ? "API" : "console"): \(answer.status) \(answer.text.prefix(200))")
                written.append(try await lastEvent(browser, id))
            }
            #expect(written[0].type == action.event && written[1].type == action.event, "\(written.map(\.type))")
            #expect(NSDictionary(dictionary: written[0].payload).isEqual(to: written[1].payload), "\(written[0].payload) vs \(written[1].payload)")
        }
    }
}
