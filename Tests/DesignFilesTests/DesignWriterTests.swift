import CoCreateCore
import DesignFiles
import Testing

@Suite("Design files written back")
struct DesignWriterTests {
    @Test("every built-in design reads back identically", arguments: DesignLibrary.templates.map(\.name))
    func builtInRoundTrip(name: String) throws {
        let design = try #require(try DesignLibrary.design(named: name))
        let yaml = DesignWriter.yaml(design)
        let read = try DesignReader.read(yaml: yaml, file: "written")
        #expect(read == design)
        #expect(DesignWriter.yaml(read) == yaml)
    }

    @Test func lineageLearningsAndAwkwardTextRoundTrip() throws {
        var design = try #require(try DesignLibrary.design(named: "knowledge-cafe"))
        design.lineage = Lineage(forkedFrom: "knowledge-cafe", run: "cabc123", date: "2026-01-15")
        design.learnings = [
            Learning(phase: 1, worked: "People: talked # freely", change: "Shorter\nrounds, \"please\""),
            Learning(phase: nil, worked: "true", change: ""),
        ]
        design.title = "- 12: yes? {odd} [text] & 'quotes' \\ back"
        design.questions = ["42", "null", "  padded  ", "tab\there", "é ü 日本"]
        design.purpose = "no"
        let yaml = DesignWriter.yaml(design, comment: "Forked\nfor a test")
        #expect(yaml.contains("lineage:\n  forked-from: knowledge-cafe\n  run: cabc123\n  date: \"2026-01-15\""))
        let read = try DesignReader.read(yaml: yaml, file: "written")
        #expect(read == design)
    }

    @Test func plainScalarsStayPlain() {
        #expect(DesignWriter.scalar("Round 1") == "Round 1")
        #expect(DesignWriter.scalar("What did you hear?") == "What did you hear?")
        #expect(DesignWriter.scalar("a: b") == "\"a: b\"")
        #expect(DesignWriter.scalar("") == "\"\"")
    }
}
