import Foundation
import Testing
@testable import Server

@Suite("Re-seating a room that is under way")
struct ReseatingTests {
    static let people = (1...12).map { "p\($0),Person \($0),\($0 % 2 == 0 ? "pupil" : "parent")" }.joined(separator: "\n")

    @Test func everyoneNotMarkedAbsentIsSeatedAndTheConsoleNamesWhoIsLeftOut() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "id,name,group\n" + Self.people], json: true)
            // Three ticked as arrived, two marked absent, seven never ticked: the seven are in the room too.
            for person in ["p1", "p2", "p3"] {
                _ = try await browser.post("/conversations/\(id)/arrivals", form: ["_csrf": csrf, "participantID": person, "present": "true"], json: true)
            }
            for person in ["p4", "p5"] {
                _ = try await browser.post("/conversations/\(id)/arrivals", form: ["_csrf": csrf, "participantID": person, "present": "false"], json: true)
            }
            _ = try await browser.post("/conversations/\(id)/agenda", form: ["_csrf": csrf, "action": "start"], json: true)
            let seated = try await browser.post("/conversations/\(id)/seating", form: ["_csrf": csrf, "seed": "3"], json: true)
            let view = try #require(seated.json?["view"] as? [String: Any], "\(seated.text.prefix(300))")
            let members = (view["tables"] as? [[String: Any]] ?? []).flatMap { ($0["members"] as? [[String: Any]] ?? []).map { $0["id"] as! String } }
            #expect(Set(members) == Set((1...12).map { "p\($0)" }).subtracting(["p4", "p5"]))
            #expect(members.count == 10)
            #expect(view["absent"] as? [String] == ["Person 4", "Person 5"])
            #expect(view["seatedCount"] as? Int == 10)

            let everyone = try await browser.post("/conversations/\(id)/arrivals/everyone", form: ["_csrf": csrf], json: true)
            let after = try #require(everyone.json?["view"] as? [String: Any])
            #expect(after["arrived"] as? Int == 10)
            let page = try await browser.get("/conversations/\(id)").text
            #expect(page.contains(#"id="unseated""#) && page.contains("Person 4"))
        }
    }
}
