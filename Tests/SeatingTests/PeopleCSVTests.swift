import Seating
import Testing

@Suite("Reading people from CSV")
struct PeopleCSVTests {
    @Test func quotesBOMAndCRLF() throws {
        let text = "\u{FEFF}id,Name,group,notes\r\np1,\"Smith, Ann\",staff,\"said \"\"hi\"\"\r\nover two lines\"\r\np2,Bo,student,\r\n\r\n"
        let list = try PeopleList.parse(csv: text)
        #expect(list.hasIDColumn)
        #expect(list.people.count == 2)
        #expect(list.people[0] == Person(id: "p1", name: "Smith, Ann", attributes: ["group": "staff", "notes": "said \"hi\"\nover two lines"]))
        #expect(list.people[1].attributes["group"] == "student")
        #expect(list.attributeColumns == ["group", "notes"])
    }

    @Test func namesAreIdentitiesWithoutAnIDColumn() throws {
        let list = try PeopleList.parse(csv: "name,extra\nAnn,1\nBo,2")
        #expect(list.people.map(\.id) == ["Ann", "Bo"])
        #expect(!list.hasIDColumn)
    }

    @Test(arguments: [
        ("id,group\np1,a\n", "no name column"),
        ("id,name\np1,Ann\np1,Bo\n", "duplicate id \"p1\""),
        ("name\nAnn\nAnn\n", "duplicate name \"Ann\""),
        ("id,name\np1,\"Ann\n", "never closed"),
        ("id,name\n", "no people"),
        ("id,name\np1,\n", "line 2"),
    ])
    func badFilesAreRefusedWithTheLine(text: String, expected: String) {
        do {
            _ = try PeopleList.parse(csv: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func htmlEscapesEveryText() throws {
        let people = [Person(id: "x", name: "<script>alert('x')</script>"), Person(id: "y", name: "A & B"), Person(id: "z", name: "C")]
        let plan = try SeatingEngine.plan(SeatingProblem(people: people, rounds: 1, sizing: .tableSize(3), roles: ["<b>"]))
        let html = PlanEncoding.html(plan, people: people)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("A &amp; B"))
        #expect(!html.contains("<b>"))
    }

    @Test func csvHasARowPerPersonAndRound() throws {
        let people = ScheduleValidity.people(9)
        let problem = SeatingProblem(people: people, rounds: 3, sizing: .tableSize(3), absences: [Absence(person: "p1", rounds: [2])])
        let plan = try SeatingEngine.plan(problem)
        let lines = PlanEncoding.csv(plan, people: people).split(separator: "\r\n")
        #expect(lines.count == 1 + 9 * 3)
        #expect(lines.contains("2,,p1,Person 1,"))
    }
}
