import Foundation

/// Small, expiring values kept beside the event log in the same database: sign-in sessions,
/// rate-limit counters. Not part of any conversation's history, so not events.
public protocol KeyValueStore: Sendable {
    /// The value for `key`, or nil when absent or expired at `now` (milliseconds since 1970).
    func value(for key: String, now: Int64) async throws -> Data?
    /// Stores `value`; `expiresAt` nil keeps it until removed.
    func set(_ value: Data, for key: String, expiresAt: Int64?) async throws
    func removeValue(for key: String) async throws
    func removeExpired(now: Int64) async throws
}

/// A key-value store in memory, for tests.
public actor InMemoryKeyValueStore: KeyValueStore {
    private var values: [String: (Data, Int64?)] = [:]
    public init() {}
    public func value(for key: String, now: Int64) -> Data? {
        guard let (value, expiry) = values[key] else { return nil }
        if let expiry, expiry <= now { return nil }
        return value
    }
    public func set(_ value: Data, for key: String, expiresAt: Int64?) { values[key] = (value, expiresAt) }
    public func removeValue(for key: String) { values[key] = nil }
    public func removeExpired(now: Int64) { values = values.filter { $0.value.1.map { $0 > now } ?? true } }
}
