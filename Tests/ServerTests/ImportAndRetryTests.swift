import Foundation
import HTTPTypes
import Conversations
import Seating
import Testing
@testable import Server

@Suite("People files and retried writes, as the console's forms send them")
struct ImportAndRetryTests {
    static let firstFile = "name,group\nAda Lovelace,pupil\nBayo Adeyemi,parent\nChen Wei,teacher\n"
    static let secondFile = "name,group\nDee Jones,pupil\nEve Okafor,parent\n"

    @Test func theConsolesFileUploadPassesTheCSRFCheckAndASecondFileAddsPeople() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            let first = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                        files: ["people": ("pupils.csv", Self.firstFile)])
            #expect(first.status == .seeOther, "\(first.text.prefix(300))")
            #expect(first.location?.contains("imported=3&updated=0") == true)
            let second = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                         files: ["people": ("parents.csv", Self.secondFile)])
            #expect(second.location?.contains("imported=2&updated=0") == true)
            let again = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                        files: ["people": ("pupils.csv", Self.firstFile)])
            #expect(again.location?.contains("imported=0&updated=3") == true)
            let log = try await browser.get("/conversations/\(id)/export.jsonl").text
            let ids = Set(log.split(separator: "\n").compactMap { line -> String? in
                guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      event["type"] as? String == "participantRegistered" else { return nil }
                return ((event["event"] ?? event["payload"]) as? [String: Any])?["participantID"] as? String
            })
            #expect(ids.count == 5, "\(ids)")

            let forged = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": "wrong"],
                                                         files: ["people": ("pupils.csv", Self.firstFile)])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func aBadFileIsNamedWithItsLineNextToTheFieldAndNothingIsWritten() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, _) = try await browser.createConversation(csrf: csrf)
            let before = try await browser.get("/conversations/\(id)/export.jsonl").text
            let duplicate = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                            files: ["people": ("room.csv", "name\nAda\nBayo\nAda\n")])
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.text.contains(#"id="people-error""#))
            #expect(duplicate.text.contains("room.csv: line 4"), "\(duplicate.text.prefix(200))")
            #expect(duplicate.text.contains(#"aria-invalid="true""#))
            let noName = try await browser.postMultipart("/conversations/\(id)/people", fields: ["_csrf": csrf],
                                                         files: ["people": ("room.csv", "who,group\nAda,pupil\n")])
            #expect(noName.text.contains("room.csv: line 1"))
            #expect(try await browser.get("/conversations/\(id)/export.jsonl").text == before)
        }
    }

    @Test func theConsoleAndTheCommandLineGiveAFileTheSameIDs() throws {
        let file = "name,group,year\nAda Lovelace,pupil,7\nBayo Adeyemi,parent,\nChen Wei,teacher,\n"
        let console = try PeopleFile.parse(file, fileName: "people.csv", groups: []).map(\.participantID)
        let commandLine = try PeopleList.parse(csv: file).people.map(\.id)
        #expect(console == commandLine)
        let groups = try PeopleFile.parse(file, fileName: "people.csv", groups: []).map(\.group)
        #expect(groups == ["pupil", "parent", "teacher"])
    }

    @Test func aRetryIsRecognisedByIdAndContent() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": "name\nAda\nBayo\n"], json: true)
            let joined = try await browser.postJSON("/api/v1/join", ["code": code, "participantID": "Ada"])
            let token = try #require(joined.json?["token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let writeID = UUID().uuidString
            let first = try await browser.postJSON("/api/v1/c/\(code)/me/contributions", ["id": writeID, "text": "first"], headers: auth)
            #expect(first.status == .created || first.status == .ok, "\(first.text)")
            let retry = try await browser.postJSON("/api/v1/c/\(code)/me/contributions", ["id": writeID, "text": "first"], headers: auth)
            #expect(retry.status == .created || retry.status == .ok, "\(retry.text)")
            let reused = try await browser.postJSON("/api/v1/c/\(code)/me/contributions", ["id": writeID, "text": "second"], headers: auth)
            #expect(reused.status == .conflict, "\(reused.status) \(reused.text)")
            // A commitment under the contribution's id (the phone's old bug) is refused too, not dropped.
            let commitment = try await browser.postJSON("/api/v1/c/\(code)/me/commitments", ["id": writeID, "text": "I will plant a tree (reused id)"], headers: auth)
            #expect(commitment.status == .conflict, "\(commitment.status) \(commitment.text)")
            // A vote retried with another choice is a different write.
            let added = try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": "More trees"], json: true)
            let statements = try #require((added.json?["view"] as? [String: Any])?["statements"] as? [[String: Any]])
            let statementID = try #require(statements.first?["id"] as? String)
            let voteID = UUID().uuidString
            let agree = try await browser.postJSON("/api/v1/c/\(code)/me/votes", ["id": voteID, "statementID": statementID, "vote": "agree"], headers: auth)
            #expect(agree.status.code < 300, "\(agree.text)")
            let flipped = try await browser.postJSON("/api/v1/c/\(code)/me/votes", ["id": voteID, "statementID": statementID, "vote": "disagree"], headers: auth)
            #expect(flipped.status == .conflict, "\(flipped.status) \(flipped.text)")

            let log = try await browser.get("/conversations/\(id)/export.jsonl").text
            #expect(log.components(separatedBy: "\"first\"").count == 2, "the contribution is stored once")
            #expect(!log.contains("\"second\"") && !log.contains("reused id"))
            let votes = log.split(separator: "\n").filter { $0.contains("\"voteCast\"") }
            #expect(votes.count == 1 && votes[0].contains("\"agree\""), "\(votes)")
        }
    }
}
