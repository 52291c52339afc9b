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
        #expect(yaml.hasPrefix("# Forked\n# for a test\nname: knowledge-cafe\n"))
        // Yams quotes with single quotes: the date would otherwise read as a timestamp.
        #expect(yaml.contains("lineage:\n  forked-from: knowledge-cafe\n  run: cabc123\n  date: '2026-01-15'"))
        let read = try DesignReader.read(yaml: yaml, file: "written")
        #expect(read == design)
    }

    @Test func textThatCannotConfuseAReaderIsNotQuoted() throws {
        var design = try #require(try DesignLibrary.design(named: "knowledge-cafe"))
        design.title = "Round 1"
        design.purpose = "What did you hear?"
        design.whenToUse = "a: b"
        design.questions = ["Café für alle – 日本"]
        design.learnings = [Learning(phase: nil, worked: "", change: "x")]
        let yaml = DesignWriter.yaml(design)
        #expect(yaml.contains("\ntitle: Round 1\n"))
        #expect(yaml.contains("\npurpose: What did you hear?\n"))
        #expect(yaml.contains("\nwhen-to-use: 'a: b'\n"))
        #expect(yaml.contains("\nquestions:\n- Café für alle – 日本\n"))
        #expect(yaml.contains("\n- worked: ''\n"))
        #expect(yaml.contains("\ntable-size: \(design.tableSize)\n"))
        #expect(try DesignReader.read(yaml: yaml, file: "written") == design)
    }

    @Test func severalLinesAreALiteralBlockAndInvisibleCharactersAreEscaped() throws {
        var design = try #require(try DesignLibrary.design(named: "knowledge-cafe"))
        design.phases[0].notes = "Welcome everyone.\nThen split into tables."
        design.questions = ["ends with a break\n", "carriage\rreturn", "line\u{2028}separator", "next\u{85}line", "para\u{2029}graph", "  lead\nspace"]
        design.stakeholderGroups = []
        let yaml = DesignWriter.yaml(design)
        #expect(yaml.contains("  notes: |-\n    Welcome everyone.\n    Then split into tables.\n"))
        #expect(yaml.contains("\nstakeholder-groups: []\n"))
        #expect(!yaml.contains("\r"))
        #expect(!yaml.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) })
        #expect(yaml.contains(#"- "line\Lseparator""#) && yaml.contains(#"- "carriage\rreturn""#))
        let read = try DesignReader.read(yaml: yaml, file: "written")
        #expect(read.questions == design.questions)
        #expect(read == design)
    }

    @Test func keysFollowTheOrderOfTheFormat() throws {
        var design = try #require(try DesignLibrary.design(named: "school-participatory-budget"))
        design.lineage = Lineage(forkedFrom: "school-participatory-budget", run: nil, date: nil)
        design.learnings = [Learning(phase: 2, worked: "it did", change: "nothing")]
        let yaml = DesignWriter.yaml(design)
        let keys = yaml.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }.map { $0.prefix { $0 != ":" } }
        #expect(keys == ["name", "title", "purpose", "when-to-use", "questions", "stakeholder-groups", "table-size", "lineage", "phases", "learnings"])
        #expect(yaml.contains("\n- kind: input\n  title: "))
        #expect(yaml.contains("\nlearnings:\n- phase: 2\n  worked: it did\n  change: nothing\n"))
    }
}
