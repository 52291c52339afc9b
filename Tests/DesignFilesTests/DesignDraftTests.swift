import CoCreateCore
import Testing
@testable import DesignFiles

/// The browser editor's draft: what is typed comes back as typed, and what is wrong is named by its field.
@Suite("The design editor's draft")
struct DesignDraftTests {
    @Test(arguments: DesignLibrary.templates.map(\.name))
    func everyBuiltInDesignSurvivesTheEditor(name: String) throws {
        let design = try #require(try DesignLibrary.design(named: name))
        let (read, issues) = DesignDraft(design).design()
        #expect(issues.isEmpty, "\(issues)")
        #expect(read == design)
    }

    @Test func aNumberThatCannotBeReadIsNamedOnceAsTyped() {
        var draft = DesignDraft(fields: ["name": "x", "title": "T", "purpose": "P", "questions": "Q?", "table-size": "4",
                                         "phases.0.kind": "input", "phases.0.title": "Talk", "phases.0.minutes": "ab", "phases.0.speaker": "Me"])
        let issues = draft.design().issues
        #expect(issues == [DesignIssue(path: "phases[0].minutes", message: "\"ab\" is not a whole number")])
        draft.phases[0].minutes = ""
        #expect(draft.design().issues.map(\.path) == ["phases[0].minutes"])
    }

    @Test func aBudgetsProposalsKeepTheirCostsAndAMissingCostIsNamed() throws {
        var draft = DesignDraft()
        (draft.name, draft.title, draft.purpose, draft.questions, draft.tableSize) = ("fund-it", "Fund it", "Decide", "What?", "5")
        draft.apply(.add(.vote))
        draft.phases[0].method = "budget"
        draft.phases[0].budget = "1000"
        draft.phases[0].statements[0] = .init(text: "Benches", cost: "600")
        draft.phases[0].statements[1] = .init(text: "Books", cost: "")
        #expect(draft.design().issues.map(\.path) == ["phases[0].statements[1].cost"])
        draft.phases[0].statements[1].cost = "300"
        let (design, issues) = draft.design()
        #expect(issues.isEmpty, "\(issues)")
        #expect(design.phases[0].statements == ["Benches", "Books"])
        #expect(design.phases[0].costs == [600, 300])
        // The blank third row is no statement, and the file says the same as the editor.
        #expect(try DesignReader.read(yaml: DesignWriter.yaml(design), file: "fund-it.yaml") == design)
        #expect(DesignWriter.yaml(design).contains("cost: 600"))
    }

    @Test func aCostOverTheBudgetIsRefusedBesideIt() {
        var draft = DesignDraft(try! #require(try DesignLibrary.design(named: "school-participatory-budget")))
        let vote = draft.phases.firstIndex { $0.kind == .vote }!
        draft.phases[vote].statements = [.init(text: "A pool", cost: "99999")]
        let issues = draft.design().issues
        #expect(issues.map(\.path) == ["phases[\(vote)].statements[0].cost"])
        #expect(DesignDraft.formField(forPath: issues[0].path) == "phases.\(vote).statements.0.cost")
    }

    @Test func learningsFollowTheirPhaseWhenPhasesMoveOrGo() throws {
        var design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        design.learnings = [Learning(phase: 1, worked: "short input", change: "more time", run: "c1"), Learning(phase: 0, worked: "a", change: "b")]
        var draft = DesignDraft(design)
        draft.apply(.moveDown(1))
        draft.apply(.remove(0))
        let (edited, issues) = draft.design()
        #expect(issues.isEmpty, "\(issues)")
        // Phase 1 moved to 2, then phase 0 went: it is now phase 1, and the learning about phase 0 is about the whole design.
        #expect(edited.phases[1].title == design.phases[1].title)
        #expect(edited.learnings.map(\.phase) == [1, nil])
        #expect(edited.learnings[0].run == "c1")
    }

    @Test func theFormsFieldsReadBackInTheirOrder() {
        let fields = ["name": "x", "phases.10.kind": "closing", "phases.10.title": "Bye", "phases.10.minutes": "5",
                      "phases.2.kind": "round", "phases.2.title": "R", "phases.2.role.scribe": "on", "phases.2.role.host": "on",
                      "phases.2.statements.0.text": "ignored outside a vote", "phases.3.kind": "no-such-kind"]
        let draft = DesignDraft(fields: fields)
        #expect(draft.phases.map(\.kind) == [.round, .closing])
        #expect(draft.phases[0].roles == [.host, .scribe])
        #expect(draft.design().design.phases[0].statements.isEmpty)
    }

    @Test func theClockFollowsTheMinutes() {
        var draft = DesignDraft()
        draft.startsAt = "18:30"
        draft.apply(.add(.input))
        draft.apply(.add(.round))
        draft.apply(.add(.closing))
        draft.phases[1].minutes = "45"
        #expect(draft.startTimes == ["18:30", "18:40", "19:25"])
        #expect(draft.totalMinutes == 60)
        draft.startsAt = "half six"
        #expect(draft.startTimes.isEmpty)
    }

    @Test func theEditorsButtonsAreRead() {
        #expect(DesignDraft.Change(button: "add-action-planning") == .add(.actionPlanning))
        #expect(DesignDraft.Change(button: "up-3") == .moveUp(3))
        #expect(DesignDraft.Change(button: "statements-0") == .addStatements(0))
        #expect(DesignDraft.Change(button: "save") == nil)
        #expect(DesignDraft.Change(button: "remove-x") == nil)
    }
}

@Suite("Budget proposals with costs in a design file")
struct DesignFileCostTests {
    @Test func aProposalWithoutItsCostAmongCostedOnesIsNamedAtItsLine() {
        let yaml = """
        name: fund
        title: Fund
        purpose: Decide
        questions: [What?]
        table-size: 4
        phases:
          - kind: vote
            title: Allocate
            method: budget
            budget: 900
            minutes: 10
            statements:
              - {text: Benches, cost: 600}
              - Books
        """
        #expect(throws: DesignFileError.self) { try DesignReader.read(yaml: yaml, file: "fund.yaml") }
        do {
            _ = try DesignReader.read(yaml: yaml, file: "fund.yaml")
        } catch {
            #expect(error.issues.map(\.field) == ["phases[0].statements[1].cost"])
            #expect(error.issues.first?.line == 14)
        }
    }
}
