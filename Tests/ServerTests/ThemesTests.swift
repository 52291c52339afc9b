import Foundation
import Testing
@testable import Server

@Suite("The facilitator's themes")
struct ThemesTests {
    @Test func suggestedThemesCanBeRenamedMovedAndMergedAndTheChoiceWins() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            for text in ["Feedback should come within two weeks", "Faster feedback on essays, within two weeks",
                         "Marking criteria written with students", "Students help write the marking criteria",
                         "More quiet study space in the library"] {
                _ = try await browser.post("/conversations/\(id)/contributions", form: ["_csrf": csrf, "text": text], json: true)
            }
            let page = try await browser.get("/conversations/\(id)/themes")
            #expect(page.status == .ok)
            #expect(page.text.contains("· suggested"))
            // A suggested name is a participant's own phrase, and every item says where it was said.
            #expect(page.text.contains(">Feedback should come within two weeks") || page.text.contains(">Faster feedback on essays"))
            #expect(page.text.contains("Merge into"))
            // Every form on the page posts to this conversation, not to a theme or item id.
            #expect(!page.text.contains("action=\"/conversations/t"))
            let themeIDs = Self.values(named: "theme", in: page.text)
            let first = try #require(themeIDs.first)
            let renamed = try await browser.post("/conversations/\(id)/themes/rename", form: ["_csrf": csrf, "theme": first, "label": "Timely feedback"])
            #expect(renamed.status == .seeOther)
            let after = try await browser.get("/conversations/\(id)/themes")
            #expect(after.text.contains(#"<h2 id="theme-\#(first)">Timely feedback "#))

            // Move an item into a new theme, then merge that theme back: items are never lost.
            let item = try #require(Self.values(named: "item", in: after.text).last)
            _ = try await browser.post("/conversations/\(id)/themes/move", form: ["_csrf": csrf, "item": item, "toTheme": "new"])
            let moved = try await browser.get("/conversations/\(id)/themes")
            let newTheme = try #require(Self.values(named: "theme", in: moved.text).first { !themeIDs.contains($0) })
            _ = try await browser.post("/conversations/\(id)/themes/merge", form: ["_csrf": csrf, "from": newTheme, "into": first])
            let merged = try await browser.get("/conversations/\(id)/themes")
            #expect(!Self.values(named: "theme", in: merged.text).contains(newTheme))
            #expect(Self.values(named: "item", in: merged.text).count == 5)
            #expect(merged.text.contains("Timely feedback"))
        }
    }

    /// The values of hidden inputs called `name`, in page order.
    static func values(named name: String, in html: String) -> [String] {
        html.components(separatedBy: #"name="\#(name)" value=""#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}
