import CoCreateCore
import Conversations
import EventStore
import Foundation
import Testing

/// The one-time links at the application layer, without a server: single use under a race, and expiry.
@Suite("One-time password links")
struct PasswordLinkTests {
    static let fast = PasswordHashing(hash: { "h:" + $0 }, verify: { "h:" + $0 == $1 }, decoy: "h:")

    /// An administration over memory, its clock at `now` milliseconds.
    static func administration(now: Mutex<Int64>) async throws -> AccountAdministration {
        let accounts = EventStoreAccountRepository(store: InMemoryEventStore(), hashing: fast)
        try await accounts.create(username: "fran", displayName: "Fran", password: "fran's passphrase")
        var effects = Effects.live
        effects.now = { now.withLock { $0 } }
        return AccountAdministration(accounts: accounts, links: InMemoryKeyValueStore(), effects: effects)
    }

    @Test func twoBrowsersUsingOneLinkAtOnceSetOnePassword() async throws {
        let administration = try await Self.administration(now: Mutex(1_000))
        let token = try await InviteAccount(username: "sam").run(in: administration, by: "fran")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for attempt in 0..<8 {
                group.addTask {
                    let password = "passphrase number \(attempt)"
                    return (try? await SetPasswordWithLink(password: password, confirm: password).run(in: administration, token: token)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1, "\(outcomes)")
        let sam = try #require(try await administration.accounts.account(named: "sam"))
        #expect(sam.passwordHash.hasPrefix("h:passphrase number "))
        #expect(try await administration.link(token) == nil)
    }

    @Test func aLinkExpiresAndOnlyAnAdministratorIssuesOne() async throws {
        let now = Mutex<Int64>(1_000)
        let administration = try await Self.administration(now: now)
        let token = try await InviteAccount(username: "sam").run(in: administration, by: "fran")
        now.withLock { $0 += AccountAdministration.inviteLifetimeMilliseconds }
        #expect(try await administration.link(token) == nil)
        await #expect(throws: RuleViolation.self) {
            try await SetPasswordWithLink(password: "too late a passphrase", confirm: "too late a passphrase").run(in: administration, token: token)
        }
        #expect(try await administration.accounts.account(named: "sam")?.hasPassword == false)
        await #expect(throws: NotAnAdministrator.self) { try await ResetPassword(username: "fran").run(in: administration, by: "sam") }
    }
}
