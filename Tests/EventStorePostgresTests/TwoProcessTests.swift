import EventStore
import EventStorePostgres
import EventStoreTestSupport
import Foundation
import Testing

/// Set only in the child processes that `twoOSProcessesAppendingToOneStream` starts.
private let childEnvironment = ProcessInfo.processInfo.environment["COCREATE_TEST_POSTGRES_CHILD"]

#if os(Linux)
@Suite(
    "PostgreSQL event store across OS processes",
    .enabled(if: testServerURL != nil, "COCREATE_TEST_POSTGRES_URL is not set (scripts/postgres-test-server start)"),
    .enabled(if: childEnvironment == nil, "this process is itself a child writer"),
    .timeLimit(.minutes(3)))
struct TwoProcessTests {
    /// Two copies of this test binary, real processes with their own connection pools, append to
    /// one stream at once: the result has every event once, no gaps, each writer's order kept.
    @Test func twoOSProcessesAppendingToOneStream() async throws {
        try await withTestStores { stores in
            let database = try await stores.freshDatabase()
            let store = try await stores.start(on: database)  // migrates before the children start
            let appendsPerChild = 150
            // The children signal when connected, then wait for "go", so their appends overlap.
            let rendezvous = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-children-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: rendezvous, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: rendezvous) }
            let children = try ["a", "b"].map { tag in
                try ChildWriter(database: database, stream: "duo", tag: tag, count: appendsPerChild, rendezvous: rendezvous.path)
            }
            try await withTimeout(seconds: 120) {
                while try FileManager.default.contentsOfDirectory(atPath: rendezvous.path).count < children.count {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            _ = FileManager.default.createFile(atPath: rendezvous.appendingPathComponent("go").path, contents: nil)
            for child in children {
                let status = try await withTimeout(seconds: 150) { await child.exitStatus() }
                #expect(status == 0, "child \(child.tag) failed:\n\(child.output)")
            }
            let stored = try await store.readAll("duo")
            #expect(stored.count == 2 * appendsPerChild)
            #expect(Set(stored.map(\.id)).count == stored.count)
            #expect(stored.map(\.sequence) == Array(1...Int64(stored.count)))
            let payloads = stored.map { String(decoding: $0.payload, as: UTF8.self) }
            for tag in ["a", "b"] {
                #expect(payloads.filter { $0.hasPrefix("\(tag)-") } == (0..<appendsPerChild).map { "\(tag)-\($0)" })
            }
            // The two really ran at once: their events interleave.
            #expect(Set(payloads.prefix(appendsPerChild).map { $0.prefix(1) }).count == 2)
        }
    }
}

/// This test binary started again, running only `appendAsChildProcess`.
///
/// Unchecked: `Process` is not marked Sendable; this type only reads its status after `run()`.
private final class ChildWriter: @unchecked Sendable {
    let tag: String
    private let process: Process
    private let outputPath: String

    init(database: PostgresURL, stream: String, tag: String, count: Int, rendezvous: String) throws {
        self.tag = tag
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-child-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "appendAsChildProcess"]
        var environment = ProcessInfo.processInfo.environment
        // The child reads the password from the URL, so this is the one place it is spelled out.
        let password = database.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        environment["COCREATE_TEST_POSTGRES_CHILD"] = [
            "postgres://\(database.username)\(password)@\(database.host):\(database.port)/\(database.database)?sslmode=\(database.tlsMode.rawValue)",
            stream, tag, String(count), rendezvous,
        ].joined(separator: "\n")
        process.environment = environment
        let output = FileHandle(forWritingAtPath: outputPath)
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    func exitStatus() async -> Int32 {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        return process.terminationStatus
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    deinit { try? FileManager.default.removeItem(atPath: outputPath) }
}

@Suite(.enabled(if: childEnvironment != nil, "runs only in the child processes of twoOSProcessesAppendingToOneStream"))
struct ChildProcessWriter {
    @Test func appendAsChildProcess() async throws {
        let lines = try #require(childEnvironment?.split(separator: "\n").map(String.init))
        let (url, stream, tag, count, rendezvous) = (lines[0], lines[1], lines[2], Int(lines[3]) ?? 0, lines[4])
        try await withPostgresEventStore(url: url) { store in
            _ = FileManager.default.createFile(atPath: rendezvous + "/\(tag).ready", contents: nil)
            while !FileManager.default.fileExists(atPath: rendezvous + "/go") {
                try await Task.sleep(for: .milliseconds(10))
            }
            for index in 0..<count {
                let event = NewEvent(id: UUID(), type: "test", payload: Data("\(tag)-\(index)".utf8), recordedAt: 0)
                _ = try await store.append([event], to: stream, expected: .any)
            }
        }
    }
}
#endif
