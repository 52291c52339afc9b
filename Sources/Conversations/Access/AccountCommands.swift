import CoCreateCore
import EventStore
import Foundation

/// Account management for administrators, and the one-time links people set their passwords with.
///
/// A link's token is random (132 bits) and lives only in the key-value table, with an expiry; the
/// log records that a link was issued (`linkID`) and when it was used, so only an account's newest
/// link works, and each works once, even when two browsers use it at the same moment.
public struct AccountAdministration: Sendable {
    public static let inviteLifetimeMilliseconds: Int64 = 7 * 24 * 3600 * 1000
    public static let resetLifetimeMilliseconds: Int64 = 24 * 3600 * 1000

    public let accounts: any AccountRepository
    let links: any KeyValueStore
    let effects: Effects

    public init(accounts: any AccountRepository, links: any KeyValueStore, effects: Effects) {
        self.accounts = accounts
        self.links = links
        self.effects = effects
    }

    struct StoredLink: Codable {
        var username: String
        var linkID: String
    }

    static func key(_ token: String) -> String { "account-link:" + token }

    /// The directory, if `username` may manage accounts; ``NotAnAdministrator`` otherwise.
    public func directory(for username: String) async throws -> AccountDirectory {
        let directory = try await accounts.directory()
        try Self.requireAdministrator(username, in: directory)
        return directory
    }

    static func requireAdministrator(_ username: String, in directory: AccountDirectory) throws {
        guard let account = directory.account(named: username), account.administrator, !account.disabled else { throw NotAnAdministrator() }
    }

    /// Issues a link for the account `decide` picks (after checking it, with any events to append
    /// first) and returns its token.
    func issueLink(
        by admin: String, _ decide: @escaping @Sendable (AccountDirectory) throws -> (events: [AccountEvent], username: String, purpose: PasswordLinkPurpose)
    ) async throws -> String {
        let token = effects.secretToken()
        let linkID = effects.newID().uuidString
        let now = effects.now()
        // What the accepted decision issued: `record` may run `decide` more than once.
        let issued = Mutex<PasswordLinkIssued?>(nil)
        try await accounts.record { directory in
            try Self.requireAdministrator(admin, in: directory)
            let (events, username, purpose) = try decide(directory)
            let lifetime = purpose == .invite ? Self.inviteLifetimeMilliseconds : Self.resetLifetimeMilliseconds
            let link = PasswordLinkIssued(username: username, linkID: linkID, purpose: purpose, expiresAt: now + lifetime, by: admin)
            issued.withLock { $0 = link }
            return events + [.passwordLinkIssued(link)]
        }
        guard let link = issued.withLock({ $0 }) else { throw NotAnAdministrator() }
        try await links.set(try JSONEncoder().encode(StoredLink(username: link.username, linkID: linkID)), for: Self.key(token), expiresAt: link.expiresAt)
        return token
    }

    /// What a link opens, for its page: the account and the link, or nil (unknown, expired, used, superseded).
    public func link(_ token: String) async throws -> (account: FacilitatorAccount, link: PasswordLinkIssued)? {
        guard (16...64).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              let data = try await links.value(for: Self.key(token), now: effects.now()),
              let stored = try? JSONDecoder().decode(StoredLink.self, from: data)
        else { return nil }
        let directory = try await accounts.directory()
        guard let issued = directory.usableLink(stored.linkID, of: stored.username, now: effects.now()),
              let account = directory.account(named: stored.username)
        else { return nil }
        return (account, issued)
    }
}

/// Only administrators manage accounts; the pages answer as if there were nothing there.
public struct NotAnAdministrator: Error, Equatable, Sendable {
    public init() {}
}

/// One thing an administrator does to the accounts, with its form's input.
public protocol AccountCommand: Decodable, Sendable {
    associatedtype Outcome: Sendable
    func run(in administration: AccountAdministration, by administrator: String) async throws -> Outcome
}

extension AccountDirectory {
    /// The account the form names, or a message next to its username field.
    func existing(_ username: String?) throws -> FacilitatorAccount {
        let name = (username ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let account = account(named: name) else {
            throw RuleViolation(field: "username", message: "there is no account named \(name)")
        }
        return account
    }
}

/// Creates an account without a password and a link for its person to choose one. Returns the token.
public struct InviteAccount: AccountCommand {
    public var username: String?
    public var displayName: String?

    public init(username: String, displayName: String? = nil) {
        self.username = username
        self.displayName = displayName
    }

    public func run(in administration: AccountAdministration, by administrator: String) async throws -> String {
        let username = (username ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let displayName = (displayName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do { try EventStoreAccountRepository.checkUsername(username) } catch {
            throw RuleViolation(field: "username", message: username.isEmpty ? "is needed" : "must be 2 to 40 letters, digits, dots, hyphens or underscores")
        }
        guard displayName.count <= 120 else { throw RuleViolation(field: "displayName", message: "must be at most 120 characters") }
        return try await administration.issueLink(by: administrator) { directory in
            guard directory.account(named: username) == nil else {
                throw RuleViolation(field: "username", message: "\(username) is already taken")
            }
            let account = FacilitatorAccount(username: username, displayName: displayName.isEmpty ? username : displayName, passwordHash: "")
            return ([.added(account)], username, .invite)
        }
    }
}

/// A new one-time link to set a password: the old password works until the link is used. For an
/// invited account that has not chosen one yet, a fresh invitation. Returns the token.
public struct ResetPassword: AccountCommand {
    public var username: String?

    public init(username: String) { self.username = username }

    public func run(in administration: AccountAdministration, by administrator: String) async throws -> String {
        try await administration.issueLink(by: administrator) { directory in
            let account = try directory.existing(username)
            return ([], account.username, account.hasPassword ? .reset : .invite)
        }
    }
}

/// Disables or enables an account. Nobody disables their own: the last administrator could lock everyone out.
public struct SetAccountDisabled: AccountCommand {
    public var username: String?
    public var disabled: Bool

    public init(username: String, disabled: Bool) {
        self.username = username
        self.disabled = disabled
    }

    public func run(in administration: AccountAdministration, by administrator: String) async throws {
        try await administration.accounts.record { directory in
            try AccountAdministration.requireAdministrator(administrator, in: directory)
            let account = try directory.existing(username)
            guard account.username.lowercased() != administrator.lowercased() else {
                throw RuleViolation(field: "username", message: "you cannot disable your own account")
            }
            guard account.disabled != disabled else {
                throw RuleViolation(field: "username", message: "\(account.username) is already \(disabled ? "disabled" : "enabled")")
            }
            let change = AccountChange(username: account.username, by: administrator)
            return [disabled ? .disabled(change) : .enabled(change)]
        }
    }
}

/// Makes an account an administrator too.
public struct MakeAdministrator: AccountCommand {
    public var username: String?

    public init(username: String) { self.username = username }

    public func run(in administration: AccountAdministration, by administrator: String) async throws {
        try await administration.accounts.record { directory in
            try AccountAdministration.requireAdministrator(administrator, in: directory)
            let account = try directory.existing(username)
            guard !account.administrator else { throw RuleViolation(field: "username", message: "\(account.username) is already an administrator") }
            guard !account.disabled else { throw RuleViolation(field: "username", message: "\(account.username) is disabled; enable the account first") }
            return [.administratorGranted(AccountChange(username: account.username, by: administrator))]
        }
    }
}

/// The person behind a link chooses a password. The link then stops working, and so does any old password.
public struct SetPasswordWithLink: Decodable, Sendable {
    public var password: String?
    public var confirm: String?

    public init(password: String, confirm: String) {
        self.password = password
        self.confirm = confirm
    }

    public func run(in administration: AccountAdministration, token: String) async throws -> FacilitatorAccount {
        guard let found = try await administration.link(token) else { throw Self.expired }
        let (account, issued) = (found.account, found.link)
        guard !account.disabled else { throw RuleViolation(field: "password", message: "this account has been disabled; ask an administrator to enable it") }
        let password = password ?? ""
        guard password.count >= 10 else { throw RuleViolation(field: "password", message: "must be at least 10 characters") }
        guard password.count <= 200 else { throw RuleViolation(field: "password", message: "must be at most 200 characters") }
        guard password == (confirm ?? "") else { throw RuleViolation(field: "confirm", message: "does not match the first") }
        let hash = try await administration.accounts.hash(password)
        let now = administration.effects.now()
        let after = try await administration.accounts.record { directory in
            // Checked again here, where the append is atomic: a second use of the link loses the race and is refused.
            guard directory.usableLink(issued.linkID, of: account.username, now: now) != nil else { throw Self.expired }
            return [.passwordSet(PasswordSet(username: account.username, passwordHash: hash, linkID: issued.linkID))]
        }
        try await administration.links.removeValue(for: AccountAdministration.key(token))
        return after.account(named: account.username) ?? account
    }

    static let expired = RuleViolation(field: "link", message: "this link has expired or was already used; ask an administrator for a new one")
}
