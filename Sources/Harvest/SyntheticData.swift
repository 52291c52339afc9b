import Basics

/// Made-up but plausible data for benchmarks, tests and demos. Deterministic for a seed.
public enum SyntheticData {
    /// `voters` people in a few hidden opinion camps voting `votes` times on `statements`
    /// statements (some repeat votes, so latest-vote-wins is exercised).
    public static func voting(voters: Int, statements: Int, votes: Int, camps: Int = 3, seed: UInt64 = 42) -> VotingData {
        var generator = SeededRandom(seed: seed)
        let statementRecords = (0..<statements).map { StatementRecord(id: String($0), text: "Statement \($0)", authorID: String($0 % max(voters, 1)), moderatedOut: $0 % 50 == 49) }
        // Each camp leans agree or disagree on each statement.
        let leanings: [[Double]] = (0..<camps).map { _ in (0..<statements).map { _ in Double(generator.next() % 1000) / 1000 } }
        var records: [VoteRecord] = []
        records.reserveCapacity(votes)
        for index in 0..<votes {
            let voter = Int(generator.next() % UInt64(max(voters, 1)))
            let statement = Int(generator.next() % UInt64(max(statements, 1)))
            let lean = leanings[voter % camps][statement]
            let roll = Double(generator.next() % 1000) / 1000
            let choice: VoteChoice = roll < lean * 0.9 ? .agree : (roll > 0.9 ? .pass : .disagree)
            records.append(VoteRecord(participant: String(voter), statement: String(statement), choice: choice, time: Int64(index)))
        }
        return VotingData(statements: statementRecords, votes: records)
    }

    /// A 30-person school conversation ("How do we make homework work for everyone?") with
    /// students, staff and parents at five tables: statements, votes, contributions, talk, a dot
    /// vote, a small budget and commitments. For the report and its tests.
    public static func schoolConversation(people: Int = 30, seed: UInt64 = 7) -> HarvestConversation {
        var generator = SeededRandom(seed: seed)
        func chance() -> Double { Double(generator.next() % 10_000) / 10_000 }
        let groups = ["Students", "Staff", "Parents"]
        let firstNames = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hari", "Isla", "Jack", "Kai", "Lena", "Mo", "Nia", "Omar"]
        let participants = (0..<people).map { index in
            ParticipantRecord(
                id: "p\(index + 1)", name: "\(firstNames[index % firstNames.count]) \(Character(UnicodeScalar(65 + index % 26)!)).",
                group: groups[index < people / 2 ? 0 : (index < people * 4 / 5 ? 1 : 2)], table: String(index % 5 + 1))
        }
        let statements: [(String, [Double])] = [
            ("Homework should be set on the same days each week so families can plan.", [0.85, 0.8, 0.9]),
            ("Students should be able to get help with homework at school before it is due.", [0.9, 0.75, 0.85]),
            ("Homework in Year 7 should take no more than 30 minutes a night.", [0.9, 0.45, 0.7]),
            ("Phones should be allowed in lessons for research.", [0.85, 0.15, 0.35]),
            ("Detentions for missed homework work well.", [0.1, 0.6, 0.4]),
            ("Teachers should explain why each piece of homework matters.", [0.8, 0.7, 0.85]),
            ("Parents should get a weekly summary of homework set.", [0.3, 0.55, 0.95]),
            ("Project work over several weeks is better than weekly worksheets.", [0.7, 0.6, 0.55]),
            ("There should be no homework in the week before exams.", [0.95, 0.25, 0.5]),
            ("Online platforms make homework harder for families without good internet.", [0.6, 0.65, 0.8]),
            ("Homework should be marked and returned within a week.", [0.85, 0.4, 0.8]),
            ("Students should help design homework tasks.", [0.9, 0.5, 0.6]),
        ]
        let statementRecords = statements.enumerated().map { StatementRecord(id: String($0.offset + 1), text: $0.element.0, authorID: nil) }
        var votes: [VoteRecord] = []
        for (personIndex, person) in participants.enumerated() {
            let group = groups.firstIndex(of: person.group!)!
            for (index, statement) in statements.enumerated() where chance() < 0.92 {
                let roll = chance()
                let agree = statement.1[group]
                let choice: VoteChoice = roll < agree * 0.92 ? .agree : (roll > 0.93 ? .pass : .disagree)
                votes.append(VoteRecord(participant: person.id, statement: String(index + 1), choice: choice, time: Int64(personIndex * 100 + index)))
            }
        }
        let ideas = [
            "Homework timetable so it is not all due on the same day", "A homework club in the library after school",
            "Homework club with older students helping younger ones", "Too much homework on the same night causes stress",
            "Stress about homework affects sleep", "Explain the purpose of homework tasks", "Clear deadlines posted online",
            "Paper copies for families without internet", "Internet access at home is not equal", "Longer projects instead of worksheets",
            "Projects where students choose the topic", "Feedback on homework within a week", "Teachers too busy to mark everything",
            "Parents want to know what homework is set", "Weekly email to parents about homework", "No homework before exams",
            "Revision instead of new homework before exams", "Quiet space at school to do homework",
        ]
        let contributions = ideas.enumerated().map { index, text in
            let author = participants[(index * 7) % people]
            return ContributionRecord(id: "c\(index + 1)", text: text, author: author.id, table: author.table, group: author.group)
        }
        var turns: [TurnRecord] = []
        for person in participants {
            let talkative = person.group == "Staff" ? 1.6 : (person.group == "Parents" ? 1.2 : 0.9)
            let count = Int(chance() * 6 * talkative) + 1
            for _ in 0..<count { turns.append(TurnRecord(participant: person.id, table: person.table, seconds: 20 + chance() * 70 * talkative)) }
        }
        var conversation = HarvestConversation(title: "Homework that works", voting: VotingData(statements: statementRecords, votes: votes))
        conversation.question = "How do we make homework work for students, staff and families?"
        conversation.details = "A Co-Creative Conversation with students, staff and parents of Year 7 and 8."
        conversation.date = "12 March 2026"
        conversation.participants = participants
        conversation.contributions = contributions
        conversation.turns = turns
        let options = ["Homework timetable", "Homework club", "Weekly parent email", "Exam-week pause"]
        conversation.dotVoting = DotVoting(
            dotsPerPerson: 3, options: options.enumerated().map { .init(id: "d\($0.offset)", text: $0.element) },
            placements: participants.flatMap { person in (0..<3).map { _ in .init(participant: person.id, option: "d\(Int(chance() * 4))", dots: 1) } })
        let proposals = [("Library homework club staffing", 1200.0), ("Laptops to lend", 2500.0), ("Printed planners", 600.0), ("Revision guides", 900.0)]
        conversation.budget = ParticipatoryBudget(
            budget: 3000, proposals: proposals.enumerated().map { .init(id: "b\($0.offset)", title: $0.element.0, cost: $0.element.1) },
            allocations: participants.flatMap { person in (0..<4).compactMap { index in chance() < 0.45 + 0.1 * Double(index % 2) ? .init(participant: person.id, proposal: "b\(index)", amount: 100) : nil } })
        conversation.commitments = [
            CommitmentSummary(text: "Publish a homework timetable for Years 7 and 8", owners: ["Head of Year 7", "Student council"], due: "2026-04-20", status: "open"),
            CommitmentSummary(text: "Start a library homework club on Tuesdays and Thursdays", owners: ["Librarian"], due: "2026-05-01", status: "in progress"),
            CommitmentSummary(text: "Send a short weekly homework email to parents", owners: ["Form tutors"], due: "2026-04-27", status: "open"),
        ]
        return conversation
    }
}
