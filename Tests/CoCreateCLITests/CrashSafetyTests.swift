import Foundation
import Testing

@Suite("Acknowledged appends survive SIGKILL")
struct CrashSafetyTests {
    /// Starts `cocreate append-burst`, lets it acknowledge a few hundred events, kills it with
    /// SIGKILL mid-burst, then checks that every acknowledged id is in the database (via export).
    @Test func killedWriterLosesNoAcknowledgedEvent() throws {
        let folder = CLIProcess.temporaryFolder()
        let database = folder.appendingPathComponent("burst.sqlite").path
        let process = Process()
        process.executableURL = CLIProcess.executable
        process.arguments = ["append-burst", "--database", database, "--stream", "burst", "--count", "1000000"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()

        var acknowledged: [String] = []
        var buffer = Data()
        let reader = pipe.fileHandleForReading
        while acknowledged.count < 300 {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                acknowledged.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer.removeSubrange(buffer.startIndex...newline)
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // Whatever was printed before the kill was acknowledged too.
        buffer.append(reader.readDataToEndOfFile())
        acknowledged += String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.count == 36 }
        #expect(acknowledged.count >= 300)

        // Read back through the ordinary export path, as an operator would after a crash.
        let export = try CLIProcess.run(["export", "burst", "--database", database])
        #expect(export.status == 0, "\(export.stderr)")
        let storedIDs = Set(export.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: #""id":""#) else { return nil }
            return String(line[range.upperBound...].prefix(36))
        })
        let lost = acknowledged.filter { !storedIDs.contains($0) }
        #expect(lost.isEmpty, "acknowledged but lost: \(lost.prefix(5))")
        #expect(storedIDs.count >= acknowledged.count)
    }
}
