import CoCreateCore
import Foundation
import Hummingbird
import Seating

/// Seating and the printable forms: generate and adjust the plan, print badges, table cards
/// and scribe sheets, so nothing needs a phone.
extension ConsoleController {
    func addSeatingRoutes(to group: RouterGroup<FacilitatorContext>) {
        group.post("/conversations/:id/seating", use: generateSeating)
        group.post("/conversations/:id/seating/move", use: moveSeat)
        group.post("/conversations/:id/seating/lock", use: lockTable)
        group.get("/conversations/:id/print/badges", use: printPlan)
        group.get("/conversations/:id/print/tables", use: printPlan)
        group.get("/conversations/:id/print/scribe-sheets", use: scribeSheets)
    }

    @Sendable func generateSeating(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await services.latestState(id)
        // The seed comes from the form's id, so a retried request computes the same plan.
        let formID = fields["id"].flatMap(UUID.init(uuidString:)) ?? services.effects.newID()
        let seed = fields["seed"].flatMap(UInt64.init) ?? SeatingBridge.seed(from: formID)
        let published = try await Task.detached { try SeatingBridge.plan(state, seed: seed) }.value
        let newState = try await services.append([.seatingPublished(published)], to: id, ids: [formID])
        return respond(request, state: newState, redirect: "/conversations/\(id)#tables-h")
    }

    @Sendable func moveSeat(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await services.latestState(id)
        let published = try SeatingBridge.move(fields["participantID"] ?? "", toTable: fields["table"].flatMap(Int.init) ?? 0, in: state)
        let newState = try await services.append([.seatingPublished(published)], to: id)
        return respond(request, state: newState, redirect: "/conversations/\(id)#tables-h")
    }

    /// Keeps a table of the coming round as it is when the seating is generated again, or releases it.
    @Sendable func lockTable(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = try await form(request, context)
        let state = try await services.latestState(id)
        guard let round = fields["round"].flatMap(Int.init) ?? state.roundToSeat else {
            throw RuleViolation(field: "round", message: "there is no round to seat")
        }
        let lock = TableLocked(round: round, table: fields["table"].flatMap(Int.init) ?? 0, locked: fields["locked"] != "false")
        let newState = try await services.append([.tableLocked(lock)], to: id)
        return respond(request, state: newState, redirect: "/conversations/\(id)#tables-h")
    }

    /// The seating engine's printable pages: the plan per round, a badge per person, a card per table.
    @Sendable func printPlan(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        guard !state.seating.isEmpty else { throw RuleViolation(field: "seating", message: "generate the seating before printing it") }
        let html = PlanEncoding.html(SeatingBridge.seatingPlan(from: state), people: SeatingBridge.people(state), title: state.design?.title ?? "Seating")
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// One sheet per table per round for the scribe: the question, the structure, the seats, and space to write.
    @Sendable func scribeSheets(request: Request, context: FacilitatorContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let state = try await services.hub(id).current()
        guard let design = state.design else { throw NotFound(what: "conversation") }
        let rounds = design.phases.filter { $0.kind == .round }
        let sheets: [[String: Any]] = state.seating.flatMap { seated -> [[String: Any]] in
            let phase = seated.round <= rounds.count ? rounds[seated.round - 1] : nil
            return seated.tables.map { table -> [String: Any] in
                [
                    "round": seated.round, "table": table.table, "question": phase?.question ?? design.questions.first ?? "",
                    "structure": phase?.structure?.displayName ?? "", "turnRule": phase?.structure?.turnRule ?? "",
                    "people": table.seats.map { seat in ["name": state.participant(seat.participantID)?.name ?? seat.participantID, "role": seat.role?.displayName ?? ""] },
                    "lines": Array(repeating: 0, count: 14),
                ]
            }
        }
        return services.pages.page("scribe-sheets", ["title": design.title, "sheets": sheets, "code": state.joinCode], request: request)
    }
}
