import Foundation
import Testing
@testable import Server

@Suite("Seating from the console")
struct SeatingLockTests {
    static let people = (1...12).map { "p\($0),Person \($0),\($0 % 2 == 0 ? "students" : "staff")" }.joined(separator: "\n")

    func tables(_ view: [String: Any]) -> [Int: Set<String>] {
        var result: [Int: Set<String>] = [:]
        for table in view["tables"] as? [[String: Any]] ?? [] {
            result[table["table"] as! Int] = Set((table["members"] as! [[String: Any]]).map { $0["id"] as! String })
        }
        return result
    }

    @Test func aLockedTableStaysAsItIsWhenTheSeatingIsGeneratedAgain() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "id,name,group\n" + Self.people], json: true)
            let first = try #require(try await browser.post("/conversations/\(id)/seating", form: ["_csrf": csrf, "seed": "1"], json: true).json?["view"] as? [String: Any])
            let before = tables(first)
            #expect(before.count == 3)
            #expect(before.values.reduce(0) { $0 + $1.count } == 12)

            let locked = try await browser.post("/conversations/\(id)/seating/lock", form: ["_csrf": csrf, "table": "2", "locked": "true"], json: true)
            #expect(locked.status == .ok, "\(locked.text)")
            var changed = false
            for seed in 2...6 {
                let again = try #require(try await browser.post("/conversations/\(id)/seating", form: ["_csrf": csrf, "seed": "\(seed)"], json: true).json?["view"] as? [String: Any])
                let after = tables(again)
                #expect(after[2] == before[2], "the locked table kept its people")
                #expect(after.values.reduce(0) { $0 + $1.count } == 12, "everyone is seated once")
                #expect(Set(after.values.flatMap { $0 }).count == 12)
                changed = changed || after[1] != before[1]
            }
            #expect(changed, "the unlocked tables were re-seated")
            let missing = try await browser.post("/conversations/\(id)/seating/lock", form: ["_csrf": csrf, "table": "9", "locked": "true"], json: true)
            #expect(missing.status == .unprocessableContent)
        }
    }

    @Test func aRoomSmallerThanATableIsExplainedInTheDesignsWordsNotTheCommandLines() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "id,name\np1,Ana\np2,Ben\np3,Cai"], json: true)
            let refused = try await browser.post("/conversations/\(id)/seating", form: ["_csrf": csrf, "seed": "1"], json: true)
            #expect(refused.status == .unprocessableContent)
            let message = try #require(refused.json?["message"] as? String, "\(refused.text)")
            #expect(message.hasPrefix("Tables of 4 are larger than the room: there are only 3 people"), "\(message)")
            #expect(!message.contains("--"), "\(message)")
            #expect(refused.json?["field"] as? String == "seating")
        }
    }
}

@Suite("Operations")
struct OperationsTests {
    @Test func metricsCountAppendsButNotRetries() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            let before = try await browser.get("/metrics")
            #expect(before.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(before.text.contains("cocreate_events_appended_total 1"))
            let formID = UUID().uuidString
            for _ in 0..<2 {
                _ = try await browser.post("/conversations/\(id)/contributions", form: ["_csrf": csrf, "id": formID, "text": "once"], json: true)
            }
            let after = try await browser.get("/metrics")
            #expect(after.text.contains("cocreate_events_appended_total 2"))
            #expect(after.text.contains("cocreate_connected_clients 0"))
            #expect(after.text.contains("# TYPE cocreate_fanout_seconds histogram"))
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok)
            let ready = try await browser.get("/readyz")
            #expect(ready.text == "ready")
        }
    }
}
