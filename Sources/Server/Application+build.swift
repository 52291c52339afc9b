import EventStore
import Foundation
import Hummingbird
import Logging

/// The store the server needs: the event log plus small expiring values (sessions) in the same database.
public typealias ServerStore = EventStore & KeyValueStore

/// Builds the application: router, services and configuration, ready to `runService()`.
public func buildApplication(_ configuration: AppConfiguration, store: any ServerStore) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "cocreate")
    logger.logLevel = configuration.logLevel
    let router = try await buildRouter(configuration, store: store, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "cocreate"),
        logger: logger)
}

/// The routes, grouped by controller.
func buildRouter(_ configuration: AppConfiguration, store: any ServerStore, logger: Logger) async throws -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.get("/healthz") { _, _ in "ok" }
    router.get("/readyz") { _, _ -> String in
        _ = try await store.streams()
        return "ready"
    }
    return router
}
