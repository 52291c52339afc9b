import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import Server
import ServiceLifecycle

/// `cocreate serve`: the app for a room, on the embedded SQLite database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the cocreate web app: facilitator console, projector view and participants' phones.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on. Use 0.0.0.0 so phones on the venue's Wi-Fi can reach this laptop.")
    var hostname = ProcessInfo.processInfo.environment["COCREATE_HOSTNAME"] ?? "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = Int(ProcessInfo.processInfo.environment["COCREATE_PORT"] ?? "") ?? 8080

    @Option(help: "How much to log: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["COCREATE_LOG_LEVEL"] ?? "info"

    @Flag(help: "Mark cookies Secure; use when the app is served over HTTPS.")
    var secureCookies = false

    @Option(help: ArgumentHelp(
        "The address people reach this server at, for join links, QR codes and follow-up links, e.g. https://cocreate.school.example.",
        discussion: "Without it, a page opened at localhost shows this laptop's address on the room's network when the server listens on 0.0.0.0."))
    var publicURL: String?

    /// `--public-url`, else `COCREATE_PUBLIC_URL`.
    var givenPublicURL: String? { publicURL ?? ProcessInfo.processInfo.environment["COCREATE_PUBLIC_URL"] }

    @Option(help: "On SIGTERM or SIGINT, how many seconds requests in progress get to finish before the rest are cancelled.")
    var shutdownGraceSeconds = Int(ProcessInfo.processInfo.environment["COCREATE_SHUTDOWN_GRACE_SECONDS"] ?? "") ?? 15

    @Option(help: ArgumentHelp(
        "How many threads serve network I/O; the default is one per core.",
        discussion: "When several instances share one machine, give each its share of the cores: two instances on 2 cores run best with 1 each."))
    var eventLoopThreads = Int(ProcessInfo.processInfo.environment["COCREATE_EVENT_LOOP_THREADS"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp(
        "How many connections one client (an IPv4 address, an IPv6 /64) may hold open.",
        discussion: "A venue's Wi-Fi puts the whole room behind one address: 1,000 phones hold 1,000 live connections."))
    var maxConnectionsPerClient = Int(ProcessInfo.processInfo.environment["COCREATE_MAX_CONNECTIONS_PER_CLIENT"] ?? "") ?? 2_048

    @Option(help: "Seconds a new connection has to send its first request's headers before it is closed.")
    var headerTimeoutSeconds = Int(ProcessInfo.processInfo.environment["COCREATE_HEADER_TIMEOUT_SECONDS"] ?? "") ?? 10

    @Option(help: "Seconds a kept-alive connection may wait between requests before it is closed.")
    var idleTimeoutSeconds = Int(ProcessInfo.processInfo.environment["COCREATE_IDLE_TIMEOUT_SECONDS"] ?? "") ?? 30

    /// The settings read from whole-number environment variables; a value that is not a number is an error, not ignored.
    static let numericEnvironment = ["COCREATE_PORT", "COCREATE_SHUTDOWN_GRACE_SECONDS", "COCREATE_EVENT_LOOP_THREADS",
                                     "COCREATE_MAX_CONNECTIONS_PER_CLIENT", "COCREATE_HEADER_TIMEOUT_SECONDS", "COCREATE_IDLE_TIMEOUT_SECONDS"]

    func validate() throws {
        for name in Self.numericEnvironment {
            if let value = ProcessInfo.processInfo.environment[name], Int(value) == nil {
                throw ValidationError("\(name) is \"\(value)\"; it must be a whole number. Unset it or give a number.")
            }
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \"\(logLevel)\" is not a level; use trace, debug, info, notice, warning, error or critical.")
        }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535, not \(port).") }
        guard (1...256).contains(eventLoopThreads) else {
            throw ValidationError("--event-loop-threads must be 1 to 256, not \(eventLoopThreads).")
        }
        guard shutdownGraceSeconds >= 0 else { throw ValidationError("--shutdown-grace-seconds cannot be negative.") }
        if let publicURL = givenPublicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--public-url \"\(publicURL)\" is not a web address; give one like https://cocreate.school.example")
            }
        }
        guard (1...1_000_000).contains(maxConnectionsPerClient) else {
            throw ValidationError("--max-connections-per-client must be 1 to 1000000, not \(maxConnectionsPerClient).")
        }
        guard (1...3600).contains(headerTimeoutSeconds) else { throw ValidationError("--header-timeout-seconds must be 1 to 3600, not \(headerTimeoutSeconds).") }
        guard (1...3600).contains(idleTimeoutSeconds) else { throw ValidationError("--idle-timeout-seconds must be 1 to 3600, not \(idleTimeoutSeconds).") }
    }

    func run() async throws {
        EventLoopThreads.use(eventLoopThreads)
        let opened = try StoreLocation.open(database.path)
        let configuration = AppConfiguration(
            hostname: hostname, port: port, logLevel: Logger.Level(rawValue: logLevel)!, secureCookies: secureCookies, publicURL: givenPublicURL,
            connections: ConnectionLimits(perClient: maxConnectionsPerClient, headerTimeoutSeconds: headerTimeoutSeconds, idleTimeoutSeconds: idleTimeoutSeconds))
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The store's own work (PostgreSQL's pool and LISTEN connection) runs beside the server.
            group.addTask { try await opened.run() }
            do {
                try await opened.waitUntilReady()
            } catch {
                throw CLIError("cannot open the database \(opened.description): \(error)")
            }
            // One registry for our own figures and Hummingbird's HTTP latencies, served at /metrics.
            let metrics = ServerMetrics()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
            let app = try await buildApplication(configuration, store: opened.store, metrics: metrics)
            print("cocreate is running at http://\(hostname == "0.0.0.0" ? "localhost" : hostname):\(port)/ (database: \(opened.description))")
            if let publicURL = givenPublicURL {
                print("Phones join at \(publicURL)")
            } else if PublicAddress.listensEverywhere(hostname), let lan = PublicAddress.lookUpNetworkAddresses().first {
                print("Network: http://\(lan):\(port)/ (phones on the room's Wi-Fi use this)")
            }
            // Hummingbird's runService() would wait for ever on a connection that never finishes; a deadline
            // turns a stuck shutdown into cancellation, so a restart by the operator is never blocked.
            var lifecycle = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
            lifecycle.maximumGracefulShutdownDuration = .seconds(shutdownGraceSeconds)
            try await ServiceGroup(configuration: lifecycle).run()
            group.cancelAll()
        }
    }
}
