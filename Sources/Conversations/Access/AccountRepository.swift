import EventStore
import Foundation

/// A facilitator account.
public struct FacilitatorAccount: Codable, Sendable, Equatable {
    public var username: String
    public var displayName: String
    /// bcrypt hash of the password; the password itself is never stored. Empty for an invited
    /// account whose person has not chosen a password yet: nothing signs in with it.
    public var passwordHash: String
    /// Administrators manage accounts. The first account always is one (see `AccountDirectory`).
    public var administrator: Bool
    /// A disabled account cannot sign in, and its open sessions end on their next request.
    public var disabled: Bool

    public init(username: String, displayName: String, passwordHash: String, administrator: Bool = false, disabled: Bool = false) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.administrator = administrator
        self.disabled = disabled
    }

    /// Accounts written before administrators existed have neither flag.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        displayName = try container.decode(String.self, forKey: .displayName)
        passwordHash = try container.decode(String.self, forKey: .passwordHash)
        administrator = try container.decodeIfPresent(Bool.self, forKey: .administrator) ?? false
        disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled) ?? false
    }

    public var hasPassword: Bool { !passwordHash.isEmpty }
}

/// How passwords are hashed and checked, passed in so the application layer needs no crypto
/// library: the server gives bcrypt (`PasswordHashing.bcrypt`), a test may give a fast stand-in.
public struct PasswordHashing: Sendable {
    public var hash: @Sendable (String) -> String
    public var verify: @Sendable (_ password: String, _ hash: String) -> Bool
    /// A real hash of a password nobody has, checked when the username is unknown so that both
    /// paths cost the same and the response time does not tell which usernames exist.
    public var decoy: String

    public init(hash: @escaping @Sendable (String) -> String, verify: @escaping @Sendable (String, String) -> Bool, decoy: String) {
        self.hash = hash
        self.verify = verify
        self.decoy = decoy
    }
}

/// Where facilitator accounts are kept.
public protocol AccountRepository: Sendable {
    var hashing: PasswordHashing { get }
    /// Every account as the log leaves it now.
    func directory() async throws -> AccountDirectory
    /// Appends the events `decide` returns for the directory as it is, atomically: when another
    /// writer changed it meanwhile, `decide` runs again on the new one, so a rule it checks holds.
    @discardableResult
    func record(_ decide: @Sendable (AccountDirectory) throws -> [AccountEvent]) async throws -> AccountDirectory
}

public enum AccountError: Error, CustomStringConvertible, Equatable {
    case usernameTaken(String)
    case invalidUsername(String)
    case weakPassword
    /// The password matched, but an administrator has disabled the account.
    case disabled

    public var description: String {
        switch self {
        case .usernameTaken(let name): "the username \(name) is already taken"
        case .invalidUsername(let name): "\"\(name)\" is not a valid username: use 2 to 40 letters, digits, dots, hyphens or underscores"
        case .weakPassword: "the password must be at least 10 characters"
        case .disabled: "this account has been disabled; ask an administrator to enable it"
        }
    }
}

extension AccountRepository {
    public func account(named username: String) async throws -> FacilitatorAccount? {
        try await directory().account(named: username)
    }

    public func count() async throws -> Int { try await directory().accounts.count }

    static func checkUsername(_ username: String) throws {
        guard (2...40).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw AccountError.invalidUsername(username) }
    }

    /// The password's hash. A bcrypt hash takes a quarter of a second by design.
    func hash(_ password: String) async throws -> String {
        guard password.count >= 10 else { throw AccountError.weakPassword }
        let hashing = hashing
        return await Self.offThePool { hashing.hash(password) }
    }

    /// Runs slow work on a Dispatch thread: on the cooperative pool (a thread per core) each bcrypt held a
    /// thread for its quarter second, and a few sign-ins at once stalled every request and socket meanwhile.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    /// Creates an account, keeping only the password's hash. The first account is an administrator.
    public func create(username: String, displayName: String, password: String) async throws {
        try Self.checkUsername(username)
        guard try await account(named: username) == nil else { throw AccountError.usernameTaken(username) }
        let hash = try await hash(password)
        let account = FacilitatorAccount(username: username, displayName: displayName.isEmpty ? username : displayName, passwordHash: hash)
        try await record { directory in
            guard directory.account(named: username) == nil else { throw AccountError.usernameTaken(username) }
            var first = account
            first.administrator = directory.accounts.isEmpty
            return [.added(first)]
        }
    }

    /// The account if the password matches; nil otherwise. Takes as long for an unknown user (or
    /// one with no password yet), so the response time does not reveal which usernames exist.
    /// Throws ``AccountError/disabled`` only to someone who knew the password.
    public func verify(username: String, password: String) async throws -> FacilitatorAccount? {
        let account = try await account(named: username)
        let hashing = hashing
        let hash = account.flatMap { $0.hasPassword ? $0.passwordHash : nil } ?? hashing.decoy
        let matches = await Self.offThePool { hashing.verify(password, hash) }
        guard matches, let account, account.hasPassword else { return nil }
        if account.disabled { throw AccountError.disabled }
        return account
    }
}

/// Accounts kept as events in the reserved stream `_accounts` of the event store, so they are
/// backed up, exported and replicated with everything else.
public struct EventStoreAccountRepository: AccountRepository {
    public static let stream = "_accounts"
    let store: any EventStore
    public let hashing: PasswordHashing

    public init(store: any EventStore, hashing: PasswordHashing) {
        self.store = store
        self.hashing = hashing
    }

    public func directory() async throws -> AccountDirectory {
        try await events().directory
    }

    private func events() async throws -> (directory: AccountDirectory, version: Int64) {
        let recorded = try await store.readAll(Self.stream)
        return (AccountDirectory(recorded.compactMap { AccountEvent.decode(type: $0.type, payload: $0.payload) }), recorded.last?.sequence ?? 0)
    }

    @discardableResult
    public func record(_ decide: @Sendable (AccountDirectory) throws -> [AccountEvent]) async throws -> AccountDirectory {
        // A handful of tries: two administrators clicking at the same moment, not a contended stream.
        for _ in 0..<10 {
            let (directory, version) = try await events()
            let changes = try decide(directory)
            guard !changes.isEmpty else { return directory }
            let at = Int64(Date().timeIntervalSince1970 * 1000)
            let new = try changes.map { NewEvent(id: UUID(), type: $0.type, payload: try $0.payload(), recordedAt: at) }
            do {
                _ = try await store.append(new, to: Self.stream, expected: .exactly(version))
                var after = directory
                for change in changes { after.apply(change) }
                return after
            } catch EventStoreError.wrongExpectedVersion {
                continue
            }
        }
        throw EventStoreError.storage("too much contention on \(Self.stream)")
    }
}
