import CoCreateCore
import Conversations
import Foundation
import Hummingbird
import Seating

/// The printable forms, so nothing needs a phone: the seating plan with badges and table cards,
/// scribe sheets and ballots, in the language of the page that asks for them.
extension ConsoleController {
    func addPrintRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.get("/conversations/:id/print/badges", use: printPlan([.badges]))
        group.get("/conversations/:id/print/tables", use: printPlan([.tableCards]))
        group.get("/conversations/:id/print/scribe-sheets", use: scribeSheets)
        group.get("/conversations/:id/print/ballots", use: ballots)
    }

    /// The seating engine's printable pages: a badge per person with their table in every round, or a card per table.
    func printPlan(_ sheets: [PlanEncoding.Sheet]) -> @Sendable (Request, FacilitatorContext) async throws -> Response {
        { [services] request, context in
            let id = try context.parameters.require("id")
            let state = try await services.hub(id).current()
            guard !state.seating.isEmpty else { throw RuleViolation(field: "seating", message: "generate the seating before printing it") }
            let html = PlanEncoding.html(SeatingBridge.seatingPlan(from: state), people: SeatingBridge.people(state),
                                         title: state.design?.title ?? "Seating", sheets: sheets, printScript: "/public/print.js",
                                         labels: services.pages.planLabels(for: request))
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    /// One sheet per table per round for the scribe: the question, the structure, the seats, and space to write.
    @Sendable func scribeSheets(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        guard let design = state.design else { throw NotFound(what: "conversation") }
        let language = services.pages.language(for: request)
        let rounds = design.phases.indices.filter { design.phases[$0].kind == .round }
        let sheets: [[String: Any]] = state.seating.flatMap { seated -> [[String: Any]] in
            let index = seated.round <= rounds.count ? rounds[seated.round - 1] : nil
            let phase = index.map { design.phases[$0] }
            let question = state.question(phase: index, in: language) ?? ""
            return seated.tables.map { table -> [String: Any] in
                [
                    "round": seated.round, "table": table.table, "question": question,
                    "structure": phase?.structure.map { LocalizedText("structure.\($0.rawValue).name") as Any } ?? "",
                    "turnRule": phase?.structure.map { LocalizedText("structure.\($0.rawValue).rule") as Any } ?? "",
                    "people": table.seats.map { seat -> [String: Any] in
                        ["name": state.participant(seat.participantID)?.name ?? seat.participantID,
                         "role": seat.role.map { LocalizedText("role.\($0.rawValue).name") as Any } ?? ""]
                    },
                    "lines": Array(repeating: 0, count: 14),
                ]
            }
        }
        return services.pages.page("scribe-sheets", ["title": design.title, "sheets": sheets, "code": state.joinCode], request: request)
    }

    /// Paper ballots for the vote: one a page, as many as there are people (at least one), each
    /// statement worded in the page's language, with the boxes its vote method asks for. Counted
    /// afterwards with the console's paper-count form.
    @Sendable func ballots(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        guard let design = state.design else { throw NotFound(what: "conversation") }
        guard !state.statements.isEmpty else { throw RuleViolation(field: "statements", message: "add statements before printing ballots") }
        let language = services.pages.language(for: request)
        let votePhase = design.phases.indices.first { design.phases[$0].kind == .vote }
        let method = votePhase.flatMap { design.phases[$0].voteMethod } ?? .agreeDisagree
        let statements: [[String: Any]] = state.statements.map { statement in
            ["text": statement.text(in: language), "cost": statement.cost.map { String($0) } ?? ""]
        }
        let copies = min(max(state.participants.count, 1), ConversationRules.defaultMaximumParticipants)
        return services.pages.page("ballots", [
            "title": design.title, "code": state.joinCode, "statements": statements,
            "question": state.question(phase: votePhase, in: language) ?? "",
            "isAgree": method == .agreeDisagree, "isBudget": method == .budget, "isDots": method == .dots,
            "dots": votePhase.flatMap { design.phases[$0].dots } ?? 0, "budget": votePhase.flatMap { design.phases[$0].budget } ?? 0,
            "copies": Array(1...copies),
        ], request: request)
    }
}
