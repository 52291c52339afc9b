import Foundation
import Testing
@testable import Server

@Suite("Joining protects each person's name")
struct JoinNameTests {
    @Test func aClaimedNameStaysWithItsDeviceUntilReleased() async throws {
        try await TestApp().run { facilitator in
            let csrf = try await facilitator.signIn()
            let (id, code) = try await facilitator.createConversation(csrf: csrf)
            _ = try await facilitator.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name,group\nAda,pupil\nBayo,parent\n"], json: true)

            let first = facilitator.stranger()
            let joined = try await first.post("/c/\(code)/join", form: ["participantID": "Ada", "id": UUID().uuidString])
            #expect(joined.status == .seeOther)
            let list = try await facilitator.stranger().get("/c/\(code)").text
            #expect(!list.contains(">Ada<") && list.contains(">Bayo<"), "a claimed name is no longer offered")

            let second = facilitator.stranger()
            let taken = try await second.post("/c/\(code)/join", form: ["participantID": "Ada", "id": UUID().uuidString])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.text.contains(#"id="who-error""#) && taken.text.contains("already joined on another device"))

            let walkInAsAda = try await second.post("/c/\(code)/join", form: ["name": "ada", "id": UUID().uuidString])
            #expect(walkInAsAda.status == .unprocessableContent && walkInAsAda.text.contains(#"id="name-error""#))

            let lateGroup = try await second.post("/c/\(code)/join", form: ["name": "Cleo", "group": "pupil", "id": UUID().uuidString])
            #expect(lateGroup.status == .seeOther, "a walk-in chooses from the imported people's groups: \(lateGroup.text.prefix(200))")

            let released = try await facilitator.post("/conversations/\(id)/names/release", form: ["_csrf": csrf, "participantID": "Ada"], json: true)
            #expect(released.status == .ok)
            let third = facilitator.stranger()
            #expect(try await third.post("/c/\(code)/join", form: ["participantID": "Ada", "id": UUID().uuidString]).status == .seeOther)

            let log = try await facilitator.get("/conversations/\(id)/export.jsonl").text
            #expect(log.contains("\"nameClaimed\"") && log.contains("\"nameReleased\""))
            #expect(log.contains("\"Cleo\"") && log.contains("\"pupil\""))
        }
    }

    @Test func aRetriedJoinIsTheSameJoin() async throws {
        try await TestApp().run { facilitator in
            let csrf = try await facilitator.signIn()
            let (id, code) = try await facilitator.createConversation(csrf: csrf)
            _ = try await facilitator.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name\nAda\n"], json: true)
            let phone = facilitator.stranger()
            let formID = UUID().uuidString
            #expect(try await phone.post("/c/\(code)/join", form: ["participantID": "Ada", "id": formID]).status == .seeOther)
            // The answer was lost; the phone sends the same form again.
            #expect(try await facilitator.stranger().post("/c/\(code)/join", form: ["participantID": "Ada", "id": formID]).status == .seeOther)
        }
    }
}
