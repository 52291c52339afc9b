import CoCreateCore
import Conversations
import DesignFiles
import EventStoreSQLite
import Foundation
import Testing

@Suite("cocreate model export/import and design fork, run as a user would")
struct ModelCommandTests {
    /// A database in `folder` with one conversation that ran: people, votes, commitments, learnings.
    static func database(in folder: URL) async throws -> (path: String, id: String) {
        let path = folder.appendingPathComponent("test.sqlite").path
        let log = ConversationLog(store: try SQLiteEventStore(path: path))
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        let id = "crun1"
        try await log.append([
            .conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "fran")),
            .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ada Lovelace", group: design.stakeholderGroups.first)),
            .participantRegistered(ParticipantRegistered(participantID: "p2", name: "Bayo Adeyemi", group: design.stakeholderGroups.last)),
            .participantRegistered(ParticipantRegistered(participantID: "p3", name: "Chen Wei")),
            .statementAdded(StatementAdded(statementID: "s1", text: "Feedback within a fortnight")),
            .voteCast(VoteCast(participantID: "p1", statementID: "s1", vote: .agree)),
            .voteCast(VoteCast(participantID: "p2", statementID: "s1", vote: .disagree)),
            .voteCast(VoteCast(participantID: "p3", statementID: "s1", vote: .agree)),
            .commitmentMade(CommitmentMade(commitmentID: "m1", text: "Run a feedback trial", ownerIDs: ["p1"], due: "2026-03-01")),
            .commitmentUpdated(CommitmentUpdated(commitmentID: "m1", status: .inProgress)),
            .learningRecorded(LearningRecorded(learning: Learning(phase: 1, worked: "Round robin kept it fair", change: "Give round 1 five more minutes"))),
            .learningRecorded(LearningRecorded(learning: Learning(phase: nil, worked: "Mixed tables", change: "Invite parents"))),
        ], to: id)
        return (path, id)
    }

    @Test func exportThenImportRoundTripsAndNeverOverwritesWithoutForce() async throws {
        let folder = CLIProcess.temporaryFolder()
        let (database, id) = try await Self.database(in: folder)
        let exported = try CLIProcess.run(["model", "export", id, "--database", database, "--output", "model.json"], in: folder)
        #expect(exported.status == 0, "\(exported.stderr)")
        let data = try Data(contentsOf: folder.appendingPathComponent("model.json"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("Ada") && !text.contains("Bayo") && !text.contains("Chen"), "no names in a model")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "cocreate-model")
        #expect(object["version"] as? Int == 1)
        #expect((object["learnings"] as? [Any])?.count == 2)
        let outcome = try #require(object["outcome"] as? [String: Any])
        #expect(outcome["participants"] as? Int == 3)
        let statement = try #require((outcome["statements"] as? [[String: Any]])?.first { $0["text"] as? String == "Feedback within a fortnight" })
        #expect(statement["agree"] as? Int == 2 && statement["disagree"] as? Int == 1)

        let target = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let imported = try CLIProcess.run(["model", "import", "model.json", "--as", "our-cafe", "--output", "out"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Cooperative Knowledge Café"))
        #expect(imported.stdout.contains("forked from cooperative-knowledge-cafe, run crun1"))
        #expect(imported.stdout.contains("Round robin kept it fair"))
        #expect(imported.stdout.contains("3 participants"))
        let written = target.appendingPathComponent("our-cafe.yaml")
        let design = try DesignReader.read(path: written.path)
        #expect(design.name == "our-cafe")
        #expect(design.lineage?.forkedFrom == "cooperative-knowledge-cafe")
        #expect(design.lineage?.run == id)
        #expect(design.learnings.count == 2)
        let validated = try CLIProcess.run(["design", "validate", written.path])
        #expect(validated.status == 0)

        let before = try Data(contentsOf: written)
        let again = try CLIProcess.run(["model", "import", "model.json", "--as", "our-cafe", "--output", "out"], in: folder)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: written) == before)
        let forced = try CLIProcess.run(["model", "import", "model.json", "--as", "our-cafe", "--output", "out", "--force"], in: folder)
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func importNamesTheFieldAndLineAndWritesNothing() async throws {
        let folder = CLIProcess.temporaryFolder()
        let (database, id) = try await Self.database(in: folder)
        _ = try CLIProcess.run(["model", "export", id, "--database", database, "--output", "model.json"], in: folder)
        let good = try String(contentsOf: folder.appendingPathComponent("model.json"), encoding: .utf8)

        let brokenDesign = good.replacingOccurrences(of: "kind: plenary", with: "kind: party")
        #expect(brokenDesign != good)
        try brokenDesign.write(to: folder.appendingPathComponent("bad-design.json"), atomically: true, encoding: .utf8)
        let designError = try CLIProcess.run(["model", "import", "bad-design.json"], in: folder)
        #expect(designError.status != 0)
        #expect(designError.stderr.contains("field \"design\", YAML line"))
        #expect(designError.stderr.contains("kind"))

        try "{\n  \"format\": \"cocreate-model\",\n  \"version\": 1,\n  oops\n}".write(to: folder.appendingPathComponent("syntax.json"), atomically: true, encoding: .utf8)
        let syntax = try CLIProcess.run(["model", "import", "syntax.json"], in: folder)
        #expect(syntax.status != 0)
        #expect(syntax.stderr.contains("line 4"), "\(syntax.stderr)")

        let wrongDate = good.replacingOccurrences(of: "\"due\" : \"2026-03-01\"", with: "\"due\" : \"March\"")
        #expect(wrongDate != good)
        try wrongDate.write(to: folder.appendingPathComponent("bad-date.json"), atomically: true, encoding: .utf8)
        let date = try CLIProcess.run(["model", "import", "bad-date.json"], in: folder)
        #expect(date.status != 0)
        #expect(date.stderr.contains("outcome.commitments[0].due"), "\(date.stderr)")

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.isEmpty, "nothing is written on error: \(files)")
    }

    @Test func forkWritesADesignWithLineageAndTheRunsLearnings() async throws {
        let folder = CLIProcess.temporaryFolder()
        let (database, id) = try await Self.database(in: folder)
        let forked = try CLIProcess.run(["design", "fork", id, "--name", "cafe-v2", "--database", database], in: folder)
        #expect(forked.status == 0, "\(forked.stderr)")
        let path = folder.appendingPathComponent("cafe-v2.yaml").path
        let design = try DesignReader.read(path: path)
        let original = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        #expect(design.name == "cafe-v2")
        #expect(design.lineage?.forkedFrom == "cooperative-knowledge-cafe")
        #expect(design.lineage?.run == id)
        #expect(design.lineage.flatMap(\.date).map(CalendarDate.isValid) == true)
        #expect(design.learnings == original.learnings + [
            Learning(phase: 1, worked: "Round robin kept it fair", change: "Give round 1 five more minutes", run: id),
            Learning(phase: nil, worked: "Mixed tables", change: "Invite parents", run: id),
        ])
        #expect(design.phases == original.phases)
        #expect(try CLIProcess.run(["design", "validate", "cafe-v2.yaml"], in: folder).status == 0)
        let again = try CLIProcess.run(["design", "fork", id, "--name", "cafe-v2", "--database", database], in: folder)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already exists"))
        let missing = try CLIProcess.run(["design", "fork", "nope", "--name", "x", "--database", database], in: folder)
        #expect(missing.status != 0)
    }
}
