import EventStore
import Foundation
import Hummingbird
import ServiceLifecycle

/// Hummingbird's `PersistDriver` over the store's key-value table, so sign-in sessions live in
/// the same database as the conversations and survive a restart.
public struct KeyValuePersistDriver: PersistDriver {
    let store: any KeyValueStore
    let now: @Sendable () -> Int64

    public init(store: any KeyValueStore, now: @escaping @Sendable () -> Int64) {
        self.store = store
        self.now = now
    }

    private struct Stored<Object: Codable>: Codable {
        var object: Object
        var expiresAt: Int64?
    }

    private func expiry(_ duration: Duration?) -> Int64? {
        duration.map { now() + Int64($0.components.seconds) * 1000 + Int64($0.components.attoseconds / 1_000_000_000_000_000) }
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        if try await store.value(for: key, now: now()) != nil { throw PersistError.duplicate }
        try await set(key: key, value: value, expires: expires)
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        var expiresAt = expiry(expires)
        if expires == nil, let existing = try await store.value(for: key, now: now()),
           let previous = try? JSONDecoder().decode(Stored<Object>.self, from: existing) {
            // The protocol asks that an existing expiry be kept when none is given.
            expiresAt = previous.expiresAt
        }
        let data = try JSONEncoder().encode(Stored(object: value, expiresAt: expiresAt))
        try await store.set(data, for: key, expiresAt: expiresAt)
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let current = now()
        guard let data = try await store.value(for: key, now: current),
              let stored = try? JSONDecoder().decode(Stored<Object>.self, from: data)
        else { return nil }
        return (stored.object, stored.expiresAt.map { .milliseconds($0 - current) })
    }

    public func remove(key: String) async throws {
        try await store.removeValue(for: key)
    }

    public func run() async throws {
        // Sweep expired sessions now and then; values are also checked on every read.
        // A graceful shutdown ends the sweep at once: there is nothing in flight to finish.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await store.removeExpired(now: now())
                try? await Task.sleep(for: .seconds(600))
            }
        }
    }
}
