import Foundation
import Testing
@testable import Server

@Suite("Budget and dot votes from the phone's forms")
struct BallotTests {
    func statementID(_ page: Browser.Page, text: String) throws -> String {
        let statements = try #require((page.json?["view"] as? [String: Any])?["statements"] as? [[String: Any]], "\(page.text.prefix(200))")
        return try #require(statements.first { $0["text"] as? String == text }?["id"] as? String)
    }

    @Test func aBudgetChoiceWithinTheBudgetIsKeptAndOneOverItIsRefused() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(design: "school-participatory-budget", csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name,group\nAda,pupil\nBayo,parent\n"], json: true)
            let benches = try statementID(try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "Benches", "cost": "3000"], json: true), text: "Benches")
            let garden = try statementID(try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "A garden", "cost": "1500"], json: true), text: "A garden")
            let stage = try statementID(try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "A stage", "cost": "2500"], json: true), text: "A stage")

            let phone = browser.stranger()
            _ = try await phone.post("/c/\(code)/join", form: ["participantID": "Ada", "id": UUID().uuidString])
            // As the phone's form sends it: one statementIDs[] per ticked box.
            let chosen = try await phone.send("/c/\(code)/me/budget", method: .post,
                                              headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
                                              body: "statementIDs%5B%5D=\(benches)&statementIDs%5B%5D=\(garden)&id=\(UUID().uuidString)")
            #expect(chosen.status == .ok, "\(chosen.text.prefix(300))")
            let over = try await phone.send("/c/\(code)/me/budget", method: .post,
                                            headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
                                            body: "statementIDs%5B%5D=\(benches)&statementIDs%5B%5D=\(stage)")
            #expect(over.status == .unprocessableContent && over.text.contains("over the budget of 5000"))

            let dots = try await phone.send("/c/\(code)/me/dots", method: .post,
                                            headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
                                            body: "dots%5B\(garden)%5D=1")
            #expect(dots.status == .unprocessableContent, "this design gives no dots: \(dots.text.prefix(200))")

            let screen = try await browser.get("/api/v1/c/\(code)/screen").json
            let results = try #require(screen?["results"] as? [[String: Any]])
            let benchRow = try #require(results.first { $0["id"] as? String == benches })
            #expect(benchRow["supporters"] as? Int == 1 && benchRow["funded"] as? Bool == true && benchRow["cost"] as? Int == 3000)
            #expect(results.first { $0["id"] as? String == stage }?["funded"] as? Bool == false)
            let log = try await browser.get("/conversations/\(id)/export.jsonl").text
            #expect(log.split(separator: "\n").filter { $0.contains("\"budgetAllocated\"") }.count == 1)
        }
    }

    @Test func dotsArePlacedFromTheForm() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(design: "student-staff-partnership", csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name\nAda\n"], json: true)
            let trees = try statementID(try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "Trees"], json: true), text: "Trees")
            let phone = browser.stranger()
            _ = try await phone.post("/c/\(code)/join", form: ["participantID": "Ada", "id": UUID().uuidString])
            let placed = try await phone.send("/c/\(code)/me/dots", method: .post,
                                              headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
                                              body: "dots%5B\(trees)%5D=2")
            #expect(placed.status == .ok, "\(placed.text.prefix(200))")
            let tooMany = try await phone.send("/c/\(code)/me/dots", method: .post,
                                               headers: [.contentType: "application/x-www-form-urlencoded", .accept: "application/json"],
                                               body: "dots%5B\(trees)%5D=4")
            #expect(tooMany.status == .unprocessableContent && tooMany.text.contains("each person has 3"))
            let log = try await browser.get("/conversations/\(id)/export.jsonl").text
            #expect(log.contains("\"dotsPlaced\"") && log.contains("\"\(trees)\":2"))
        }
    }
}
