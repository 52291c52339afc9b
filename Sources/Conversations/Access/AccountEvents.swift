import Foundation

/// What happens to accounts, as events of the reserved `_accounts` stream. The stream is
/// append-only: disabling, enabling or a new password is a new event, never an edit.
public enum AccountEvent: Sendable, Equatable {
    /// Written by every version; `administrator` and an empty hash (an invited account that has
    /// no password yet) are newer, and older logs simply lack them.
    case added(FacilitatorAccount)
    case administratorGranted(AccountChange)
    case disabled(AccountChange)
    case enabled(AccountChange)
    /// A one-time link to set a password was issued; the token itself is never in the log.
    case passwordLinkIssued(PasswordLinkIssued)
    case passwordSet(PasswordSet)

    var type: String {
        switch self {
        case .added: "facilitatorAdded"
        case .administratorGranted: "administratorGranted"
        case .disabled: "accountDisabled"
        case .enabled: "accountEnabled"
        case .passwordLinkIssued: "passwordLinkIssued"
        case .passwordSet: "passwordSet"
        }
    }

    func payload() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        switch self {
        case .added(let value): return try encoder.encode(value)
        case .administratorGranted(let value), .disabled(let value), .enabled(let value): return try encoder.encode(value)
        case .passwordLinkIssued(let value): return try encoder.encode(value)
        case .passwordSet(let value): return try encoder.encode(value)
        }
    }

    /// nil for a type this version does not know, so a newer log still reads.
    static func decode(type: String, payload: Data) -> AccountEvent? {
        let decoder = JSONDecoder()
        switch type {
        case "facilitatorAdded": return (try? decoder.decode(FacilitatorAccount.self, from: payload)).map { .added($0) }
        case "administratorGranted": return (try? decoder.decode(AccountChange.self, from: payload)).map { .administratorGranted($0) }
        case "accountDisabled": return (try? decoder.decode(AccountChange.self, from: payload)).map { .disabled($0) }
        case "accountEnabled": return (try? decoder.decode(AccountChange.self, from: payload)).map { .enabled($0) }
        case "passwordLinkIssued": return (try? decoder.decode(PasswordLinkIssued.self, from: payload)).map { .passwordLinkIssued($0) }
        case "passwordSet": return (try? decoder.decode(PasswordSet.self, from: payload)).map { .passwordSet($0) }
        default: return nil
        }
    }
}

/// An administrator's change to one account.
public struct AccountChange: Codable, Sendable, Equatable {
    public var username: String
    /// The administrator who made it.
    public var by: String
}

public enum PasswordLinkPurpose: String, Codable, Sendable {
    /// The first password of an invited account.
    case invite
    /// A new password for an account that has one.
    case reset
}

public struct PasswordLinkIssued: Codable, Sendable, Equatable {
    public var username: String
    /// Names the link in the log without being its secret: the token lives only in the expiring
    /// key-value table, so a backup or an export of the log opens nothing.
    public var linkID: String
    public var purpose: PasswordLinkPurpose
    public var expiresAt: Int64
    public var by: String
}

public struct PasswordSet: Codable, Sendable, Equatable {
    public var username: String
    public var passwordHash: String
    /// The link that was used; a link is used once.
    public var linkID: String?
}

/// The accounts as the `_accounts` log leaves them.
public struct AccountDirectory: Sendable, Equatable {
    /// In the order they were added.
    public private(set) var accounts: [FacilitatorAccount] = []
    /// Each account's newest link, by lowercased username: only that one can be used.
    var latestLinks: [String: PasswordLinkIssued] = [:]
    var usedLinks: Set<String> = []

    public init(_ events: [AccountEvent] = []) {
        for event in events { apply(event) }
    }

    public func account(named username: String) -> FacilitatorAccount? {
        accounts.first { $0.username.lowercased() == username.lowercased() }
    }

    mutating func apply(_ event: AccountEvent) {
        func change(_ username: String, _ edit: (inout FacilitatorAccount) -> Void) {
            guard let index = accounts.firstIndex(where: { $0.username.lowercased() == username.lowercased() }) else { return }
            edit(&accounts[index])
        }
        switch event {
        case .added(var account):
            // Logs from before administrators have no field: their first account is the one who set the server up.
            if accounts.isEmpty { account.administrator = true }
            if let index = accounts.firstIndex(where: { $0.username.lowercased() == account.username.lowercased() }) {
                accounts[index] = account
            } else {
                accounts.append(account)
            }
        case .administratorGranted(let granted): change(granted.username) { $0.administrator = true }
        case .disabled(let disabled): change(disabled.username) { $0.disabled = true }
        case .enabled(let enabled): change(enabled.username) { $0.disabled = false }
        case .passwordLinkIssued(let link): latestLinks[link.username.lowercased()] = link
        case .passwordSet(let set):
            change(set.username) { $0.passwordHash = set.passwordHash }
            if let link = set.linkID { usedLinks.insert(link) }
        }
    }

    /// The link `linkID` if it is `username`'s newest, unused and unexpired at `now`.
    func usableLink(_ linkID: String, of username: String, now: Int64) -> PasswordLinkIssued? {
        guard let link = latestLinks[username.lowercased()], link.linkID == linkID,
              !usedLinks.contains(linkID), link.expiresAt > now else { return nil }
        return link
    }
}
