import ArgumentParser
import EventStorePostgres
import Foundation
import LoadGenerator

#if canImport(Glibc)
import Glibc
#endif

/// `cocreate loadtest`: many conversations of phones over real WebSockets, against servers it starts
/// (SQLite, or PostgreSQL with several instances) or against servers already running.
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Simulate many rooms of phones over real WebSockets and print fan-out latency, events per second and errors.",
        discussion: """
            By default it starts `cocreate serve` on a new SQLite file in a temporary folder, runs 100 conversations \
            of 40 phones (join, one contribution each at a talking pace, then everyone votes within 10 seconds), reads \
            every log back to check nothing was lost or duplicated, and stops the server. With --database postgres://… \
            --instances 2 the phones are split between two instances sharing the database. It exits non-zero when \
            anything went wrong. Build with -c release before measuring.
            """)

    @Option(help: "How many conversations run at once.")
    var conversations = 100

    @Option(help: "How many phones join each conversation.")
    var participants = 40

    @Option(help: "Everyone contributes once at a random moment within this many seconds.")
    var contributionSeconds: Double = 20

    @Option(help: "Then everyone votes once within this many seconds: the burst.")
    var burstSeconds: Double = 10

    @Option(help: "How many statements each conversation puts to the vote.")
    var statements = 3

    @Option(help: "The database for the servers this command starts: a SQLite file (default: a new one in a temporary folder) or a postgres:// URL.")
    var database: String?

    @Option(help: "How many server instances to start on the database; more than one needs PostgreSQL.")
    var instances = 1

    @Option(name: .customLong("server"), help: ArgumentHelp(
        "Use this running server instead of starting one, e.g. http://127.0.0.1:8080. Repeat for several instances.",
        discussion: "Needs --username and a password on standard input, of a facilitator account on those servers."))
    var servers: [String] = []

    @Option(help: "The facilitator account to use with --server.")
    var username: String?

    @Flag(help: "Kill the first instance (SIGKILL) halfway through the burst; its phones must move to another instance and catch up.")
    var killOneInstance = false

    @Option(help: "Give up after this many seconds and report what was seen.")
    var timeLimit: Double = 600

    @Option(help: "The seed for who acts when and how they vote.")
    var seed: UInt64 = 1

    @Flag(help: "Print the figures as JSON on standard output (progress still goes to standard error).")
    var json = false

    func validate() throws {
        guard conversations >= 1 else { throw ValidationError("--conversations must be at least 1.") }
        guard participants >= 2 else { throw ValidationError("--participants must be at least 2: fan-out needs someone to watch.") }
        guard statements >= 1 else { throw ValidationError("--statements must be at least 1.") }
        guard contributionSeconds >= 0, burstSeconds >= 0, timeLimit > 0 else {
            throw ValidationError("--contribution-seconds and --burst-seconds cannot be negative, and --time-limit must be positive.")
        }
        guard (1...8).contains(instances) else { throw ValidationError("--instances must be 1 to 8.") }
        if instances > 1, servers.isEmpty, !(database.map(PostgresURL.looksLikePostgresURL) ?? false) {
            throw ValidationError("--instances \(instances) needs --database postgres://…: SQLite is one file on one machine.")
        }
        if !servers.isEmpty {
            guard username != nil else { throw ValidationError("--server needs --username (and the password on standard input).") }
            guard database == nil, instances == 1 else { throw ValidationError("--server uses running servers; drop --database and --instances.") }
            guard !killOneInstance else { throw ValidationError("--kill-one-instance only kills instances this command started.") }
        }
        if killOneInstance, servers.isEmpty, instances < 2 {
            throw ValidationError("--kill-one-instance needs --instances 2 or more, so the phones have somewhere to go.")
        }
    }

    func run() async throws {
        let started: [ServerProcess]
        let plan: LoadPlan
        if servers.isEmpty {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-loadtest-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let databasePath = database ?? folder.appendingPathComponent("load.sqlite").path
            let username = "load-" + UUID().uuidString.prefix(8).lowercased()
            let password = UUID().uuidString
            try ServerProcess.addFacilitator(username, password: password, database: databasePath)
            // Instances on one machine split its cores, as an operator would configure them.
            let threads = max(1, ProcessInfo.processInfo.activeProcessorCount / instances)
            // Every simulated phone comes from this one address, so the servers must allow them all
            // (and the load test's own HTTP connections) past the per-client connection cap.
            let connections = conversations * participants + 512
            started = try (0..<instances).map {
                try ServerProcess.start(database: databasePath, logFolder: folder, index: $0, eventLoopThreads: threads, connectionsPerClient: connections)
            }
            printError("started \(instances) instance\(instances == 1 ? "" : "s") with \(threads) event-loop thread\(threads == 1 ? "" : "s")\(instances == 1 ? "" : " each") on \(PostgresURL.looksLikePostgresURL(databasePath) ? "PostgreSQL" : databasePath); server logs in \(folder.path)")
            plan = makePlan(servers: started.map(\.url), username: username, password: password)
        } else {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw CLIError("no password on standard input for \(username ?? "")")
            }
            started = []
            plan = makePlan(servers: servers, username: username ?? "", password: password)
        }
        defer { for server in started { server.stop() } }

        let victim = started.first
        let hooks = LoadHooks(midBurst: killOneInstance ? { @Sendable in
            victim?.kill()
            printError("killed instance 1 (SIGKILL)")
        } : nil)
        let report: LoadReport
        do {
            let start = ContinuousClock.now
            report = try await LoadRun.run(plan, hooks: hooks) { line in
                let elapsed = ContinuousClock.now - start
                printError(String(format: "[%6.1f s] ", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) + line)
            }
        } catch {
            throw CLIError("the load test could not run: \(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        for server in started where server !== victim || !killOneInstance {
            guard server.stop() == 0 else { throw CLIError("instance \(server.url) did not shut down cleanly; see its log \(server.logPath)") }
        }
        if report.errors > 0 { throw ExitCode(1) }
    }

    func makePlan(servers: [String], username: String, password: String) -> LoadPlan {
        LoadPlan(
            servers: servers, username: username, password: password, conversations: conversations, participants: participants,
            contributionSeconds: contributionSeconds, burstSeconds: burstSeconds, statements: statements, seed: seed,
            timeLimitSeconds: timeLimit)
    }
}

/// A `cocreate serve` child process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let url: String
    let logPath: String
    private var status: Int32?

    private init(process: Process, url: String, logPath: String) {
        self.process = process
        self.url = url
        self.logPath = logPath
    }

    /// This very executable, so the servers are the same build as the load generator.
    static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }

    static func addFacilitator(_ username: String, password: String, database: String) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["user", "add", username, "--database", database]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("could not create the load test's facilitator: \(String(decoding: message, as: UTF8.self))")
        }
    }

    static func start(database: String, logFolder: URL, index: Int, eventLoopThreads: Int, connectionsPerClient: Int) throws -> ServerProcess {
        let port = try freeLoopbackPort()
        let logPath = logFolder.appendingPathComponent("instance-\(index + 1).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--database", database, "--port", String(port), "--log-level", "warning",
                             "--event-loop-threads", String(eventLoopThreads), "--max-connections-per-client", String(connectionsPerClient)]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return ServerProcess(process: process, url: "http://127.0.0.1:\(port)", logPath: logPath)
    }

    /// SIGKILL: the instance dies mid-write, as a crashed machine would.
    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        status = process.terminationStatus
    }

    /// SIGTERM and wait: a graceful shutdown. Returns the exit status.
    @discardableResult func stop() -> Int32 {
        if let status { return status }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        status = process.terminationStatus
        return process.terminationStatus
    }

    /// A port nobody listens on right now: bind to port 0 and ask which one the kernel chose.
    static func freeLoopbackPort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CLIError("cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        guard bound == 0 else { throw CLIError("cannot bind a loopback socket to find a free port") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
