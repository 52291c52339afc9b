import EventStore
import Foundation

/// A facilitator account.
public struct FacilitatorAccount: Codable, Sendable, Equatable {
    public var username: String
    public var displayName: String
    /// bcrypt hash of the password; the password itself is never stored.
    public var passwordHash: String
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
    func account(named username: String) async throws -> FacilitatorAccount?
    func add(_ account: FacilitatorAccount) async throws
    func count() async throws -> Int
}

public enum AccountError: Error, CustomStringConvertible, Equatable {
    case usernameTaken(String)
    case invalidUsername(String)
    case weakPassword

    public var description: String {
        switch self {
        case .usernameTaken(let name): "the username \(name) is already taken"
        case .invalidUsername(let name): "\"\(name)\" is not a valid username: use 2 to 40 letters, digits, dots, hyphens or underscores"
        case .weakPassword: "the password must be at least 10 characters"
        }
    }
}

extension AccountRepository {
    /// Creates an account, keeping only the password's hash.
    public func create(username: String, displayName: String, password: String) async throws {
        guard (2...40).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw AccountError.invalidUsername(username) }
        guard password.count >= 10 else { throw AccountError.weakPassword }
        guard try await account(named: username) == nil else { throw AccountError.usernameTaken(username) }
        let hashing = hashing
        // Off the caller's executor: a bcrypt hash takes a quarter of a second by design.
        let hash = await Task.detached { hashing.hash(password) }.value
        try await add(FacilitatorAccount(username: username, displayName: displayName.isEmpty ? username : displayName, passwordHash: hash))
    }

    /// The account if the password matches; nil otherwise. Takes as long for an unknown user,
    /// so the response time does not reveal which usernames exist.
    public func verify(username: String, password: String) async throws -> FacilitatorAccount? {
        let account = try await account(named: username)
        let hashing = hashing
        let hash = account?.passwordHash ?? hashing.decoy
        let matches = await Task.detached { hashing.verify(password, hash) }.value
        return matches ? account : nil
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

    private func all() async throws -> [FacilitatorAccount] {
        try await store.readAll(Self.stream).compactMap { try? JSONDecoder().decode(FacilitatorAccount.self, from: $0.payload) }
    }

    public func account(named username: String) async throws -> FacilitatorAccount? {
        try await all().last { $0.username.lowercased() == username.lowercased() }
    }

    public func add(_ account: FacilitatorAccount) async throws {
        let version = try await store.version(of: Self.stream)
        let payload = try JSONEncoder().encode(account)
        _ = try await store.append(
            [NewEvent(id: UUID(), type: "facilitatorAdded", payload: payload, recordedAt: Int64(Date().timeIntervalSince1970 * 1000))],
            to: Self.stream, expected: .exactly(version))
    }

    public func count() async throws -> Int { try await all().count }
}
