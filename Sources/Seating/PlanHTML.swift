import Basics

/// Printable HTML: a page per round for the projector or wall, a name badge per person with their table and
/// role in every round, and a card per table. Every piece of text is escaped.
extension PlanEncoding {
    /// The words of a printout. English by default (the CLI); the server passes its string catalog's,
    /// so badges and table cards print in the facilitator's language.
    public struct Labels: Sendable {
        public var language = "en"
        /// "ltr" or "rtl", for the page's `dir`.
        public var direction = "ltr"
        public var print = "Print"
        public var nameBadges = "Name badges"
        public var tableCards = "Table cards"
        public var away = "away"
        public var roundOf: @Sendable (_ title: String, _ round: Int) -> String = { title, round in "\(title): round \(round)" }
        public var round: @Sendable (Int) -> String = { "Round \($0)" }
        public var table: @Sendable (Int) -> String = { "Table \($0)" }
        /// A role's name from its identifier (`host`, `scribe`, …).
        public var role: @Sendable (String) -> String = { $0 }

        public init() {}
        public static let english = Labels()
    }

    /// The sheets a printout can hold.
    public enum Sheet: CaseIterable, Sendable {
        case rounds, badges, tableCards
    }

    /// `sheets` chooses what to print (the CLI prints all three; the console prints badges or table
    /// cards). With `printScript`, a Print button is shown and wired by that script: a page's own
    /// inline script would break its content security policy.
    public static func html(_ plan: SeatingPlan, people: [Person], title: String = "Seating plan",
                            sheets: [Sheet] = Sheet.allCases, printScript: String? = nil, labels: Labels = .english) -> String {
        let names = Dictionary(people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: String) -> String { escape(names[id] ?? id) }
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(labels.language))" dir="\(escape(labels.direction))"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #111; }
            section { page-break-after: always; padding: 1.5rem; }
            h1 { font-size: 2rem; margin: 0 0 1rem; }
            .grid { display: flex; flex-wrap: wrap; gap: 1rem; }
            .table { border: 2px solid #333; border-radius: 8px; padding: .6rem 1rem; min-width: 12rem; break-inside: avoid; }
            .table h2 { font-size: 1.3rem; margin: 0 0 .4rem; }
            .table ul { margin: 0; padding-inline-start: 1.1rem; font-size: 1.1rem; }
            .role { color: #555; font-style: italic; }
            .badge { border: 1px dashed #777; width: 8.5cm; height: 5.4cm; padding: .5rem .8rem; box-sizing: border-box; break-inside: avoid; }
            .badge .who { font-size: 1.5rem; font-weight: bold; margin-bottom: .3rem; }
            .badge table, .card table { border-collapse: collapse; font-size: .95rem; }
            .badge td, .card td { padding-block: .1rem; padding-inline: 0 .5rem; vertical-align: top; }
            .card { border: 2px solid #333; padding: 1rem; margin-bottom: 1rem; break-inside: avoid; }
            .card .number { font-size: 3rem; font-weight: bold; }
            .print { margin: 1rem 1.5rem 0; font-size: 1.1rem; padding: .5rem 1.2rem; }
            @media print { section { padding: 0; } .print { display: none; } }
            </style></head><body><main>

            """
        if let printScript {
            html += "<button type=\"button\" class=\"print\" data-print>\(escape(labels.print))</button><script src=\"\(escape(printScript))\" defer></script>\n"
        }
        for round in plan.rounds where sheets.contains(.rounds) {
            html += "<section class=\"round\"><h1>\(escape(labels.roundOf(title, round.round)))</h1><div class=\"grid\">\n"
            for table in round.tables {
                html += "<div class=\"table\"><h2>\(escape(labels.table(table.table)))</h2><ul>"
                for member in table.members {
                    html += "<li><bdi>\(name(member.id))</bdi>\(member.role.map { " <span class=\"role\">(\(escape(labels.role($0))))</span>" } ?? "")</li>"
                }
                html += "</ul></div>\n"
            }
            html += "</div></section>\n"
        }
        if sheets.contains(.badges) { html += "<section class=\"badges\"><h1>\(escape(labels.nameBadges))</h1><div class=\"grid\">\n" }
        for person in people where sheets.contains(.badges) {
            html += "<div class=\"badge\"><div class=\"who\" dir=\"auto\">\(escape(person.name))</div><table>"
            for round in plan.rounds {
                let table = round.tables.first { $0.members.contains { $0.id == person.id } }
                let role = table?.members.first { $0.id == person.id }?.role
                let place = table.map { labels.table($0.table) } ?? labels.away
                html += "<tr><td>\(escape(labels.round(round.round)))</td><td>\(escape(place))</td><td class=\"role\">\(escape(role.map(labels.role) ?? ""))</td></tr>"
            }
            html += "</table></div>\n"
        }
        if sheets.contains(.badges) { html += "</div></section>\n" }
        if sheets.contains(.tableCards) { html += "<section class=\"cards\"><h1>\(escape(labels.tableCards))</h1>\n" }
        let tableCount = sheets.contains(.tableCards) ? plan.rounds.map { $0.tables.count }.max() ?? 0 : 0
        for number in stride(from: 1, through: tableCount, by: 1) {
            html += "<div class=\"card\"><div class=\"number\">\(escape(labels.table(number)))</div><table>"
            for round in plan.rounds {
                let members = round.tables.first { $0.table == number }?.members ?? []
                let list = members.map { member in "<bdi>" + name(member.id) + "</bdi>" + (member.role.map { " (\(escape(labels.role($0))))" } ?? "") }
                html += "<tr><td>\(escape(labels.round(round.round)))</td><td>\(list.joined(separator: ", "))</td></tr>"
            }
            html += "</table></div>\n"
        }
        if sheets.contains(.tableCards) { html += "</section>\n" }
        html += "</main></body></html>\n"
        return html
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
