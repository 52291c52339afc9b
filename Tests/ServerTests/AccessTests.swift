import Foundation
import HTTPTypes
import Testing
@testable import Server

/// One account's conversations are invisible to another until its owner adds it to the team.
@Suite("Per-conversation access: owner, co-facilitator, observer, nobody")
struct AccessTests {
    @Test func anotherAccountCannotSeeOrChangeAConversationItHasNoRoleOn() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let franCSRF = try await fran.signIn()
            let (id, code) = try await fran.createConversation(csrf: franCSRF)
            let sam = fran.stranger()
            let samCSRF = try await sam.signIn(as: "sam")

            for path in ["/conversations/\(id)", "/conversations/\(id)/export.jsonl", "/conversations/\(id)/commitments",
                         "/conversations/\(id)/themes", "/api/v1/conversations/\(id)", "/api/v1/conversations/\(id)/events"] {
                let page = try await sam.get(path)
                #expect(page.status == .notFound, "\(path) answered sam \(page.status)")
            }
            let forged = try await sam.post("/conversations/\(id)/statements", form: ["_csrf": samCSRF, "text": "sam was here"], json: true)
            #expect(forged.status == .notFound)
            let home = try await sam.get("/")
            #expect(!home.text.contains(id) && !home.text.contains(code))
            let list = try await sam.get("/api/v1/conversations")
            #expect(!list.text.contains(id))
            let export = try await fran.get("/conversations/\(id)/export.jsonl")
            #expect(!export.text.contains("sam was here"))
        }
    }

    @Test func anObserverReadsAndACoFacilitatorRuns() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let franCSRF = try await fran.signIn()
            let (id, _) = try await fran.createConversation(csrf: franCSRF)
            let sam = fran.stranger()
            let samCSRF = try await sam.signIn(as: "sam")

            let observe = try await fran.post("/conversations/\(id)/team", form: ["_csrf": franCSRF, "username": "sam", "role": "observer"])
            #expect(observe.status == .seeOther, "\(observe.text)")
            #expect(try await sam.get("/conversations/\(id)").status == .ok)
            #expect(try await sam.get("/conversations/\(id)/export.jsonl").status == .ok)
            let refused = try await sam.post("/conversations/\(id)/statements", form: ["_csrf": samCSRF, "text": "observer statement"], json: true)
            #expect(refused.status == .forbidden)
            let selfPromotion = try await sam.post("/conversations/\(id)/team", form: ["_csrf": samCSRF, "username": "sam", "role": "co-facilitator"], json: true)
            #expect(selfPromotion.status == .forbidden)

            _ = try await fran.post("/conversations/\(id)/team", form: ["_csrf": franCSRF, "username": "sam", "role": "co-facilitator"])
            let added = try await sam.post("/conversations/\(id)/statements", form: ["_csrf": samCSRF, "text": "co-facilitator statement"], json: true)
            #expect(added.status == .ok, "\(added.text)")
            let teamChange = try await sam.post("/conversations/\(id)/team/remove", form: ["_csrf": samCSRF, "username": "sam"], json: true)
            #expect(teamChange.status == .forbidden, "only the owner changes the team")

            _ = try await fran.post("/conversations/\(id)/team/remove", form: ["_csrf": franCSRF, "username": "sam"])
            #expect(try await sam.get("/conversations/\(id)").status == .notFound)

            let log = try await fran.get("/conversations/\(id)/export.jsonl").text
            #expect(log.contains("\"accessGranted\"") && log.contains("\"accessRevoked\""))
            #expect(log.contains("co-facilitator statement") && !log.contains("observer statement"))
        }
    }

    @Test func theAccountsStreamIsNeverAConversationAndNoHashIsServed() async throws {
        try await TestApp().run { fran in
            _ = try await fran.signIn()
            for path in ["/conversations/_accounts", "/conversations/_accounts/export.jsonl",
                         "/api/v1/conversations/_accounts", "/api/v1/conversations/_accounts/events"] {
                let page = try await fran.get(path)
                #expect(page.status == .notFound, "\(path): \(page.status)")
                #expect(page.text.range(of: #"\$2[aby]\$\d\d\$"#, options: .regularExpression) == nil, "\(path) served a password hash")
            }
        }
    }
}
