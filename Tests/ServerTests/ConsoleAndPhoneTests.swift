import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Server

@Suite("The facilitator console and participants' phones over HTTP")
struct ConsoleAndPhoneTests {
    static let people = """
    id,name,group,year
    p01,Ada Lovelace,students,2
    p02,Bayo Adeyemi,staff,
    p03,Chen Wei,students,1
    p04,"Dee ""DJ"" Jones",staff,
    """

    @Test func theConsoleNeedsASignIn() async throws {
        try await TestApp().run { browser in
            let page = try await browser.get("/")
            #expect(page.status == .found)
            #expect(page.location == "/login")
            let api = try await browser.get("/conversations/nope", headers: [.accept: "application/json"])
            #expect(api.status == .unauthorized)
            let wrong = try await browser.post("/login", form: ["username": "fran", "password": "wrong password!"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("do not match"))
        }
    }

    @Test func firstRunSetupIsRefusedFromAnotherMachine() async throws {
        try await TestApp().run { browser in
            // The router test client has no socket address, so it is not "this computer".
            let setup = try await browser.get("/setup")
            #expect(setup.status == .notFound)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await TestApp().run { browser in
            _ = try await browser.signIn()
            let forged = try await browser.post("/conversations", form: ["design": "world-cafe"])
            #expect(forged.status == .forbidden)
            let crossSite = try await browser.post("/conversations", form: ["design": "world-cafe"], headers: [.origin: "http://evil.example"])
            #expect(crossSite.status == .forbidden)
        }
    }

    @Test func aFacilitatorCreatesImportsAndRunsAndAPhoneJoinsContributesAndVotes() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            let imported = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": Self.people], json: true)
            #expect(imported.status == .ok, "\(imported.text)")
            let console = try await browser.get("/conversations/\(id)")
            #expect(console.text.contains("Dee &quot;DJ&quot; Jones"))

            let started = try await browser.post("/conversations/\(id)/agenda", form: ["_csrf": csrf, "action": "start"], json: true)
            let view = try #require(started.json?["view"] as? [String: Any])
            #expect((view["phase"] as? [String: Any])?["title"] as? String == "Authoritative input")

            let phone = browser.stranger()
            let join = try await phone.get("/c/\(code)")
            #expect(join.text.contains("Ada Lovelace"))
            let joined = try await phone.post("/c/\(code)/join", form: ["participantID": "p01"])
            #expect(joined.location == "/c/\(code)/me")
            let me = try await phone.get("/c/\(code)/me")
            #expect(me.status == .ok)
            #expect(me.text.contains("Cooperative Knowledge Café"))

            let contributionID = UUID().uuidString
            let sent = try await phone.post("/c/\(code)/me/contributions", form: ["id": contributionID, "kind": "idea", "text": "Feedback within a fortnight"], json: true)
            #expect(sent.status == .ok, "\(sent.text)")
            // The same form sent again (a retry after a dropped connection) is applied once.
            _ = try await phone.post("/c/\(code)/me/contributions", form: ["id": contributionID, "kind": "idea", "text": "Feedback within a fortnight"], json: true)
            let voted = try await phone.post("/c/\(code)/me/votes", form: ["id": UUID().uuidString, "statementID": "p5s1", "vote": "agree"], json: true)
            #expect(voted.status == .ok, "\(voted.text)")
            let statements = try #require((voted.json?["view"] as? [String: Any])?["statements"] as? [[String: Any]])
            #expect(statements.first?["myVote"] as? String == "agree")

            let after = try await browser.get("/conversations/\(id)")
            #expect(after.text.components(separatedBy: #"<span class="text">Feedback within a fortnight"#).count - 1 == 1)
            #expect(after.text.contains("1 agree"))
            #expect(after.text.contains("1/4 arrived"))
        }
    }

    @Test func aParticipantCannotWriteIntoAnotherConversationOrAsSomeoneElse() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (first, firstCode) = try await browser.createConversation(csrf: csrf)
            let (second, secondCode) = try await browser.createConversation(design: "world-cafe", csrf: csrf)
            for id in [first, second] {
                _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": Self.people], json: true)
            }
            let phone = browser.stranger()
            _ = try await phone.post("/c/\(firstCode)/join", form: ["participantID": "p01"])
            // Joined the first conversation only: the second refuses the phone.
            let elsewhere = try await phone.post("/c/\(secondCode)/me/contributions", form: ["text": "sneaky"], json: true)
            #expect(elsewhere.status == .unauthorized)
            // The author is the token's participant, whatever the form claims.
            let spoof = try await phone.post("/c/\(firstCode)/me/contributions", form: ["text": "who am I", "authorID": "p02", "participantID": "p02"], json: true)
            #expect(spoof.status == .ok)
            let console = try await browser.get("/conversations/\(first)", headers: [.accept: "text/html"])
            let line = try #require(console.text.components(separatedBy: "\n").first { $0.contains("who am I") && $0.contains("<li") })
            #expect(line.contains("Ada Lovelace"))
            #expect(!line.contains("Bayo"))
            // A made-up token is no token.
            let forged = browser.stranger()
            let response = try await forged.post("/c/\(firstCode)/me/contributions", form: ["text": "x"], json: true,
                                                 headers: [.authorization: "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
            #expect(response.status == .unauthorized)
            _ = second
        }
    }

    @Test func scriptInAContributionIsShownAsTextEverywhere() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (id, code) = try await browser.createConversation(csrf: csrf)
            _ = try await browser.post("/conversations/\(id)/people", form: ["_csrf": csrf, "csv": Self.people], json: true)
            let phone = browser.stranger()
            _ = try await phone.post("/c/\(code)/join", form: ["participantID": "p03"])
            let attack = #"<script>alert("x")</script><img src=x onerror=alert(1)>"#
            _ = try await phone.post("/c/\(code)/me/contributions", form: ["text": attack], json: true)
            _ = try await browser.post("/conversations/\(id)/statements", form: ["_csrf": csrf, "text": attack], json: true)
            _ = try await phone.post("/c/\(code)/join", form: ["name": "<b>Mallory</b>"])
            let pages = [
                try await browser.get("/conversations/\(id)").text,
                try await phone.get("/c/\(code)/me").text,
                try await phone.get("/c/\(code)/screen").text,
            ]
            for page in pages {
                #expect(!page.contains("<script>alert"))
                #expect(!page.contains("<img src=x"))
                #expect(!page.contains("<b>Mallory"))
            }
            #expect(pages[0].contains("&lt;script&gt;alert"))
            #expect(pages[1].contains("&lt;script&gt;alert"))
        }
    }

    @Test func aWrongJoinCodeSaysSoAndGuessingIsRateLimited() async throws {
        try await TestApp().run { browser in
            let wrong = try await browser.get("/join?code=NOPE-NOPE")
            #expect(wrong.status == .notFound)
            #expect(wrong.text.contains("No conversation has that code"))
            var limited = false
            for _ in 0..<40 where !limited {
                limited = try await browser.get("/c/ZZZZ-ZZZZ").status == .tooManyRequests
            }
            #expect(limited)
        }
    }

    /// A second instance on the same database opens the room on its first request; the phones that arrive
    /// while it is still loading must wait for it, not see "no such conversation".
    @Test func phonesRushingAnInstanceThatHasNotOpenedTheRoomYetAllJoin() async throws {
        let app = try await TestApp()
        let created = Box<String>()
        try await app.run { browser in
            let csrf = try await browser.signIn()
            await created.set(try await browser.createConversation(csrf: csrf).code)
        }
        let code = try #require(await created.value)
        try await app.run { browser in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for person in 1...30 {
                    group.addTask { try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "Rusher \(person)"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 30)
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses)")
        }
    }

    /// A venue's Wi-Fi puts a whole room behind one address: right codes must never count against it, and
    /// never stop working for it.
    @Test func aWholeRoomJoinsFromOneAddressButWrongCodesAreStillLimited() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let (_, code) = try await browser.createConversation(csrf: csrf)
            for person in 1...45 {
                let joined = try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "Walk-in \(person)"])
                #expect(joined.status == .created, "join \(person) of 45 from one address")
            }
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<35 { statuses.append(try await browser.stranger().postJSON("/api/v1/join", ["code": "ZZZZ-ZZZZ", "name": "Guess"]).status) }
            #expect(statuses.first == .notFound)
            #expect(statuses.last == .tooManyRequests)
            // The room's own code keeps working for that address: one person's wrong guesses never lock the room out.
            #expect(try await browser.stranger().postJSON("/api/v1/join", ["code": code, "name": "Late"]).status == .created)
            // A code the address has not used yet waits like any guess, so once out of tokens it learns nothing
            // from the answer, right or wrong.
            let (_, other) = try await browser.createConversation(csrf: csrf)
            #expect(try await browser.stranger().postJSON("/api/v1/join", ["code": other, "name": "Guess"]).status == .tooManyRequests)
        }
    }

    @Test func errorsNeverLeakInternals() async throws {
        try await TestApp().run { browser in
            let csrf = try await browser.signIn()
            let bad = try await browser.post("/conversations", form: ["_csrf": csrf, "designYAML": "title: [unclosed"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("YAML syntax error"))
            #expect(!bad.text.contains("Swift"))
            let missing = try await browser.get("/conversations/nothing-here")
            #expect(missing.status == .notFound)
        }
    }
}

/// Carries a value out of a `@Sendable` closure.
actor Box<Value: Sendable> {
    var value: Value?
    func set(_ newValue: Value) { value = newValue }
}
