import Foundation
import Testing
@testable import Server

@Suite("Undo: every undo is a new event, and what ends something can be taken back")
struct UndoTests {
    func view(_ page: Browser.Page) throws -> [String: Any] {
        try #require(page.json?["view"] as? [String: Any], "\(page.status) \(page.text.prefix(300))")
    }

    @Test func closeReopenBackShowAgainRewordAndWithdraw() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            let post = { (path: String, form: [String: String]) in try await browser.post("/conversations/\(id)\(path)", form: ["_csrf": csrf].merging(form) { $1 }, json: true) }

            _ = try await post("/agenda", ["action": "start"])
            _ = try await post("/agenda", ["action": "start"])
            let back = try view(try await post("/agenda", ["action": "back"]))
            #expect((back["phase"] as? [String: Any])?["index"] as? Int == 0, "back to the first phase")

            let closed = try view(try await post("/agenda", ["action": "close"]))
            #expect(closed["closed"] as? Bool == true)
            #expect((closed["actions"] as? [[String: Any]])?.map { $0["action"] as? String } == ["reopen"])
            let reopened = try view(try await post("/agenda", ["action": "reopen"]))
            #expect(reopened["closed"] as? Bool == false)

            let added = try view(try await post("/contributions", ["text": "Safer crossings by the school"]))
            let contribution = try #require((added["contributions"] as? [[String: Any]])?.first?["id"] as? String)
            _ = try await post("/contributions/\(contribution)/hide", [:])
            let shown = try view(try await post("/contributions/\(contribution)/show", [:]))
            #expect((shown["contributions"] as? [[String: Any]])?.first?["hidden"] as? Bool == false)

            let promoted = try view(try await post("/statements", ["fromContribution": contribution]))
            let statement = try #require((promoted["statements"] as? [[String: Any]])?.first { $0["text"] as? String == "Safer crossings by the school" }?["id"] as? String)
            let twice = try await post("/statements", ["fromContribution": contribution])
            #expect(twice.status == .unprocessableContent, "a contribution becomes one statement, not two")
            let reworded = try view(try await post("/statements/edit", ["statementID": statement, "text": "Safer crossings near the school gates"]))
            #expect((reworded["statements"] as? [[String: Any]])?.first { $0["id"] as? String == statement }?["text"] as? String == "Safer crossings near the school gates")
            let withdrawn = try view(try await post("/statements/withdraw", ["statementID": statement]))
            #expect((withdrawn["statements"] as? [[String: Any]])?.contains { $0["id"] as? String == statement } == false)

            let log = try await browser.get("/conversations/\(id)/export.jsonl").text
            for type in ["conversationClosed", "conversationReopened", "contributionHidden", "contributionShown", "statementWithdrawn"] {
                #expect(log.contains("\"\(type)\""), "the log keeps \(type)")
            }
        }
    }

    @Test func aStatementWithVotesCannotBeRewordedOrWithdrawn() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name\nAda\nBayo\n"], json: true)
            let added = try view(try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "More trees"], json: true))
            let statement = try #require((added["statements"] as? [[String: Any]])?.first { $0["text"] as? String == "More trees" }?["id"] as? String)
            let joined = try await browser.postJSON("/api/v1/join", ["code": code, "participantID": "Ada"])
            let token = try #require(joined.json?["token"] as? String)
            _ = try await browser.postJSON("/api/v1/c/\(code)/me/votes", ["statementID": statement, "vote": "agree"], headers: [.authorization: "Bearer \(token)"])
            let edit = try await browser.post("/conversations/\(id)/statements/edit", form: ["_csrf": csrf, "statementID": statement, "text": "Fewer trees"], json: true)
            #expect(edit.status == .unprocessableContent)
            #expect(edit.text.contains("1 vote already"))
            let withdraw = try await browser.post("/conversations/\(id)/statements/withdraw", form: ["_csrf": csrf, "statementID": statement], json: true)
            #expect(withdraw.status == .unprocessableContent)
        }
    }
}
