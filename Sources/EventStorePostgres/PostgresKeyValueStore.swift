import EventStore
import Foundation
import PostgresNIO

/// Sessions and other expiring values, in the `key_values` table beside the events.
extension PostgresEventStore {
    public func value(for key: String, now: Int64) async throws -> Data? {
        try await query { client in
            let rows = try await client.query(
                "SELECT value FROM key_values WHERE key = \(key) AND (expires_at IS NULL OR expires_at > \(now))",
                logger: self.logger)
            for try await value in rows.decode(Data.self) { return value }
            return nil
        }
    }

    public func set(_ value: Data, for key: String, expiresAt: Int64?) async throws {
        try await query { client in
            _ = try await client.query(
                """
                INSERT INTO key_values (key, value, expires_at) VALUES (\(key), \(value), \(expiresAt))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
                """, logger: self.logger)
        }
    }

    public func removeValue(for key: String) async throws {
        try await query { client in
            _ = try await client.query("DELETE FROM key_values WHERE key = \(key)", logger: self.logger)
        }
    }

    public func removeExpired(now: Int64) async throws {
        try await query { client in
            _ = try await client.query(
                "DELETE FROM key_values WHERE expires_at IS NOT NULL AND expires_at <= \(now)", logger: self.logger)
        }
    }
}
