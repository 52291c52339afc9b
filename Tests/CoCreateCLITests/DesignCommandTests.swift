import Foundation
import Testing

@Suite("cocreate design, export, import and backup, run as a user would")
struct DesignCommandTests {
    @Test func listShowsTheSixBuiltInDesigns() throws {
        let output = try CLIProcess.run(["design", "list"])
        #expect(output.status == 0)
        for name in ["knowledge-cafe", "world-cafe", "cooperative-knowledge-cafe", "school-participatory-budget", "community-police-conversation", "student-staff-partnership"] {
            #expect(output.stdout.contains(name))
        }
    }

    @Test func newWritesAFileThatValidatesAndNeverOverwrites() throws {
        let folder = CLIProcess.temporaryFolder()
        let created = try CLIProcess.run(["design", "new", "year9", "--from", "world-cafe"], in: folder)
        #expect(created.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("year9.yaml"), encoding: .utf8)
        #expect(text.contains("name: year9"))
        let validated = try CLIProcess.run(["design", "validate", "year9.yaml"], in: folder)
        #expect(validated.status == 0)
        #expect(validated.stdout.contains("valid"))
        let again = try CLIProcess.run(["design", "new", "year9"], in: folder)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        #expect(try String(contentsOf: folder.appendingPathComponent("year9.yaml"), encoding: .utf8) == text)
    }

    @Test func validateNamesFileLineAndFieldAndExitsNonZero() throws {
        let folder = CLIProcess.temporaryFolder()
        _ = try CLIProcess.run(["design", "new", "broken", "--from", "knowledge-cafe"], in: folder)
        let path = folder.appendingPathComponent("broken.yaml")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "minutes: 15\n  - kind: round\n    title: Round 2", with: "minutes: -15\n  - kind: round\n    title: Round 2")
        text = text.replacingOccurrences(of: "kind: plenary", with: "kind: party")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["design", "validate", "broken.yaml"], in: folder)
        #expect(output.status == 1)
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "the kind error is structural, so it is reported alone: \(output.stderr)")
        #expect(lines.first?.hasPrefix("broken.yaml:") == true)
        #expect(output.stderr.contains("phases[4].kind: \"party\" is not one of the allowed values"))
    }

    @Test func unknownTemplateIsRefusedWithTheChoices() throws {
        let output = try CLIProcess.run(["design", "new", "x", "--from", "nope"], in: CLIProcess.temporaryFolder())
        #expect(output.status != 0)
        #expect(output.stderr.contains("world-cafe"))
    }

    @Test func exportOfAnUnknownConversationFailsClearly() throws {
        let folder = CLIProcess.temporaryFolder()
        let output = try CLIProcess.run(["export", "nothing", "--database", "db.sqlite"], in: folder)
        #expect(output.status != 0)
        #expect(output.stderr.contains("there is no conversation \"nothing\""))
    }
}
