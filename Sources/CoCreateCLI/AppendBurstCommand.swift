import ArgumentParser
import EventStore
import Foundation

/// Appends events one by one and prints each id once its append has returned.
///
/// Exists for the crash test: the test kills this process with SIGKILL mid-burst and checks
/// that every id printed (acknowledged) is in the database. Hidden from help.
struct AppendBurstCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append-burst",
        abstract: "Append test events one at a time, printing each acknowledged id (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The stream to append to.")
    var stream = "burst"

    @Option(help: "How many events to append.")
    var count = 100_000

    func run() async throws {
        let store = try database.openStore()
        for index in 0..<count {
            let event = NewEvent(id: UUID(), type: "test", payload: Data("burst-\(index)".utf8), recordedAt: Int64(index))
            _ = try await store.append([event], to: stream, expected: .any)
            // Written straight to the descriptor: nothing buffered can be lost when killed.
            FileHandle.standardOutput.write(Data((event.id.uuidString + "\n").utf8))
        }
    }
}
