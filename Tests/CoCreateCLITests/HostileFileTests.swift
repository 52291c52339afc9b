import Foundation
import Testing

/// Files and options from elsewhere end in a clear message, never a signal or a driven terminal.
@Suite struct HostileFileTests {
    @Test(arguments: ["inf", "1e308", "nan", "-1"])
    func aTimeLimitThatIsNotAReasonableNumberOfSecondsIsRefused(limit: String) throws {
        let folder = CLIProcess.temporaryFolder()
        try "name\nAna\nBo\nCy\nDi\n".write(to: folder.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["plan", "people.csv", "--rounds", "2", "--table-size", "2", "--time-limit", limit], in: folder)
        #expect(output.status == 64, "exit \(output.status): \(output.stderr)")
        #expect(output.stderr.contains("--time-limit"))
    }

    @Test func escapeSequencesInAFileNeverReachTheTerminal() throws {
        let folder = CLIProcess.temporaryFolder()
        _ = try CLIProcess.run(["design", "new", "loud", "--from", "knowledge-cafe"], in: folder)
        let path = folder.appendingPathComponent("loud.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        let title = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        text = text.replacingOccurrences(of: String(title), with: "title: \"Clear \\e[2J\\e]0;pwned\\a screen\"")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let validated = try CLIProcess.run(["design", "validate", "loud.yaml"], in: folder)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(!validated.stdout.contains("\u{1B}"))
        #expect(!validated.stdout.contains("\u{7}"))
        #expect(validated.stdout.contains("\\u{1B}[2J"))

        try "name\n\u{1B}[2JMallory\nBo\nCy\nDi\n".write(to: folder.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let planned = try CLIProcess.run(["plan", "people.csv", "--rounds", "1", "--table-size", "2", "--csv"], in: folder)
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(!planned.stdout.contains("\u{1B}"))
        #expect(planned.stdout.contains("Mallory"))
    }
}
