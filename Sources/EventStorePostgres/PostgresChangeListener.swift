import EventStore
import Foundation
import PostgresNIO

/// The listening half of LISTEN/NOTIFY: one dedicated connection per store, outside the pool
/// (a pooled connection may be closed when idle, and would hold a pool slot forever).
extension PostgresEventStore {
    /// Listens on ``notificationChannel`` until the task is cancelled, reconnecting whenever the
    /// connection drops.
    ///
    /// Notifications sent while no connection listens are lost, so after every (re)connection the
    /// current version of every stream is published: a listener that missed an append reads it
    /// then. Publishing a version a listener has already seen costs nothing.
    func listenForChanges() async {
        var failures = 0
        var connectionID = 0
        while !Task.isCancelled {
            connectionID += 1
            do {
                let connection = try await connect(purpose: "listener", id: connectionID)
                do {
                    try await connection.listen(on: Self.notificationChannel) { notifications in
                        // LISTEN is in effect from here on: catching up now cannot miss anything.
                        try await publishCurrentVersions(on: connection)
                        if failures > 0 { logger.info("listening to \(url) again") }
                        failures = 0
                        try await followNotifications(notifications, on: connection)
                    }
                } catch {
                    if !Task.isCancelled { logger.warning("listener on \(url) dropped: \(Self.describe(error))") }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled { logger.warning("listener cannot connect to \(url): \(Self.describe(error))") }
            }
            guard !Task.isCancelled else { break }
            failures += 1
            try? await Task.sleep(for: reconnectDelay(afterFailures: failures))
        }
    }

    /// Feeds ``changes`` from `notifications`, while a heartbeat checks the connection; returns or
    /// throws when either ends, so the caller reconnects.
    private func followNotifications(_ notifications: PostgresNotificationSequence, on connection: PostgresConnection) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await notification in notifications { self.publish(notification: notification.payload) }
            }
            group.addTask { try await self.heartbeat(on: connection) }
            // Whichever finishes first (a dropped connection ends both eventually) ends the listen.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Sweeps the stream versions every heartbeat, which both checks the connection and catches up on any
    /// append whose notification was lost (its process died between the commit and the NOTIFY); closes the
    /// connection when a sweep takes more than 10 seconds, which fails the notification sequence and so
    /// triggers a reconnect.
    private func heartbeat(on connection: PostgresConnection) async throws {
        while true {
            try await Task.sleep(for: options.listenerHeartbeat)
            let watchdog = Task {
                try await Task.sleep(for: .seconds(10))
                logger.warning("listener on \(url) did not answer a heartbeat; reconnecting")
                try? await connection.close()
            }
            defer { watchdog.cancel() }
            try await publishCurrentVersions(on: connection)
        }
    }

    /// Publishes a notification's payload, `<version> <stream>`; ignores anything else.
    func publish(notification payload: String) {
        guard let space = payload.firstIndex(of: " "), let version = Int64(payload[..<space]) else {
            logger.debug("ignoring notification \(payload)")
            return
        }
        changes.publish(stream: String(payload[payload.index(after: space)...]), version: version)
    }

    private func publishCurrentVersions(on connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT name, version FROM streams WHERE version > 0", logger: logger)
        for try await (stream, version) in rows.decode((String, Int64).self) {
            changes.publish(stream: stream, version: version)
        }
    }

    private func reconnectDelay(afterFailures failures: Int) -> Duration {
        let doubled = options.reconnectDelay * (1 << min(failures - 1, 10))
        return min(doubled, .seconds(30))
    }

    /// A connection of its own, outside the pool, named `<applicationName>-<purpose>` in
    /// `pg_stat_activity`.
    func connect(purpose: String, id: Int = 0) async throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: try url.connectionTLS)
        configuration.options.additionalStartupParameters =
            Self.startupParameters(applicationName: "\(options.applicationName)-\(purpose)")
        return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
    }
}
