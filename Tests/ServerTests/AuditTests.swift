import Conversations
import EventStore
import Foundation
import HTTPTypes
import Testing
@testable import Server

/// The audit page lists each event of the log with who did it, and the log itself records who.
@Suite("Who did what")
struct AuditTests {
    /// The audit page's rows as (type, who kind, who name, what), oldest first.
    static func rows(_ html: String) -> [(type: String, kind: String, name: String, what: String)] {
        let pattern = #"<tr data-sequence="\d+" data-type="([^"]+)">\s*<td class="time">.*?</td>\s*<td data-field="what">(.*?)</td>\s*<td data-field="who" data-kind="([^"]+)" data-name="([^"]*)">"#
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let text = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: text.length)).map { match in
            (text.substring(with: match.range(at: 1)), text.substring(with: match.range(at: 3)),
             text.substring(with: match.range(at: 4)), text.substring(with: match.range(at: 2)))
        }.reversed()
    }

    @Test func theAuditNamesTheFacilitatorAndThePhone() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.addAccount("kim")
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let (id, code) = try await fran.createConversation(csrf: csrf)
            _ = try await fran.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name\nAda Lovelace\n"], json: true)
            _ = try await fran.post("/conversations/\(id)/agenda", form: ["_csrf": csrf, "action": "start"], json: true)
            _ = try await fran.post("/conversations/\(id)/team", form: ["_csrf": csrf, "username": "sam", "role": "co-facilitator"])
            let sam = fran.stranger()
            let samCSRF = try await sam.signIn(as: "sam")
            let added = try await sam.post("/conversations/\(id)/statements", form: ["_csrf": samCSRF, "text": "Homework twice a week"], json: true)
            #expect(added.status == .ok, "\(added.text)")
            let phone = fran.stranger()
            _ = try await phone.post("/c/\(code)/join", form: ["participantID": "Ada Lovelace"])
            let sent = try await phone.post("/c/\(code)/me/contributions", form: ["id": UUID().uuidString, "kind": "idea", "text": "Quiet room at lunch"], json: true)
            #expect(sent.status == .ok, "\(sent.text)")

            let page = try await fran.get("/conversations/\(id)/audit")
            #expect(page.status == .ok)
            let rows = Self.rows(page.text)
            #expect(rows.first?.type == "conversationCreated" && rows.first?.kind == "account" && rows.first?.name == "fran")
            let statement = try #require(rows.first { $0.type == "statementAdded" })
            #expect(statement.kind == "account" && statement.name == "sam" && statement.what.contains("Homework twice a week"))
            let contribution = try #require(rows.first { $0.type == "contributionAdded" })
            #expect(contribution.kind == "participant" && contribution.name == "Ada Lovelace" && contribution.what.contains("Quiet room at lunch"))
            #expect(rows.first { $0.type == "phaseStarted" }?.name == "fran")
            #expect(rows.first { $0.type == "nameClaimed" }?.name == "Ada Lovelace")

            // The export says the same: every event carries who wrote it.
            let export = try await fran.get("/conversations/\(id)/export.jsonl").text.split(separator: "\n")
            #expect(export.count == rows.count)
            let statementLine = try #require(export.first { $0.contains("\"statementAdded\"") })
            #expect(statementLine.contains(#""_by":{"facilitator":"sam"}"#))
            let contributionLine = try #require(export.first { $0.contains("\"contributionAdded\"") })
            #expect(contributionLine.contains(#""_by":{"participant":"Ada Lovelace"}"#))

            // An import keeps who wrote each event: exported again, the log is byte for byte the same.
            let exported = Data(try await fran.get("/conversations/\(id)/export.jsonl").text.utf8)
            let copy = InMemoryEventStore()
            _ = try await EventArchive.importArchive(exported, file: "export.jsonl", into: copy)
            #expect(try EventArchive.export(try await copy.readAll(id)) == exported)

            // Observers read it; accounts without a role get 404.
            _ = try await fran.post("/conversations/\(id)/team", form: ["_csrf": csrf, "username": "kim", "role": "observer"])
            let kim = fran.stranger()
            _ = try await kim.signIn(as: "kim")
            #expect(try await kim.get("/conversations/\(id)/audit").status == .ok)
            _ = try await fran.post("/conversations/\(id)/team/remove", form: ["_csrf": csrf, "username": "kim"])
            #expect(try await kim.get("/conversations/\(id)/audit").status == .notFound)
            #expect(try await fran.get("/conversations/\(id)").text.contains("/conversations/\(id)/audit"), "the console links to it")
        }
    }

    @Test func aFollowUpLinkIsNamedByItsCommitment() async throws {
        try await TestApp().run { fran in
            let (csrf, id, _, _, first, _) = try await FollowUpTests.setUp(fran)
            let issued = try await fran.post("/conversations/\(id)/commitments/\(first)/link", form: ["_csrf": csrf], json: true)
            let token = try #require(issued.json?["token"] as? String)
            #expect(try await fran.stranger().post("/f/\(token)", form: ["status": "in-progress", "note": "Meeting booked"]).status.code < 400)

            let rows = Self.rows(try await fran.get("/conversations/\(id)/audit").text)
            let update = try #require(rows.first { $0.type == "commitmentUpdated" })
            #expect(update.kind == "followUpLink" && update.name.contains("share the notes"), "\(update)")
            #expect(update.what.contains("under way"))
            let made = try #require(rows.first { $0.type == "commitmentMade" })
            #expect(made.kind == "participant" && made.name == "Ada Lovelace", "\(made)")
        }
    }
}
