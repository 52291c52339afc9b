import CSVFiles
import CoCreateCore
import Conversations
import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Server

@Suite("Follow-up links, results, exports and the follow-up conversation over HTTP")
struct FollowUpTests {
    /// A conversation with two people who each made a commitment on their phone.
    static func setUp(_ browser: Browser) async throws -> (csrf: String, id: String, code: String, phone: Browser, first: String, second: String) {
        let csrf = try await browser.signIn()
        let (id, code) = try await browser.createConversation(csrf: csrf)
        let imported = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": ConsoleAndPhoneTests.people], json: true)
        #expect(imported.status == .ok, "\(imported.text)")
        let phone = browser.stranger()
        _ = try await phone.post("/c/\(code)/join", form: ["participantID": "p01"])
        let made = try await phone.post("/c/\(code)/me/commitments", form: ["id": UUID().uuidString, "text": "=SUM(A1) share the notes", "due": "2026-03-15"], json: true)
        #expect(made.status == .ok, "\(made.text)")
        let other = browser.stranger()
        _ = try await other.post("/c/\(code)/join", form: ["participantID": "p02"])
        _ = try await other.post("/c/\(code)/me/commitments", form: ["id": UUID().uuidString, "text": "Ask the head, then report", "due": "2026-04-01"], json: true)
        let log = try await browser.get("/conversations/\(id)/commitments.csv")
        let ids = try CSVRecords.parse(log.text).dropFirst().map { $0.fields[0] }
        #expect(ids.count == 2)
        return (csrf, id, code, phone, ids[0], ids[1])
    }

    static func token(from location: String?) -> String? {
        guard let location, let range = location.range(of: "/f/") else { return nil }
        return String(location[range.upperBound...].prefix { $0 != "?" && $0 != "\"" && $0 != "<" })
    }

    @Test func aFollowUpLinkChangesOnlyItsOwnCommitmentAndARevokedLinkIsGone() async throws {
        let app = try await TestApp()
        try await app.run { browser in
            let (csrf, id, _, _, first, second) = try await Self.setUp(browser)
            let issued = try await browser.post("/conversations/\(id)/commitments/\(first)/link", form: ["_csrf": csrf], json: true)
            #expect(issued.status == .ok, "\(issued.text)")
            let token = try #require(issued.json?["token"] as? String)
            #expect(token.count >= 22)
            #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })

            // The facilitator's page lists the link with a QR code.
            let page = try await browser.get("/conversations/\(id)/commitments")
            #expect(page.status == .ok)
            #expect(page.text.contains("/f/\(token)"))
            #expect(page.text.contains("<svg"))

            let owner = browser.stranger()
            let ownPage = try await owner.get("/f/\(token)")
            #expect(ownPage.status == .ok)
            #expect(ownPage.text.contains("=SUM(A1) share the notes"))
            #expect(!ownPage.text.contains("Ask the head"))

            // A commitment id slipped into the form is ignored: the link decides.
            let updated = try await owner.post("/f/\(token)", form: ["status": "done", "note": "Shared on the wall", "evidence": "https://example.org/notes", "commitmentID": second])
            #expect(updated.status == .seeOther, "\(updated.text)")
            let badEvidence = try await owner.post("/f/\(token)", form: ["status": "done", "evidence": "javascript:alert(1)"])
            #expect(badEvidence.status == .unprocessableContent)
            let state = try await ConversationLog(store: app.store).state(of: id)
            #expect(state.commitment(first)?.status == .done)
            #expect(state.commitment(first)?.history.count == 1)
            #expect(state.commitment(first)?.history.first?.evidence == "https://example.org/notes")
            #expect(state.commitment(second)?.status == .notStarted)
            #expect(state.commitment(second)?.history.isEmpty == true)

            // Revoked: 404, and the form no longer writes.
            let revoked = try await browser.post("/conversations/\(id)/commitments/\(first)/link/revoke", form: ["_csrf": csrf])
            #expect(revoked.status == .seeOther)
            #expect(try await owner.get("/f/\(token)").status == .notFound)
            #expect(try await owner.post("/f/\(token)", form: ["status": "dropped"]).status == .notFound)
            #expect(try await owner.get("/f/not-a-real-token-at-all-000").status == .notFound)
            // Issuing needs the CSRF token.
            #expect(try await browser.post("/conversations/\(id)/commitments/\(first)/link", form: [:]).status == .forbidden)
        }
    }

    @Test func theResultsPageRespectsVisibility() async throws {
        let app = try await TestApp()
        try await app.run { browser in
            let (csrf, id, code, phone, _, _) = try await Self.setUp(browser)
            let stranger = browser.stranger()
            #expect(try await stranger.get("/c/\(code)/results").status == .unauthorized)
            let forPhone = try await phone.get("/c/\(code)/results")
            #expect(forPhone.status == .ok)
            #expect(forPhone.text.contains("share the notes"))
            #expect(forPhone.text.contains("Ada Lovelace"))
            #expect(try await browser.get("/c/\(code)/results").status == .ok)

            let set = try await browser.post("/conversations/\(id)/results-visibility", form: ["_csrf": csrf, "visibility": "public"])
            #expect(set.status == .seeOther)
            let open = try await stranger.get("/c/\(code)/results")
            #expect(open.status == .ok)
            #expect(open.text.contains("share the notes"))
            #expect(!open.text.contains("Ada Lovelace"), "the public sees groups, not names")
            #expect(open.text.contains("Said and done"))

            _ = try await browser.post("/conversations/\(id)/results-visibility", form: ["_csrf": csrf, "visibility": "participants"])
            #expect(try await stranger.get("/c/\(code)/results").status == .unauthorized)
        }
    }

    @Test func exportsEscapeFormulasAndUseAllDayDatesWithCRLF() async throws {
        let app = try await TestApp()
        try await app.run { browser in
            let (_, id, _, _, first, _) = try await Self.setUp(browser)
            let csv = try await browser.get("/conversations/\(id)/commitments.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains(#""'=SUM(A1) share the notes""#))
            let ics = try await browser.get("/conversations/\(id)/commitments.ics")
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(ics.text.contains("DTSTART;VALUE=DATE:20260315\r\n"))
            #expect(ics.text.contains("UID:\(first)@cocreate\r\n"))
            #expect(ics.text.contains("SUMMARY:Ask the head\\, then report\r\n"))
            #expect(try await browser.stranger().get("/conversations/\(id)/commitments.csv").status != .ok)
        }
    }

    @Test func aFollowUpConversationCarriesPeopleAndOpenCommitments() async throws {
        let app = try await TestApp()
        try await app.run { browser in
            let (csrf, id, _, _, first, second) = try await Self.setUp(browser)
            let issued = try await browser.post("/conversations/\(id)/commitments/\(second)/link", form: ["_csrf": csrf], json: true)
            let token = try #require(issued.json?["token"] as? String)
            _ = try await browser.stranger().post("/f/\(token)", form: ["status": "in-progress", "note": "Meeting booked"])
            let learned = try await browser.post("/conversations/\(id)/learnings", form: ["_csrf": csrf, "phase": "1", "worked": "Talking sticks", "change": "Longer rounds"])
            #expect(learned.status == .seeOther)
            // Mark the first done through its own link, so only the second is open.
            let firstLink = try await browser.post("/conversations/\(id)/commitments/\(first)/link", form: ["_csrf": csrf], json: true)
            _ = try await browser.stranger().post("/f/\(try #require(firstLink.json?["token"] as? String))", form: ["status": "done"])

            let created = try await browser.post("/conversations/\(id)/follow-up", form: ["_csrf": csrf, "design": "same"])
            #expect(created.status == .seeOther, "\(created.text)")
            let newID = String(try #require(created.location).split(separator: "/").last!)
            #expect(newID != id)
            let state = try await ConversationLog(store: app.store).state(of: newID)
            let old = try await ConversationLog(store: app.store).state(of: id)
            #expect(state.followsUp == id)
            #expect(state.design == old.design)
            #expect(state.participants.map(\.id) == old.participants.map(\.id))
            #expect(state.commitments.map(\.id) == [second])
            #expect(state.commitments.first?.status == .inProgress)
            #expect(old.learnings == [Learning(phase: 1, worked: "Talking sticks", change: "Longer rounds")])
        }
    }
}
