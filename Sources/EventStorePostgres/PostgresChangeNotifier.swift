import EventStore
import Foundation
import PostgresNIO

/// The notifying half of LISTEN/NOTIFY: tells the other instances which streams this one appended to, after
/// the appends commit, several streams per statement.
///
/// A NOTIFY inside the append's transaction would be simpler, but PostgreSQL serialises every committing
/// transaction that notified, database-wide, until its commit is flushed to disk: appends to a hundred rooms
/// then queue for one disk flush each, one after another. A transaction that only notifies writes nothing, so
/// it needs no flush and holds that lock for a moment.
///
/// If this process dies between a commit and its notification, the other instances learn of the append with
/// the stream's next notification, or from the listener's periodic sweep of stream versions.
final class PostgresChangeNotifier: Sendable {
    private struct Pending: Sendable {
        var versions: [String: Int64] = [:]
        var sending = false
    }

    private let pending = Mutex(Pending())
    private let send: @Sendable ([String]) async throws -> Void
    private let logger: Logger

    /// `send` delivers payloads (`<version> <stream>`) as one statement.
    init(logger: Logger, send: @escaping @Sendable ([String]) async throws -> Void) {
        self.logger = logger
        self.send = send
    }

    /// Queues a notification that `stream` reached `version`; returns at once.
    func notify(stream: String, version: Int64) {
        let start = pending.withLock { pending in
            pending.versions[stream] = max(pending.versions[stream] ?? 0, version)
            defer { pending.sending = true }
            return !pending.sending
        }
        if start { Task { await self.drain() } }
    }

    /// Sends what is queued, then what was queued meanwhile, until nothing is left.
    private func drain() async {
        while true {
            let batch = pending.withLock { pending in
                defer { pending.versions = [:] }
                if pending.versions.isEmpty { pending.sending = false }
                return pending.versions
            }
            guard !batch.isEmpty else { return }
            do {
                try await send(batch.map { "\($0.value) \($0.key)" })
            } catch {
                // The listeners' sweep catches these up; a failed notification loses no event.
                logger.warning("could not notify other instances of \(batch.count) appends: \(error)")
            }
        }
    }
}
