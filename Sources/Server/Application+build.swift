import CoCreateCore
import Conversations
import EventStore
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdWebSocket
import Logging

/// The store the server needs: the event log plus small expiring values (sessions) in the same database.
public typealias ServerStore = EventStore & KeyValueStore

/// Builds the application: routers, services and configuration, ready to `runService()`.
public func buildApplication(
    _ configuration: AppConfiguration, store: any ServerStore, effects: Effects = .live, metrics: ServerMetrics = ServerMetrics()
) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "cocreate")
    logger.logLevel = configuration.logLevel
    let services = try await makeServices(configuration, store: store, effects: effects, metrics: metrics)
    let router = buildRouter(services)
    let webSocketResponder = buildLiveRouter(services).buildResponder()
    let limits = configuration.connections
    let counts = ConnectionCounts(limit: limits.perClient, metrics: metrics)
    let server = HTTPServerBuilder { responder in
        GuardedChildChannel(
            inner: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder,
                configuration: .init(http1: .init(idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds))))),
            counts: counts, headerTimeout: .seconds(Int64(limits.headerTimeoutSeconds)))
    }
    return Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: "cocreate"),
        services: [KeyValuePersistDriver(store: store, now: effects.now)],
        logger: logger)
}

func makeServices(_ configuration: AppConfiguration, store: any ServerStore, effects: Effects, metrics: ServerMetrics) async throws -> AppServices {
    let log = ConversationLog(store: store, effects: effects)
    return AppServices(
        configuration: configuration, store: store, log: log, rooms: LiveRooms(log: log, codes: store),
        accounts: EventStoreAccountRepository(store: store, hashing: .bcrypt), pages: try await PageRenderer.load(),
        guesses: GuessThrottle(),
        signInLimiter: RateLimiter(limit: 10, windowMilliseconds: 60_000), metrics: metrics,
        publicAddress: PublicAddress(configuration: configuration))
}

/// The HTTP routes, grouped by controller.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let persist = KeyValuePersistDriver(store: services.store, now: services.effects.now)
    router.addMiddleware {
        LogRequestsMiddleware(.debug)
        MetricsMiddleware()
        ErrorPageMiddleware(pages: services.pages)
        FriendlyErrorMiddleware()
        SecurityHeadersMiddleware()
        SameOriginMiddleware()
        BodyLimitMiddleware()
        PublicFilesByExactName(folder: Bundle.module.resourceURL!.appendingPathComponent("Public").path)
        FileMiddleware(Bundle.module.resourceURL!.appendingPathComponent("Public").path, urlBasePath: "/public", searchForIndexHtml: false)
        SessionMiddleware(storage: persist, configuration: .init(
            sessionCookieParameters: .init(name: "cocreate_session", secure: services.configuration.secureCookies, sameSite: .lax),
            defaultSessionExpiration: .seconds(12 * 3600)))
    }
    router.get("/healthz") { _, _ in "ok" }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: services.metrics.exposition())))
    }
    router.get("/readyz") { _, context -> Response in
        // Ready means the database answers a read of real data, not only that the process runs: a file with
        // a corrupt page opened fine and said ok while every sign-in and join failed.
        do {
            try await services.checkReadable()
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ready")))
        } catch {
            context.logger.error("not ready", metadata: ["error": "\(error)"])
            return Response(status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "not ready: the database cannot be read")))
        }
    }
    AuthController(services: services).addRoutes(to: router)
    ParticipantController(services: services).addRoutes(to: router)
    LanguageController(services: services).addRoutes(to: router)
    ReportController(services: services).addRoutes(to: router)
    FollowUpController(services: services).addPublicRoutes(to: router)
    APIController(services: services).addPublicRoutes(to: router)
    AccountsController(services: services).addPublicRoutes(to: router)
    let signedIn = router.group(context: FacilitatorContext.self)
        .add(middleware: ActiveAccountMiddleware(services: services))
        .add(middleware: CSRFMiddleware())
        .add(middleware: ConversationAccessMiddleware(services: services))
    ConsoleController(services: services).addRoutes(to: signedIn)
    FollowUpController(services: services).addRoutes(to: signedIn)
    APIController(services: services).addFacilitatorRoutes(to: signedIn)
    ThemesController(services: services).addRoutes(to: signedIn)
    TeamController(services: services).addRoutes(to: signedIn)
    DesignController(services: services).addRoutes(to: signedIn)
    AccountsController(services: services).addRoutes(to: signedIn)
    AuditController(services: services).addRoutes(to: signedIn)
    return router
}

/// The WebSocket routes; sessions are loaded so consoles are authenticated.
func buildLiveRouter(_ services: AppServices) -> Router<LiveRequestContext> {
    let router = Router(context: LiveRequestContext.self)
    router.add(middleware: SessionMiddleware(storage: KeyValuePersistDriver(store: services.store, now: services.effects.now), configuration: .init(
        sessionCookieParameters: .init(name: "cocreate_session", secure: services.configuration.secureCookies, sameSite: .lax))))
    LiveController(services: services).addRoutes(to: router)
    return router
}
