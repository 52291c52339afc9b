import EventStore
import Foundation
import GRDB

extension SQLiteEventStore: KeyValueStore {
    public func value(for key: String, now: Int64) async throws -> Data? {
        try await readDB { db in
            try Data.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM keyValue WHERE key = ? AND (expiresAt IS NULL OR expiresAt > ?)"),
                arguments: [key, now])
        }
    }

    public func set(_ value: Data, for key: String, expiresAt: Int64?) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO keyValue (key, value, expiresAt) VALUES (?, ?, ?)",
                arguments: [key, value, expiresAt])
        }
    }

    public func removeValue(for key: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM keyValue WHERE key = ?", arguments: [key]) }
    }

    public func removeExpired(now: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM keyValue WHERE expiresAt IS NOT NULL AND expiresAt <= ?", arguments: [now])
        }
    }
}
