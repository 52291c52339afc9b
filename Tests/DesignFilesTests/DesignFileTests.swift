import CoCreateCore
import DesignFiles
import Testing

@Suite("Design files: the library and the error messages")
struct DesignFileTests {
    @Test("every built-in design validates", arguments: DesignLibrary.templates.map(\.name))
    func builtInDesignValidates(name: String) throws {
        let design = try #require(try DesignLibrary.design(named: name))
        #expect(design.name == name)
        #expect(design.validate().isEmpty)
        #expect(!design.whenToUse.isEmpty)
        #expect(design.roundCount >= 2)
        // Sensible for a real room: between an hour and a half day.
        #expect((60...240).contains(design.totalMinutes))
    }

    @Test func theLibraryHasTheSixDesignsTheIssueNames() {
        #expect(DesignLibrary.templates.count >= 6)
        let cooperative = try! DesignLibrary.design(named: "cooperative-knowledge-cafe")!
        let kinds = cooperative.phases.map(\.kind)
        #expect(kinds.first == .input)
        #expect(kinds.filter { $0 == .round }.count == 3)
        #expect(kinds.contains(.plenary) && kinds.contains(.vote) && kinds.contains(.actionPlanning))
        #expect(cooperative.phases.filter { $0.kind == .round }.allSatisfy { $0.roles.count == 4 })
        let budget = try! DesignLibrary.design(named: "school-participatory-budget")!
        #expect(budget.stakeholderGroups == ["pupils", "teachers", "parents"])
        #expect(budget.phases.contains { $0.voteMethod == .budget && $0.budget == 5000 })
    }

    func issues(_ yaml: String) -> [DesignFileIssue] {
        do {
            _ = try DesignReader.read(yaml: yaml, file: "bad.yaml")
            return []
        } catch {
            return error.issues
        }
    }

    let valid = """
    name: test
    title: Test
    purpose: Try things
    questions: [Why?]
    table-size: 4
    phases:
      - kind: input
        title: Talk
        speaker: Ana
        minutes: 10
      - kind: round
        title: Round
        question: Why?
        structure: round-robin
        minutes: 20
    """

    @Test func aValidFileHasNoIssues() {
        #expect(issues(valid).isEmpty)
    }

    @Test func aWrongPhaseKindIsNamedWithItsLine() {
        let found = issues(valid.replacingOccurrences(of: "kind: input", with: "kind: lecture"))
        #expect(found.count == 1)
        #expect(found.first?.line == 7)
        #expect(found.first?.field == "phases[0].kind")
        #expect(found.first?.message.contains("lecture") == true)
        #expect(found.first?.allowed?.contains("action-planning") == true)
    }

    @Test func aNegativeDurationIsNamedWithItsLine() {
        let found = issues(valid.replacingOccurrences(of: "minutes: 20", with: "minutes: -5"))
        #expect(found == [DesignFileIssue(line: 15, column: 14, field: "phases[1].minutes", message: "is -5, out of range", allowed: "1 to 480")])
    }

    @Test func anUnknownStructureIsNamedWithWhatIsAllowed() {
        let found = issues(valid.replacingOccurrences(of: "round-robin", with: "fishbowl"))
        #expect(found.map(\.field) == ["phases[1].structure"])
        #expect(found.first?.line == 14)
        #expect(found.first?.allowed?.contains("talking-chips") == true)
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() {
        let found = issues(valid.replacingOccurrences(of: "questions: [Why?]", with: "questions: [Why?"))
        #expect(found.count == 1)
        #expect(found.first?.field == "(syntax)")
        #expect(found.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((4...6).contains(found.first?.line ?? 0))
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let broken = valid
            .replacingOccurrences(of: "table-size: 4", with: "table-size: four")
            .replacingOccurrences(of: "speaker: Ana", with: "speeker: Ana")
        let found = issues(broken)
        #expect(found.map(\.field) == ["table-size", "phases[0].speeker"])
        #expect(found.map(\.line) == [5, 9])
    }

    @Test func aMissingFieldIsReportedWhereItsParentStarts() {
        let found = issues(valid.replacingOccurrences(of: "    speaker: Ana\n", with: ""))
        #expect(found.map(\.field) == ["phases[0].speaker"])
        #expect(found.first?.line == 7)
    }

    @Test func theErrorTextNamesFileLineAndField() {
        do {
            _ = try DesignReader.read(yaml: valid.replacingOccurrences(of: "kind: input", with: "kind: lecture"), file: "year9.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("year9.yaml:7:11: error: phases[0].kind: \"lecture\" is not one of the allowed values (allowed: input, round"))
        }
    }
}
