import Conversations
import EventStore
import Foundation
import HTTPTypes
import Testing
@testable import Server

/// The administrator's accounts page: invitations, disabling, resets; and the audit page.
@Suite("Administrators manage accounts; the audit says who did what")
struct AccountAdministrationTests {
    static let bcrypt = #"\$2[aby]\$\d\d\$"#

    /// The one-time link on an accounts page, as a path.
    static func link(in html: String) throws -> String {
        guard let range = html.range(of: #"/invite/[A-Za-z0-9_-]{16,64}"#, options: .regularExpression) else { throw TestFailure("no invite link on the page") }
        return String(html[range])
    }

    static func signIn(_ browser: Browser, _ username: String, _ password: String) async throws -> Browser.Page {
        try await browser.post("/login", form: ["username": username, "password": password])
    }

    @Test func anInvitedPersonChoosesAPasswordOnceAndSignsIn() async throws {
        let app = try await TestApp()
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let accounts = try await fran.get("/admin/accounts")
            #expect(accounts.status == .ok)
            #expect(accounts.text.contains(#"href="/admin/accounts""#), "the nav shows Accounts to an administrator")

            let invited = try await fran.post("/admin/accounts/invite", form: ["_csrf": csrf, "username": "sam", "displayName": "Sam Okafor"])
            #expect(invited.status == .ok)
            let link = try Self.link(in: invited.text)
            #expect(invited.text.contains("Sam Okafor"))
            // Before the link is used the account exists but nothing signs in with it.
            #expect(try await Self.signIn(fran.stranger(), "sam", "").status == .unauthorized)

            let sam = fran.stranger()
            let page = try await sam.get(link)
            #expect(page.status == .ok && page.text.contains("sam"))
            let short = try await sam.post(link, form: ["password": "short", "confirm": "short"])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains(#"id="password-error""#) && short.text.contains("The password must be at least 10 characters."))
            let mismatch = try await sam.post(link, form: ["password": "sam's own passphrase", "confirm": "something else"])
            #expect(mismatch.status == .unprocessableContent && mismatch.text.contains(#"id="confirm-error""#))

            let set = try await sam.post(link, form: ["password": "sam's own passphrase", "confirm": "sam's own passphrase"])
            #expect(set.status == .seeOther && set.location?.hasPrefix("/login?passwordSet=1") == true, "\(set.status) \(set.text.prefix(300))")
            #expect(try await sam.get(link).status == .notFound, "a link works once")
            #expect(try await sam.post(link, form: ["password": "a second passphrase", "confirm": "a second passphrase"]).status == .notFound)

            #expect(try await Self.signIn(sam, "sam", "sam's own passphrase").status == .seeOther)
            let home = try await sam.get("/")
            #expect(home.status == .ok && !home.text.contains(#"href="/admin/accounts""#), "no Accounts link for a facilitator")
            #expect(try await sam.get("/admin/accounts").status == .notFound)
            let samCSRF = try Browser.csrf(in: home.text)
            let forged = try await sam.post("/admin/accounts/invite", form: ["_csrf": samCSRF, "username": "mallory"])
            #expect(forged.status == .notFound)
            #expect(try await app.directory().account(named: "mallory") == nil)
        }
    }

    @Test func refusalsAreShownNextToTheirField() async throws {
        let app = try await TestApp()
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let taken = try await fran.post("/admin/accounts/invite", form: ["_csrf": csrf, "username": "FRAN"])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.text.contains(#"id="invite-error""#) && taken.text.contains("FRAN is already taken"))
            let invalid = try await fran.post("/admin/accounts/invite", form: ["_csrf": csrf, "username": "no spaces please"])
            #expect(invalid.status == .unprocessableContent && invalid.text.contains("The username must be 2 to 40 letters"))
            let myself = try await fran.post("/admin/accounts/disable", form: ["_csrf": csrf, "username": "fran"])
            #expect(myself.status == .unprocessableContent)
            #expect(myself.text.contains(#"id="account-0-error""#) && myself.text.contains("You cannot disable your own account."))
            let nobody = try await fran.post("/admin/accounts/reset", form: ["_csrf": csrf, "username": "nobody"])
            #expect(nobody.status == .unprocessableContent && nobody.text.contains("There is no account named nobody."))
            let noToken = try await fran.post("/admin/accounts/invite", form: ["username": "sam"])
            #expect(noToken.status == .forbidden, "the forms carry _csrf")
            #expect(try await app.directory().accounts.map(\.username) == ["fran"], "nothing was written")
        }
    }

    @Test func disablingEndsTheOpenSessionAndBlocksSignIn() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let sam = fran.stranger()
            _ = try await sam.signIn(as: "sam")
            #expect(try await sam.get("/").status == .ok)
            let tablet = sam.stranger()
            let tabletCSRF = try await tablet.signIn(as: "sam")

            #expect(try await fran.post("/admin/accounts/disable", form: ["_csrf": csrf, "username": "sam"]).status == .seeOther)
            let next = try await sam.get("/")
            #expect(next.status == .found && next.location == "/login?ended=1")
            #expect(try await sam.get("/api/v1/conversations").status == .unauthorized)
            // Another open session of the account, whose next request is a form: sent to the sign-in page too, nothing written.
            let form = try await tablet.post("/conversations", form: ["_csrf": tabletCSRF, "design": "knowledge-cafe"])
            #expect(form.status == .seeOther && form.location == "/login?ended=1", "\(form.status)")
            #expect(try await app.store.streams().count == 1, "only _accounts: no conversation was created")
            let again = try await Self.signIn(sam.stranger(), "sam", "correct horse battery")
            #expect(again.status == .forbidden && again.text.contains("This account has been disabled."))
            let page = try await fran.get("/admin/accounts")
            #expect(page.text.contains(#"data-flag="disabled""#))

            #expect(try await fran.post("/admin/accounts/enable", form: ["_csrf": csrf, "username": "sam"]).status == .seeOther)
            #expect(try await Self.signIn(sam, "sam", "correct horse battery").status == .seeOther)
            #expect(try await sam.get("/").status == .ok)
        }
    }

    @Test func aResetLinkWorksOnceAndTheOldPasswordStopsWhenItIsUsed() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let csrf = try await fran.signIn()
            let first = try Self.link(in: try await fran.post("/admin/accounts/reset", form: ["_csrf": csrf, "username": "sam"]).text)
            let second = try Self.link(in: try await fran.post("/admin/accounts/reset", form: ["_csrf": csrf, "username": "sam"]).text)
            #expect(first != second)
            let sam = fran.stranger()
            #expect(try await sam.get(first).status == .notFound, "a newer link replaces the older one")
            #expect(try await Self.signIn(sam, "sam", "correct horse battery").status == .seeOther, "the old password works until the link is used")

            let set = try await sam.stranger().post(second, form: ["password": "a brand new passphrase", "confirm": "a brand new passphrase"])
            #expect(set.status == .seeOther)
            #expect(try await Self.signIn(sam.stranger(), "sam", "correct horse battery").status == .unauthorized)
            #expect(try await Self.signIn(sam.stranger(), "sam", "a brand new passphrase").status == .seeOther)
            #expect(try await sam.stranger().get(second).status == .notFound)

            let made = try await fran.post("/admin/accounts/administrator", form: ["_csrf": csrf, "username": "sam"])
            #expect(made.status == .seeOther)
            let samAdmin = sam.stranger()
            _ = try await Self.signIn(samAdmin, "sam", "a brand new passphrase")
            #expect(try await samAdmin.get("/admin/accounts").status == .ok, "an administrator can make another")
        }
    }

    @Test func noResponseCarriesAPasswordHash() async throws {
        let app = try await TestApp()
        try await app.addAccount("sam")
        try await app.run { fran in
            let csrf = try await fran.signIn()
            var bodies = [try await fran.get("/admin/accounts").text]
            let invited = try await fran.post("/admin/accounts/invite", form: ["_csrf": csrf, "username": "kim"])
            bodies.append(invited.text)
            let link = try Self.link(in: invited.text)
            bodies.append(try await fran.stranger().get(link).text)
            bodies.append(try await fran.post("/admin/accounts/reset", form: ["_csrf": csrf, "username": "sam"]).text)
            bodies.append(try await fran.post("/admin/accounts/disable", form: ["_csrf": csrf, "username": "fran"]).text)
            bodies.append(try await fran.get("/api/v1/conversations").text)
            for body in bodies {
                #expect(body.range(of: Self.bcrypt, options: .regularExpression) == nil, "a page served a bcrypt hash")
            }
            // The hashes are really there to leak: the check above looks for something that exists.
            let stored = try await app.store.readAll(EventStoreAccountRepository.stream).map { String(decoding: $0.payload, as: UTF8.self) }
            #expect(stored.contains { $0.range(of: Self.bcrypt, options: .regularExpression) != nil })
        }
    }

    @Test func accountsWrittenBeforeAdministratorsStillRead() async throws {
        let store = InMemoryEventStore()
        let old = [#"{"displayName":"Fran","passwordHash":"h1","username":"fran"}"#, #"{"displayName":"Sam","passwordHash":"h2","username":"sam"}"#]
        _ = try await store.append(old.map { NewEvent(id: UUID(), type: "facilitatorAdded", payload: Data($0.utf8), recordedAt: 0) },
                                   to: EventStoreAccountRepository.stream, expected: .noStream)
        let fast = PasswordHashing(hash: { "h:" + $0 }, verify: { "h:" + $0 == $1 }, decoy: "h:")
        let directory = try await EventStoreAccountRepository(store: store, hashing: fast).directory()
        #expect(directory.accounts.map(\.username) == ["fran", "sam"])
        #expect(directory.accounts.map(\.administrator) == [true, false], "the first account set the server up")
        #expect(directory.accounts.allSatisfy { !$0.disabled })
    }
}

extension TestApp {
    func directory() async throws -> AccountDirectory {
        try await EventStoreAccountRepository(store: store, hashing: .bcrypt).directory()
    }
}
