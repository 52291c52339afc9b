import EventStore
import Foundation

extension AppServices {
    /// Reads real rows: the list of streams, the first event of the newest ones and a session-table value.
    /// Opening a database proves little (SQLite opens a file with a corrupt page and fails on the first read
    /// of it); a full integrity check is too slow for a probe, so this reads the pages a room uses first.
    func checkReadable() async throws {
        let streams = try await store.streams()
        for summary in streams.suffix(20) {
            _ = try await store.read(summary.stream, after: 0, limit: 1)
        }
        _ = try await store.value(for: "readiness-probe", now: effects.now())
    }
}
